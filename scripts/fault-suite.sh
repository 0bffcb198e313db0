#!/usr/bin/env bash
# Runs system-tests' FaultSuiteIT alone: the short version (2,000 contacts, every fault once; it also runs in
# ./mvnw verify) or, with "full", the full one (20,000 contacts, every fault three times). It builds the services it
# starts but skips the other modules' tests. The counts table ("=== fault suite counts ===") is printed near the end
# of the output, which is also kept in system-tests/target/fault-suite.log.
#   scripts/fault-suite.sh          # short
#   scripts/fault-suite.sh full     # full
set -euo pipefail
cd "$(dirname "$0")/.."
profile=()
if [ "${1:-}" = "full" ]; then profile=(-Pfaults-full); fi
mkdir -p system-tests/target
./mvnw -pl system-tests -am verify "${profile[@]}" -Dit.test=FaultSuiteIT -Dtest=NoSuchTest \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | tee system-tests/target/fault-suite.log
exit "${PIPESTATUS[0]}"
