#!/usr/bin/env bash
# Whole-process benchmark: `./tito module release --all --student` on a generated 20-module course,
# beside the floor of `./tito --help` (JVM start-up plus picocli), measured interleaved in the same run.
# Usage: bench/release-all.sh [runs]   (default 15; prints medians and their ratio, target <= 2x)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
./tito --help >/dev/null # builds the jar (and its class-data archive) outside the measurement
./tito bench course --modules 20 "$work/course" >/dev/null

millis() { date +%s%N | cut -c1-13; }
time_once() {
  local start end
  start=$(millis)
  "$@" >/dev/null 2>&1
  end=$(millis)
  echo $((end - start))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

: >"$work/help.ms"
: >"$work/release.ms"
for _ in $(seq "$runs"); do
  time_once ./tito --help >>"$work/help.ms"
  time_once ./tito module release --all --student --course "$work/course" >>"$work/release.ms"
done
help=$(median <"$work/help.ms")
release=$(median <"$work/release.ms")
echo "runs: $runs, interleaved; medians in ms"
echo "floor   ./tito --help:                                      $help ms"
echo "tito    ./tito module release --all --student (20 modules): $release ms"
awk -v r="$release" -v h="$help" 'BEGIN { ratio = r / h; printf "ratio   %.2fx of the floor (target <= 2x): %s\n", ratio, ratio <= 2 ? "met" : "MISSED" }'
