#!/usr/bin/env bash
# Smoke test of one packaged service with exactly its Deployment's environment.
#
#   deploy/native/smoke.sh <module> <environment file> [--keep]
#
# Runs <module>/target/<module>-<version>-runner (the native executable) when it exists, else the JVM build
# (<module>/target/quarkus-app/quarkus-run.jar), with the environment file as its WHOLE environment (env -i): NUL-separated
# NAME=value entries, as /proc/<pid>/environ; deploy-checks' PackagedServicesTest writes one per Deployment under
# deploy-checks/target/deployment-env/ (the rendered env and ConfigMap, Secrets from test keys, addresses of a
# local Kafka and PostgreSQL). Waits for /q/health/ready, makes the module's one request (below) and checks its
# answer, then stops the service with SIGTERM, or with --keep leaves it running and prints "pid=<pid>" last.
# SMOKE_LOG: the service's log (default <module>/target/smoke.log); SMOKE_READY_SECONDS: how long to wait (120).
set -euo pipefail

module=${1:?usage: smoke.sh <module> <environment file> [--keep]}
environment_file=${2:?usage: smoke.sh <module> <environment file> [--keep]}
keep=${3:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
target="$root/$module/target"
log=${SMOKE_LOG:-$target/smoke.log}
ready_seconds=${SMOKE_READY_SECONDS:-120}

mapfile -d '' environment < "$environment_file"
port=$(printf '%s\n' "${environment[@]}" | sed -n 's/^QUARKUS_HTTP_PORT=//p')
if [ -z "$port" ]; then
  port=$(sed -n 's/^quarkus\.http\.port=//p' "$root/$module/src/main/resources/application.properties")
fi
url="http://127.0.0.1:$port"

runner=$(find "$target" -maxdepth 1 -name '*-runner' -type f -perm -u+x 2>/dev/null | head -n 1)
if [ -n "$runner" ]; then
  kind=native
  directory="$target"
  command=("$runner")
else
  kind=jvm
  directory="$target/quarkus-app"
  # the JVM options of ServiceProcess (local-infra): a few shared cores, no server compiler; the build's class-data
  # archive when there is one (it records the class path relative to the jar's folder, hence running there)
  command=("${JAVA:-$(command -v java)}" -Xmx256m -Xms32m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
  if [ -f "$directory/app-cds.jsa" ]; then
    command+=(-XX:SharedArchiveFile=app-cds.jsa)
  fi
  command+=(-jar quarkus-run.jar)
fi

started=$(date +%s%N)
(cd "$directory" && exec env -i "${environment[@]}" "${command[@]}") < /dev/null >> "$log" 2>&1 &
pid=$!

fail() {
  echo "smoke: $module ($kind): $*; log: $log" >&2
  kill "$pid" 2> /dev/null || true
  exit 1
}

until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/q/health/ready")" = 200 ]; do
  kill -0 "$pid" 2> /dev/null || fail "exited before it was ready"
  [ $(( ($(date +%s%N) - started) / 1000000000 )) -lt "$ready_seconds" ] || fail "not ready within ${ready_seconds} s"
  sleep 0.2
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))

# One request per module through its real code (JSON, the problem+json mapper, a static resource), expected status and
# content type.
case "$module" in
  agent-directory) request=(-X POST -H 'Content-Type: application/json' -d '{"name":"smoke","password":"wrong"}'
      "$url/auth/sign-in"); expected="401 application/problem+json" ;;
  webhook-gateway) request=("$url/audio/hold.wav"); expected="200 audio/wav" ;;
  survey-service) request=("$url/surveys/stats"); expected="401 application/problem+json" ;;
  wallboard) request=("$url/wallboard/departments"); expected="401 application/problem+json" ;;
  routing-service) request=("$url/calls/live"); expected="401 application/problem+json" ;;
  *) fail "no smoke request defined for this module" ;;
esac
answer=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --max-time 10 "${request[@]}")
[[ "$answer" == "$expected"* ]] || fail "${request[*]: -1} answered '$answer', expected '$expected'"

echo "smoke: $module ($kind) ready in $ready_ms ms; ${request[*]: -1} answered $answer"
if [ "$keep" = --keep ]; then
  echo "pid=$pid"
else
  kill -TERM "$pid"
  wait "$pid" || true
fi
