#!/usr/bin/env bash
# Runs the contact center on this machine: real Kafka and PostgreSQL (data kept in .local/), the four services
# with demo data, and the Vonage simulator (unless VONAGE_APPLICATION_ID, VONAGE_PRIVATE_KEY and
# VONAGE_SIGNATURE_SECRET are set: then real Vonage, with GATEWAY_PUBLIC_URL and VONAGE_NUMBER). Builds what is
# missing, places one demo call through the simulator and prints its timeline, then stays up until Ctrl-C,
# which stops everything it started.
#   deploy/local/run.sh              build if needed, start, demo call, stay up
#   REBUILD=1 deploy/local/run.sh    rebuild first
#   DEMO_ONLY=1 deploy/local/run.sh  stop after the demo call (exit status says whether it completed)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
LOCAL=$(realpath -m "${LOCAL_DIR:-$ROOT/.local}") # absolute: the services run in their own directories
LOGS=$LOCAL/logs
mkdir -p "$LOGS"

KAFKA_PORT=${KAFKA_PORT:-19092}
POSTGRES_PORT=${POSTGRES_PORT:-15432}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
DIRECTORY_PORT=${DIRECTORY_PORT:-8082}
ROUTING_PORT=${ROUTING_PORT:-8083}
SURVEY_PORT=${SURVEY_PORT:-8084}
WALLBOARD_PORT=${WALLBOARD_PORT:-8085}
SIMULATOR_PORT=${SIMULATOR_PORT:-8090}
VERSION=1.0.0-SNAPSHOT
INFRA_CP="local-infra/target/local-infra-$VERSION.jar:local-infra/target/lib/*"

pids=()
stop_all() {
  trap '' INT TERM # a second Ctrl-C (or TERM) must not cut the clean-up short and leave processes behind
  trap - EXIT
  echo "stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped"
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

missing=0
for module in agent-directory webhook-gateway routing-service survey-service wallboard vonage-simulator; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
if [ "${REBUILD:-0}" = 1 ] || [ "$missing" = 1 ] || [ ! -d local-infra/target/lib ]; then
  echo "building (mvn -B -q package -DskipTests)..."
  mvn -B -q package -DskipTests
fi

wait_for() { # name, url, log; fails at once when the service's process has ended (its pid in pid_<name>)
  for _ in $(seq 240); do
    if curl -fs --max-time 5 "$2" >/dev/null 2>&1; then echo "$1 ready: ${2%/q/health/ready}"; return 0; fi
    pid_var=pid_${1//-/_}
    kill -0 "${!pid_var}" 2>/dev/null || break
    sleep 0.5
  done
  echo "$1 did not become ready; the end of $3:" >&2
  tail -n 40 "$3" >&2
  exit 1
}

echo "starting Kafka and PostgreSQL (data in .local/)..."
java -cp "$INFRA_CP" io.contactcenter.infra.LocalInfraMain --data "$LOCAL" \
  --kafka-port "$KAFKA_PORT" --controller-port "${KAFKA_CONTROLLER_PORT:-19093}" --postgres-port "$POSTGRES_PORT" >"$LOGS/infra.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do grep -q '^READY' "$LOGS/infra.log" 2>/dev/null && break; sleep 0.5; done
grep '^READY' "$LOGS/infra.log" || { echo "infra did not start; see $LOGS/infra.log" >&2; exit 1; }

token() { java -cp "$INFRA_CP" io.contactcenter.infra.AuthKeys "$1" "$2" "$3" 86400; }
ADMIN_TOKEN=$(token "$LOCAL/auth" admin admin)
# each service its own key pair (.local/auth/services/<name>/): it mints its own directory tokens, the directory
# trusts each public half for that service's role only
java -cp "$INFRA_CP" io.contactcenter.infra.AuthKeys --service-keys "$LOCAL/auth" gateway routing survey
SUPERVISOR_TOKEN=$(token "$LOCAL/auth" supervisor supervisor)

# Real Vonage when its credentials are in the environment, else the simulator with a local application key.
if [ -n "${VONAGE_APPLICATION_ID:-}" ] && [ -n "${VONAGE_PRIVATE_KEY:-}" ] && [ -n "${VONAGE_SIGNATURE_SECRET:-}" ]; then
  SIMULATE=0
  # a key file named relative to here must still be found by the services, which run in their own directories
  if [ -f "$VONAGE_PRIVATE_KEY" ]; then VONAGE_PRIVATE_KEY=$(realpath "$VONAGE_PRIVATE_KEY"); export VONAGE_PRIVATE_KEY; fi
  : "${GATEWAY_PUBLIC_URL:?set GATEWAY_PUBLIC_URL to where Vonage reaches this machine}"
  : "${VONAGE_NUMBER:?set VONAGE_NUMBER to the contact-center number}"
else
  SIMULATE=1
  token "$LOCAL/vonage-app" unused unused >/dev/null   # creates the simulated application's key pair once
  [ -f "$LOCAL/signature-secret" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$LOCAL/signature-secret"
  export VONAGE_APPLICATION_ID=aaaaaaaa-bbbb-cccc-dddd-0123456789ab
  export VONAGE_PRIVATE_KEY=$LOCAL/vonage-app/private.pem
  export VONAGE_SIGNATURE_SECRET
  VONAGE_SIGNATURE_SECRET=$(cat "$LOCAL/signature-secret")
  export VONAGE_API_BASE_URL=http://127.0.0.1:$SIMULATOR_PORT
  export VONAGE_NUMBER=447700900000
  export GATEWAY_PUBLIC_URL=http://127.0.0.1:$GATEWAY_PORT
  # the simulator is the only Vonage region the services may send the application's JWT to
  export VONAGE_REGION_ALLOWLIST=$VONAGE_API_BASE_URL
fi
# signs our parameters in the webhook URLs handed to Vonage (kept, so calls in flight survive a restart)
[ -f "$LOCAL/webhook-signing-key" ] || head -c 48 /dev/urandom | base64 | tr -d '/+=' >"$LOCAL/webhook-signing-key"
export WEBHOOK_SIGNING_KEY
WEBHOOK_SIGNING_KEY=${WEBHOOK_SIGNING_KEY:-$(cat "$LOCAL/webhook-signing-key")}

export DB_USER=postgres DB_PASSWORD= AUTH_PUBLIC_KEY_LOCATION=$LOCAL/auth/public.pem
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
export DIRECTORY_URL=http://127.0.0.1:$DIRECTORY_PORT
export AUTH_GATEWAY_PUBLIC_KEY=$LOCAL/auth/services/gateway/public.pem \
  AUTH_ROUTING_PUBLIC_KEY=$LOCAL/auth/services/routing/public.pem AUTH_SURVEY_PUBLIC_KEY=$LOCAL/auth/services/survey/public.pem

start_service() { # module, port, extra env...
  local module=$1 port=$2; shift 2
  # the JVM options of ServiceProcess.JVM_OPTIONS (local-infra): client compiler only, serial GC, a small initial
  # heap; and the build's class-data archive, which names the class path relative to the quarkus-app directory
  (cd "$module/target/quarkus-app" && exec env "$@" QUARKUS_HTTP_PORT="$port" java -Xmx384m \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar \
    >"$LOGS/$module.log" 2>&1) &
  pids+=($!)
  printf -v "pid_${module//-/_}" '%s' "$!" # bash 3.2 (macOS) has no associative arrays
}

if [ "$SIMULATE" = 1 ]; then
  start_service vonage-simulator "$SIMULATOR_PORT" \
    SIMULATOR_ANSWER_URL="$GATEWAY_PUBLIC_URL/webhooks/answer" SIMULATOR_EVENT_URL="$GATEWAY_PUBLIC_URL/webhooks/event" \
    SIMULATOR_APPLICATION_PUBLIC_KEY="$LOCAL/vonage-app/public.pem" SIMULATOR_NUMBER="$VONAGE_NUMBER" \
    SIMULATOR_TIME_FACTOR="${SIMULATOR_TIME_FACTOR:-2}"
fi
# the agent desk: agents sign in with tokens of our issuer; the demo agents' local-only password is made once; with the
# simulator, the desk's phone is the simulator's desk API (in-app agents ring in the browser)
[ -f "$LOCAL/desk-demo-password" ] || head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$LOCAL/desk-demo-password"
DESK_PASSWORD=$(cat "$LOCAL/desk-demo-password")
DESK_PHONE=(DIRECTORY_DESK_PHONE=vonage)
[ "$SIMULATE" = 1 ] && DESK_PHONE=(DIRECTORY_DESK_PHONE=simulator DIRECTORY_DESK_SIMULATOR_URL="http://127.0.0.1:$SIMULATOR_PORT")
start_service agent-directory "$DIRECTORY_PORT" DB_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/directory" QUARKUS_PROFILE=local \
  AUTH_SIGNING_KEY_LOCATION="$LOCAL/auth/private.pem" SURVEY_URL="http://127.0.0.1:$SURVEY_PORT" \
  DIRECTORY_DEMO_PASSWORD="$DESK_PASSWORD" DIRECTORY_DESK_ROUTING_URL="http://127.0.0.1:$ROUTING_PORT" "${DESK_PHONE[@]}"
wait_for agent-directory "$DIRECTORY_URL/q/health/ready" "$LOGS/agent-directory.log"
start_service webhook-gateway "$GATEWAY_PORT" GATEWAY_JSON_LOGS=false DIRECTORY_SERVICE_KEY="$LOCAL/auth/services/gateway/private.pem"
# the desk (served by the directory) and the wallboard call routing's call controls from the browser (CORS)
start_service routing-service "$ROUTING_PORT" DB_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/routing" \
  DIRECTORY_SERVICE_KEY="$LOCAL/auth/services/routing/private.pem" \
  ROUTING_CORS_ORIGINS="http://127.0.0.1:$DIRECTORY_PORT,http://localhost:$DIRECTORY_PORT,http://127.0.0.1:$WALLBOARD_PORT,http://localhost:$WALLBOARD_PORT"
start_service survey-service "$SURVEY_PORT" DB_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/survey" \
  DIRECTORY_SERVICE_KEY="$LOCAL/auth/services/survey/private.pem"
wait_for webhook-gateway "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" "$LOGS/webhook-gateway.log"
wait_for routing-service "http://127.0.0.1:$ROUTING_PORT/q/health/ready" "$LOGS/routing-service.log"
wait_for survey-service "http://127.0.0.1:$SURVEY_PORT/q/health/ready" "$LOGS/survey-service.log"
# the wallboard's state stores are rebuilt from their changelog topics; it creates its source topics when missing
start_service wallboard "$WALLBOARD_PORT" WALLBOARD_STATE_DIR="$LOCAL/wallboard-state" WALLBOARD_CREATE_SOURCE_TOPICS=true \
  WALLBOARD_ROUTING_URL="http://127.0.0.1:$ROUTING_PORT"
wait_for wallboard "http://127.0.0.1:$WALLBOARD_PORT/q/health/ready" "$LOGS/wallboard.log"

if [ "$SIMULATE" = 1 ]; then
  SIM=http://127.0.0.1:$SIMULATOR_PORT
  wait_for vonage-simulator "$SIM/q/health/ready" "$LOGS/vonage-simulator.log"
  echo
  echo "demo call: a caller dials, presses 1 for Sales, Jane answers, talks, hangs up, the caller rates 5..."
  curl -fsS -X PUT "$SIM/simulator/endpoints" -H 'Content-Type: application/json' \
    -d '{"type":"phone","value":"14155550101","behaviour":"answer","answerAfterSeconds":2,"hangupAfterSeconds":4}' >/dev/null
  CALL_ID=$(curl -fsS -X POST "$SIM/simulator/callers" -H 'Content-Type: application/json' \
    -d '{"from":"447700900123","steps":[{"whenHeard":"press 1","digits":"1"},{"whenHeard":"1 to 5","digits":"5"}]}' \
    | sed -E 's/.*"callId":"([^"]+)".*/\1/')
  result=""
  for _ in $(seq 120); do
    result=$(curl -fsS "http://127.0.0.1:$SURVEY_PORT/surveys" -H "Authorization: Bearer $SUPERVISOR_TOKEN" 2>/dev/null \
      | grep -o "{[^{}]*\"callId\":\"$CALL_ID\"[^{}]*}" || true)
    [ -n "$result" ] && break
    sleep 1
  done
  echo "timeline of call $CALL_ID (what the caller heard and pressed, legs, webhooks):"
  curl -fsS "$SIM/simulator/calls/$CALL_ID/transcript" \
    | grep -oE '"simSeconds":[0-9.]+,"type":"[^"]+"(,"callId":"[^"]*")?(,"legId":"[^"]*")?(,"conversation":"[^"]*")?,"text":"([^"\\]|\\.)*"' \
    | sed -E 's/"simSeconds":([0-9.]+),"type":"([^"]+)".*"text":"(.*)"$/  \1s  \2  \3/; s/\\"/"/g'
  if [ -n "$result" ]; then echo "stored survey result: $result"; else echo "no survey result within 2 minutes; see .local/logs" >&2; fi
fi

cat <<INFO

Contact center is up (logs in .local/logs). Ctrl-C stops everything.
  webhook-gateway  $GATEWAY_PUBLIC_URL/webhooks/answer (and /webhooks/event) - configure these in the Vonage application
  agent-directory  $DIRECTORY_URL   (OpenAPI: /q/openapi)
  agent desk       $DIRECTORY_URL/desk/   sign in as Jane, Joe or Alice (in-app), password $DESK_PASSWORD
  routing-service  http://127.0.0.1:$ROUTING_PORT
  survey-service   http://127.0.0.1:$SURVEY_PORT/surveys, /surveys/stats
  wallboard        http://127.0.0.1:$WALLBOARD_PORT/   live figures: sign in as a supervisor or paste the supervisor token below
INFO
[ "$SIMULATE" = 1 ] && echo "  softphone        http://127.0.0.1:$SIMULATOR_PORT/   (Vonage simulator: dial, press keys, answer as an agent)"
cat <<INFO
  Kafka            $KAFKA_BOOTSTRAP_SERVERS (topics call-events, route-requests, call-assignments, survey-results, agent-activity)
  PostgreSQL       jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/<directory|routing|survey> (user postgres)

Tokens (valid 24 h):
  admin       $ADMIN_TOKEN
  supervisor  $SUPERVISOR_TOKEN
INFO
if [ "${DEMO_ONLY:-0}" = 1 ]; then [ -n "${result:-}" ]; exit $?; fi
wait "${pids[0]}"
