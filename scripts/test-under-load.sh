#!/usr/bin/env bash
# `npm run test:load [-- RUNS]`: the load proof of the test suite. Starts `stress-ng --cpu N`
# (N = the number of cores, so every core is kept busy), runs the whole `npm test` RUNS times in a
# row (default 3), stops the load generator it started, and prints each run's result and time.
# Exits non-zero when any run failed. Logs: $TMPDIR/twilio-credentials-test-load/run-K.log (outside
# out/, which the builds of `npm test` replace).
set -u
runs="${1:-3}"
cpus="$(nproc)"
cd "$(dirname "$0")/.."
if ! command -v stress-ng >/dev/null; then
  echo "stress-ng is not installed (Debian/Ubuntu: apt-get install -y stress-ng)" >&2
  exit 2
fi
logs="${TMPDIR:-/tmp}/twilio-credentials-test-load"
mkdir -p "$logs"
stress-ng --cpu "$cpus" --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null; wait "$stress" 2>/dev/null' EXIT
echo "stress-ng --cpu $cpus (pid $stress); npm test x $runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
failed=0
for k in $(seq 1 "$runs"); do
  log="$logs/run-$k.log"
  started=$(date +%s)
  npm test >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - started ))
  summary="$(grep -E '^\s+[0-9]+ (passing|failing|pending)' "$log" | tr -s ' ' | tr '\n' ';')"
  echo "run $k: exit $rc in ${secs}s; mocha: ${summary:-none}; load average: $(cut -d' ' -f1-3 /proc/loadavg); log: $log"
  [ "$rc" -eq 0 ] || failed=$((failed + 1))
done
echo "$((runs - failed)) of $runs runs passed under stress-ng --cpu $cpus"
[ "$failed" -eq 0 ]
