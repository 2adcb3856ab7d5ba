#!/usr/bin/env bash
# Grading benchmark (not a test). Per-submission wall time of `./tito module grade` (a batch of N at
# --parallel 1, divided by N, so the JVM start is shared as in real use; and a single --student run,
# JVM start included) beside `jupyter nbconvert --execute` alone on the same notebook, measured in the
# same run (target <= 1.1x); then the batch at --parallel 2 (target >= 1.7x speed-up).
# Usage: bench/grading.sh [runs] [batch]   (defaults 7 and 100)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
batch="${2:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
./tito --help >/dev/null

course="$work/course"
mkdir -p "$course/source/m1"
cat >"$course/source/m1/p1.ipynb" <<'NB'
{"cells": [
 {"cell_type": "code", "execution_count": null, "id": "a1", "outputs": [],
  "metadata": {"nbgrader": {"schema_version": 3, "grade": false, "solution": true, "locked": false, "grade_id": "answer"}},
  "source": "def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION"},
 {"cell_type": "code", "execution_count": null, "id": "a2", "outputs": [],
  "metadata": {"nbgrader": {"schema_version": 3, "grade": true, "solution": false, "locked": true, "grade_id": "check", "points": 1}},
  "source": "assert add(1, 2) == 3"}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}
NB
./tito module release m1 --student --course "$course" >/dev/null
for i in $(seq -f "s%03g" 1 "$batch"); do
  mkdir -p "$course/submitted/$i/m1"
  cp "$course/release/m1/p1.ipynb" "$course/submitted/$i/m1/p1.ipynb"
done
cp "$course/release/m1/p1.ipynb" "$work/alone.ipynb"

# grading exits 0 here; nbconvert must too (the released answer raises, hence allow_errors as in grading)
wall() { /usr/bin/time -o "$work/t" -f "%e" "$@" >/dev/null 2>&1; tail -1 "$work/t"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: >"$work/alone"; : >"$work/tito"
for _ in $(seq "$runs"); do
  (cd "$work" && wall /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.allow_errors=True --stdout alone.ipynb) >>"$work/alone"
  wall ./tito module grade m1 --course "$course" --student s001 >>"$work/tito"
done
alone=$(median <"$work/alone"); one=$(median <"$work/tito")
echo "single submission (median of $runs): nbconvert alone ${alone}s, tito module grade --student ${one}s (JVM start included), ratio $(awk -v a="$one" -v b="$alone" 'BEGIN { printf "%.2f", a / b }')"

p1=$(wall ./tito module grade m1 --course "$course" --parallel 1)
p2=$(wall ./tito module grade m1 --course "$course" --parallel 2)
echo "per submission in the batch: $(awk -v a="$p1" -v n="$batch" 'BEGIN { printf "%.2f", a / n }')s, ratio to nbconvert alone $(awk -v a="$p1" -v n="$batch" -v b="$alone" 'BEGIN { printf "%.2f", a / n / b }')"
echo "batch of $batch: --parallel 1 ${p1}s, --parallel 2 ${p2}s, speed-up $(awk -v a="$p1" -v b="$p2" 'BEGIN { printf "%.2f", a / b }')x"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
