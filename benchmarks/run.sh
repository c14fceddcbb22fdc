#!/usr/bin/env bash
# The benchmark (issue 9): starts real Kafka and PostgreSQL, the four services, the wallboard, the Vonage simulator and
# a bare baseline app as processes on this machine, measures the answer webhook, routing and survey latency, the
# wallboard's lag, capacity and cost, prints a table and writes docs/benchmarks.md and docs/benchmarks.json. About 7 minutes on 2 cores, plus
# about 2 minutes to build from a fresh clone.
#   benchmarks/run.sh               build what is missing, run
#   REBUILD=1 benchmarks/run.sh     rebuild the modules it needs first
#   BENCH_JFR=1 benchmarks/run.sh   also record a JFR profile of every service (benchmarks/target/bench-logs/*.jfr)
# Other knobs (defaults in brackets): BENCH_REPEATS [3], BENCH_ANSWER_SECONDS [5], BENCH_CONNECTIONS [16],
# BENCH_OPEN_RATES [1000,2000], BENCH_CALL_RATES [5,10,20,50], BENCH_CALL_SECONDS [10], BENCH_CALL_WARMUP_SECONDS [10] (10 calls/s, not measured), BENCH_CAPACITY_RATES [75,100],
# BENCH_HOLD_CALLS [2000], BENCH_HOLD_RATE [50], BENCH_PROBE_RATE [5], BENCH_AGENTS [100], BENCH_TIME_FACTOR [10],
# BENCH_SERVICE_HEAP [256m], BENCH_PHASES [calls,dispatch,hold,answer], BENCH_DISPATCH_CALLS [40], BENCH_DISPATCH_AGENTS [2], BENCH_IDLE_SECONDS [60].
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=1.0.0-SNAPSHOT

missing=0
for jar in agent-directory webhook-gateway routing-service survey-service wallboard vonage-simulator benchmarks/baseline; do
  [ -f "$jar/target/quarkus-app/quarkus-run.jar" ] || missing=1
done
[ -f "benchmarks/runner/target/benchmarks-$VERSION.jar" ] && [ -d benchmarks/runner/target/lib ] || missing=1
[ -f "local-infra/target/local-infra-$VERSION.jar" ] && [ -d local-infra/target/lib ] || missing=1
if [ "${REBUILD:-0}" = 1 ] || [ "$missing" = 1 ]; then
  echo "building (mvn -B -q install -DskipTests -pl benchmarks/runner -am)..."
  mvn -B -q install -DskipTests -pl benchmarks/runner -am
fi

exec java -Xmx1g -cp "benchmarks/runner/target/benchmarks-$VERSION.jar:benchmarks/runner/target/lib/*" \
  io.contactcenter.bench.BenchMain "$PWD" "benchmarks/run.sh${*:+ $*}"
