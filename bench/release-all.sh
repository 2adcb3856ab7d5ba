#!/usr/bin/env bash
# Whole-process benchmark: `./tito module release --all --student` on a generated 20-module course,
# beside the floor of `./tito --help` (JVM start-up plus picocli), measured interleaved in the same run.
# Reports medians of wall time (the target: release <= 2x the floor) and of CPU time (user + sys,
# which a machine shared with other work disturbs less).
# Usage: bench/release-all.sh [runs]   (default 15)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
./tito --help >/dev/null # builds the jar and its class-data archive outside the measurement
./tito bench course --modules 20 "$work/course" >/dev/null

# one line per run: wall seconds, CPU seconds
time_once() {
  /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >/dev/null 2>&1
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: >"$work/help"
: >"$work/release"
for _ in $(seq "$runs"); do
  time_once ./tito --help >>"$work/help"
  time_once ./tito module release --all --student --course "$work/course" >>"$work/release"
done
help_wall=$(cut -d' ' -f1 "$work/help" | median)
help_cpu=$(cut -d' ' -f2 "$work/help" | median)
release_wall=$(cut -d' ' -f1 "$work/release" | median)
release_cpu=$(cut -d' ' -f2 "$work/release" | median)
echo "runs: $runs, interleaved; medians"
printf "floor   ./tito --help:                                      wall %5.2f s  cpu %5.2f s\n" "$help_wall" "$help_cpu"
printf "tito    ./tito module release --all --student (20 modules): wall %5.2f s  cpu %5.2f s\n" "$release_wall" "$release_cpu"
awk -v r="$release_wall" -v h="$help_wall" -v rc="$release_cpu" -v hc="$help_cpu" 'BEGIN {
  ratio = r / h
  printf "ratio   wall %.2fx of the floor (target <= 2x): %s; cpu %.2fx\n", ratio, ratio <= 2 ? "met" : "MISSED", rc / hc }'
