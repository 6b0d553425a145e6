#!/usr/bin/env bash
# The test command of the README: installs what the tests need, runs every test project against a real
# PostgreSQL (a throwaway private cluster, or ConnectionStrings__Banking when set), and ends with
# the line "N passed, N failed" summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-prerequisites.sh || exit 1

log=$(mktemp)
dotnet test BankingLlm.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test project prints e.g. "Passed!  - Failed:     0, Passed:    72, Skipped:     0, Total:    72, ..."
read -r passed failed < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\2 \1/p' "$log" |
  awk '{p+=$1; f+=$2} END {print p+0, f+0}')
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed without a failed test (a build error or a crashed test host): count it as a failure.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
