#!/usr/bin/env bash
# Benchmark (not a test) of the grading Job's execute step for one submission, as a local process: the step as it is
# (ExecuteCommand: execute_notebooks.py driving a grading worker) against the step before issue 16 (nbconvert per
# notebook, execute_notebooks.py at commit e2d9879), on ada's 01_tensor of the sample course, runs interleaved, median
# wall time of each (docs/benchmarks-grading.md). Both get the notebook `tito job prepare` wrote, in a fresh folder.
# Usage: bench/execute-step.sh [runs]   (default 7)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$here"
./tito --help >/dev/null
resource() { unzip -p cli/target/tito.jar "dev/tito/notebook/execute/$1"; }
git show e2d9879:notebook/src/main/resources/dev/tito/notebook/execute/execute_notebooks.py >"$work/before.py"
cp -r samples/course "$work/course"
rm -rf "$work/course/release" "$work/course/.tito"
./tito module release 01_tensor --student --course "$work/course" >/dev/null

prepare() {
  rm -rf "$work/job" && mkdir -p "$work/job"
  ./tito job prepare --gradebook "$work/course/.tito/01_tensor.json" --assignment 01_tensor \
    --submission "$work/course/submitted/ada/01_tensor" --release "$work/course/release/01_tensor" \
    --work "$work/job" >/dev/null
}
step() {
  if [ "$1" = now ]; then
    set -- /usr/bin/python3 -I -c "$(resource execute_notebooks.py)" "$(resource grading_worker.py)" \
      "$(resource kernel_forge.py)" "$(resource kernel_guard.py)" "$work/job" 01_tensor.ipynb
  else
    set -- /usr/bin/python3 -I -c "$(cat "$work/before.py")" "$work/job" 01_tensor.ipynb
  fi
  (cd "$work/job/prepared" && /usr/bin/time -o "$work/t" -f "%e" env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@" \
    >/dev/null 2>"$work/err") || { cat "$work/err" >&2; exit 2; }
  [ -s "$work/job/executed/01_tensor.ipynb" ] || { echo "no executed notebook" >&2; exit 2; }
  tail -1 "$work/t"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "execute step, one notebook (ada's 01_tensor), $runs runs interleaved, load $(cut -d' ' -f1 /proc/loadavg) at the start"
prepare && step before >/dev/null && prepare && step now >/dev/null
for run in $(seq "$runs"); do
  for what in $( ((run % 2)) && echo "before now" || echo "now before"); do
    prepare
    step "$what" >>"$work/times-$what"
  done
done
before=$(median <"$work/times-before")
now=$(median <"$work/times-now")
echo "  before: $(tr '\n' ' ' <"$work/times-before")" >&2
echo "  now: $(tr '\n' ' ' <"$work/times-now")" >&2
echo "median wall: nbconvert per notebook (before) ${before} s, grading worker (now) ${now} s," \
  "$(awk -v a="$before" -v b="$now" 'BEGIN { printf "%.2f", a / b }')x"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
