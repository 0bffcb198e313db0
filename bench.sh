#!/usr/bin/env bash
# One bench: the built system with a real broker and PostgreSQL (started by local-infra, as in the tests), every figure
# next to a raw baseline of the same work measured in the same run, then one table.
#   ./bench.sh                      builds what each needs (no tests), then
#                                   1. window-tracker's TrackerBenchmark: apply and expiry lateness (1M contacts)
#                                   2. system-tests' SystemBenchmark: the three packaged services as processes, a fake
#                                      Twilio that only records arrivals; ingest, end to end, sender, RSS, start-up
#   BENCH_SCALE=1 ./bench.sh        also loads 1M and 10M contacts with generate_series (schemas scale1m / scale10m of
#                                   $PGDATABASE) and times the due-window lookups on both (bench/claim-scaling.sql)
#   BENCH_ONLY=tracker|system       one of the two benchmarks
# Extra Maven arguments pass through to both, e.g. ./bench.sh -Dbench.consumers=2 -Dbench.seconds=30
#   SERVICE_JAVA_OPTS="... -XX:NativeMemoryTracking=summary" ./bench.sh   also prints each service's memory by area
# Never part of ./mvnw verify: each benchmark runs only in its module's profile "benchmarks".
set -euo pipefail
cd "$(dirname "$0")"
: "${PGDATABASE:=postgres}"
export PGDATABASE
# the services' JVM flags, as ./run-local.sh starts them (the same default there)
: "${SERVICE_JAVA_OPTS:=-Xmx160m -Xss512k -XX:+UseSerialGC}"
out=$(mktemp -d)/bench.log
started=$SECONDS
load() { echo "LOAD $1: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%T)" | tee -a "$out"; }
./mvnw -q -pl window-tracker -am install -DskipTests
if [[ "${BENCH_ONLY:-tracker}" == tracker ]]; then
  load "tracker bench start"
  ./mvnw -pl window-tracker verify -Pbenchmarks -Dtest=TrackerBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 \
    | tee -a "$out" | grep -E '^BENCH|^\[ERROR\] [^ ]|Tests run:|BUILD' || true
fi
if [[ "${BENCH_ONLY:-system}" == system ]]; then
  load "system bench start"
  # -am: the services are packaged (not installed) modules; -Dtest=NoSuchTest keeps their own benchmarks out
  ./mvnw -pl system-tests -am verify -Pbenchmarks -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dservices.java-options=$SERVICE_JAVA_OPTS" "$@" 2>&1 | tee -a "$out" | grep -E '^BENCH|^\[ERROR\] [^ ]|Tests run:|BUILD' || true
fi
if [[ "${BENCH_SCALE:-0}" == 1 ]]; then
  load "claim scaling start"
  for rows in 1000000 10000000; do
    psql -h 127.0.0.1 -U postgres -X -q -v rows=$rows -v schema=scale$((rows / 1000000))m -f bench/claim-scaling.sql \
      | tee -a "$out" | grep -E 'claim|next deadline|Time:'
  done
fi
load "end"
echo
echo "machine: $(nproc) cores, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $((SECONDS - started)) s in all"
grep -o 'LOAD .*' "$out" | sed 's/^LOAD /load average (1, 5, 15 min) at /'
echo "| figure | measured | target | baseline, same run | ratio | met |"
echo "|---|---|---|---|---|---|"
grep '^BENCH|' "$out" | sed -e 's/^BENCH|//' -e 's/|/ | /g' -e 's/^/| /' -e 's/$/ |/'
echo "full output: $out"
