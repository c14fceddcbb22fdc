#!/usr/bin/env bash
# Runs the contact center on this machine: real Kafka and PostgreSQL (data kept in .local/), the services with
# demo data. Builds what is missing first. Ctrl-C stops everything it started.
#   deploy/local/run.sh            build if needed, start, stay up
#   REBUILD=1 deploy/local/run.sh  rebuild first
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
LOCAL=$ROOT/.local
LOGS=$LOCAL/logs
mkdir -p "$LOGS"

KAFKA_PORT=${KAFKA_PORT:-19092}
POSTGRES_PORT=${POSTGRES_PORT:-15432}
DIRECTORY_PORT=${DIRECTORY_PORT:-8082}
VERSION=1.0.0-SNAPSHOT
INFRA_CP="local-infra/target/local-infra-$VERSION.jar:local-infra/target/lib/*"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped"
}
trap stop_all INT TERM EXIT

if [ "${REBUILD:-0}" = 1 ] || [ ! -f agent-directory/target/quarkus-app/quarkus-run.jar ] \
    || [ ! -d local-infra/target/lib ]; then
  echo "building (mvn -B -q package -DskipTests)..."
  mvn -B -q package -DskipTests
fi

wait_for() { # name, url, log
  for _ in $(seq 240); do
    if curl -fs "$2" >/dev/null 2>&1; then echo "$1 ready: ${2%/q/health/ready}"; return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; see $3" >&2; exit 1
}

echo "starting Kafka and PostgreSQL (data in .local/)..."
java -cp "$INFRA_CP" io.contactcenter.infra.LocalInfraMain --data "$LOCAL" \
  --kafka-port "$KAFKA_PORT" --postgres-port "$POSTGRES_PORT" >"$LOGS/infra.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do grep -q '^READY' "$LOGS/infra.log" 2>/dev/null && break; sleep 0.5; done
grep '^READY' "$LOGS/infra.log" || { echo "infra did not start; see $LOGS/infra.log" >&2; exit 1; }

token() { java -cp "$INFRA_CP" io.contactcenter.infra.AuthKeys "$LOCAL/auth" "$1" "$2" 86400; }
ADMIN_TOKEN=$(token admin admin)
SERVICE_TOKEN=$(token contact-center service)
SUPERVISOR_TOKEN=$(token supervisor supervisor)

export DB_USER=postgres DB_PASSWORD= AUTH_PUBLIC_KEY_LOCATION=$LOCAL/auth/public.pem
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT

DB_URL=jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/directory QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$DIRECTORY_PORT \
  java -jar agent-directory/target/quarkus-app/quarkus-run.jar >"$LOGS/agent-directory.log" 2>&1 &
pids+=($!)
wait_for agent-directory "http://127.0.0.1:$DIRECTORY_PORT/q/health/ready" "$LOGS/agent-directory.log"

cat <<INFO

Contact center is up (logs in .local/logs). Ctrl-C stops everything.
  agent-directory  http://127.0.0.1:$DIRECTORY_PORT   (OpenAPI: /q/openapi, metrics: /q/metrics)
  Kafka            127.0.0.1:$KAFKA_PORT
  PostgreSQL       jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/<directory|routing|survey> (user postgres)

Tokens (valid 24 h):
  admin       $ADMIN_TOKEN
  service     $SERVICE_TOKEN
  supervisor  $SUPERVISOR_TOKEN
Try: curl -H "Authorization: Bearer \$ADMIN_TOKEN" http://127.0.0.1:$DIRECTORY_PORT/departments
INFO
wait "${pids[0]}"
