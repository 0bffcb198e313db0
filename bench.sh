#!/usr/bin/env bash
# One bench: the window-tracker apply and expiry benchmarks with a real broker and PostgreSQL (started by local-infra,
# as in the tests), each next to a raw baseline of the same work measured in the same run, then one table.
#   ./bench.sh                      builds what the tracker needs, runs TrackerBenchmark, prints the table
#   BENCH_SCALE=1 ./bench.sh        also loads 1M and 10M contacts with generate_series (schemas scale1m / scale10m of
#                                   $PGDATABASE) and times the due-window lookups on both (bench/claim-scaling.sql)
# Extra Maven arguments pass through, e.g. ./bench.sh -Dbench.consumers=2 -Dbench.max-poll-records=2000
# Never part of ./mvnw verify: the benchmark runs only in the window-tracker profile "benchmarks".
set -euo pipefail
cd "$(dirname "$0")"
: "${PGDATABASE:=postgres}"
export PGDATABASE
out=$(mktemp -d)/bench.log
./mvnw -q -pl window-tracker -am install -DskipTests
./mvnw -pl window-tracker verify -Pbenchmarks -Dtest=TrackerBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 \
  | tee "$out" | grep -E '^BENCH|Tests run:|BUILD' || true
if [[ "${BENCH_SCALE:-0}" == 1 ]]; then
  for rows in 1000000 10000000; do
    psql -h 127.0.0.1 -U postgres -X -q -v rows=$rows -v schema=scale$((rows / 1000000))m -f bench/claim-scaling.sql \
      | tee -a "$out" | grep -E 'claim|next deadline|Time:'
  done
fi
echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo "| figure | measured | target | baseline, same run | ratio | met |"
echo "|---|---|---|---|---|---|"
grep '^BENCH|' "$out" | sed -e 's/^BENCH|/| /' -e 's/|/ | /g' -e 's/$/ |/' -e 's/^|  | /| /'
echo "full output: $out"
