#!/usr/bin/env bash
# Grading benchmark (not a test): `tito module grade` against real nbgrader 0.9.5 `autograde` on the same machine,
# the same submissions, runs interleaved (docs/benchmarks-grading.md). Prints median wall times, nbgrader's time
# divided by tito's, a single submission from command start to score, and whether both graders gave every
# submission the same score (their grades.csv compared; exit 1 when not).
# Usage: bench/grading.sh [runs] [batch] [tinytorch|one-cell]   (defaults 5, 10, tinytorch)
#   BASELINE=<another tito checkout, built>: its `tito module grade --parallel 1|2` is timed in the same interleaved
#   runs (base-p1, base-p2), for an A/B of two versions on a machine whose load the ratios alone cannot survive.
#   With perf, each command's CPU seconds (all its processes: `perf stat -e task-clock`) are printed too.
#   tinytorch: TinyTorch's modules/01_tensor/tensor.py through jupytext and `nbgrader update`, its imports cell made
#              read-only (it is a solution cell without markers: its release would lack `import numpy`); every
#              third student leaves one answer unwritten. one-cell: one answer, one test.
# Needs: NBGRADER_VENV (default /tmp/venv-nbg) with nbgrader==0.9.5, jupytext and numpy (made if missing, from PyPI);
# TINYTORCH, a TinyTorch checkout (git clone https://github.com/MLSysBook/TinyTorch), for the tinytorch module.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
batch="${2:-10}"
kind="${3:-tinytorch}"
venv="${NBGRADER_VENV:-/tmp/venv-nbg}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ ! -x "$venv/bin/nbgrader" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q nbgrader==0.9.5 jupytext numpy
fi
nbgrader() { env -C "$work/nbgrader" PATH="$venv/bin:$PATH" "$venv/bin/nbgrader" "$@"; }
helper() { python3 "$here/bench/grading_course.py" "$@"; }
baseline="${BASELINE:-}"
if [ -n "$baseline" ] && [ ! -x "$baseline/tito" ]; then
  echo "bench/grading.sh: BASELINE=$baseline has no ./tito (a checkout of tito)" >&2
  exit 2
fi
cd "$here"
./tito --help >/dev/null
if [ -n "$baseline" ]; then "$baseline/tito" --help >/dev/null; fi
cpu=""
if perf stat -x, -e task-clock -o /dev/null true 2>/dev/null; then cpu="perf stat -x, -e task-clock -o $work/perf"; fi

mkdir -p "$work/nbgrader" "$work/tito"
echo 'c = get_config(); c.CourseDirectory.course_id = "bench"' >"$work/nbgrader/nbgrader_config.py"
if [ "$kind" = tinytorch ]; then
  module=01_tensor notebook=tensor
  tinytorch="${TINYTORCH:-}"
  if [ ! -f "$tinytorch/modules/01_tensor/tensor.py" ]; then
    echo "bench/grading.sh: set TINYTORCH to a TinyTorch checkout with modules/01_tensor/tensor.py" \
      "(git clone https://github.com/MLSysBook/TinyTorch), or measure the one-cell module" >&2
    exit 2
  fi
  mkdir -p "$work/nbgrader/source/$module"
  PATH="$venv/bin:$PATH" jupytext --quiet --to ipynb -o "$work/nbgrader/source/$module/$notebook.ipynb" \
    "$tinytorch/modules/01_tensor/tensor.py"
  nbgrader update "source/$module/$notebook.ipynb" >/dev/null 2>&1
  helper read-only "$work/nbgrader/source/$module/$notebook.ipynb" imports
elif [ "$kind" = one-cell ]; then
  module=m1 notebook=p1
  mkdir -p "$work/nbgrader/source/$module"
  cat >"$work/nbgrader/source/$module/$notebook.ipynb" <<'NB'
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
else
  echo "bench/grading.sh: the module is tinytorch or one-cell, not '$kind'" >&2
  exit 2
fi
nbgrader generate_assignment "$module" --force >/dev/null 2>&1
mkdir -p "$work/tito/source"
cp -r "$work/nbgrader/source/$module" "$work/tito/source/"
./tito module release "$module" --student --course "$work/tito" >/dev/null
helper submissions "$work/nbgrader/release/$module/$notebook.ipynb" "$work/nbgrader/source/$module/$notebook.ipynb" \
  "$work/hand-ins" "$batch"
for student in "$work/hand-ins"/*; do
  for course in nbgrader tito; do
    mkdir -p "$work/$course/submitted/$(basename "$student")/$module"
    cp "$student/$notebook.ipynb" "$work/$course/submitted/$(basename "$student")/$module/"
  done
done

# wall seconds, then CPU seconds of the command and every process it started (- without perf)
wall() { $cpu /usr/bin/time -o "$work/t" -f "%e" "$@" >"$work/out" 2>&1 || [ $? -eq 1 ] || { cat "$work/out" >&2; exit 2; }
  echo "$(tail -1 "$work/t") $(if [ -n "$cpu" ]; then awk -F, '/task-clock/ { printf "%.2f", $1 / 1000 }' "$work/perf"; else echo -; fi)"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
measure() {
  case "$1" in
    nbgrader) wall env -C "$work/nbgrader" PATH="$venv/bin:$PATH" "$venv/bin/nbgrader" autograde "$module" --force ;;
    p1) wall ./tito module grade "$module" --course "$work/tito" --parallel 1 ;;
    p2) wall ./tito module grade "$module" --course "$work/tito" --parallel 2 ;;
    nbgrader-one) wall env -C "$work/nbgrader" PATH="$venv/bin:$PATH" "$venv/bin/nbgrader" autograde "$module" --force \
      --student s003 ;;
    tito-one) wall ./tito module grade "$module" --course "$work/tito" --student s003 ;;
    base-p1) wall "$baseline/tito" module grade "$module" --course "$work/tito" --parallel 1 ;;
    base-p2) wall "$baseline/tito" module grade "$module" --course "$work/tito" --parallel 2 ;;
  esac
}

echo "module $kind ($module/$notebook.ipynb, $batch submissions), $runs runs interleaved, load $(cut -d' ' -f1 /proc/loadavg) at the start on $(nproc) cores"
# one untimed round: files in the page cache, the JVM's class-data archive trained
kinds=(nbgrader p1 p2 nbgrader-one tito-one ${baseline:+base-p1 base-p2})
for what in nbgrader p1 ${baseline:+base-p1}; do measure "$what" >/dev/null; done
for run in $(seq "$runs"); do
  # the order rotates every run
  for i in "${!kinds[@]}"; do
    what="${kinds[$(((i + run - 1) % ${#kinds[@]}))]}"
    measure "$what" >"$work/m"
    cut -d' ' -f1 "$work/m" >>"$work/times-$what"
    cut -d' ' -f2 "$work/m" >>"$work/cpu-$what"
  done
done
for what in "${kinds[@]}"; do
  declare "m_${what//-/_}=$(median <"$work/times-$what")"
  echo "  $what: $(tr '\n' ' ' <"$work/times-$what")  CPU s: $(tr '\n' ' ' <"$work/cpu-$what")" >&2
done
echo "batch of $batch, median wall: nbgrader autograde ${m_nbgrader} s, tito --parallel 1 ${m_p1} s" \
  "($(ratio "$m_nbgrader" "$m_p1")x nbgrader), --parallel 2 ${m_p2} s ($(ratio "$m_nbgrader" "$m_p2")x nbgrader)"
echo "one submission, command start to score, median wall: nbgrader autograde --student ${m_nbgrader_one} s," \
  "tito module grade --student ${m_tito_one} s ($(ratio "$m_nbgrader_one" "$m_tito_one")x)"
if [ -n "$baseline" ]; then
  echo "baseline $baseline, median wall: --parallel 1 ${m_base_p1} s ($(ratio "$m_nbgrader" "$m_base_p1")x nbgrader)," \
    "--parallel 2 ${m_base_p2} s ($(ratio "$m_nbgrader" "$m_base_p2")x nbgrader)"
fi
nbgrader autograde "$module" --force >/dev/null 2>&1
nbgrader export --to "$work/nbgrader.csv" >/dev/null 2>&1
./tito module grade "$module" --course "$work/tito" --parallel 2 >/dev/null || true
./tito grades export --format csv --course "$work/tito" --output "$work/tito.csv" >/dev/null
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
helper compare "$work/nbgrader.csv" "$work/tito.csv"
