#!/usr/bin/env bash
# Releases every module of a TinyTorch checkout (modules/NN_name/name.py) with tito and with real nbgrader 0.9.5,
# and compares them: the oracle is jupytext's .ipynb of each name.py, `nbgrader update` (TinyTorch's cells have
# no schema_version), then `nbgrader generate_assignment`. Prints one markdown row per module: tito's outcome,
# nbgrader's, the points, whether the released files are byte-identical apart from cell ids (jupytext gives
# random ones), and the reason for a refusal.
# Usage: bench/tinytorch-nbgrader.sh TINYTORCH_DIR [VENV]   (VENV default /tmp/venv-nbg, holding nbgrader==0.9.5 and
# jupytext: python3 -m venv /tmp/venv-nbg && /tmp/venv-nbg/bin/pip install nbgrader==0.9.5 jupytext)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tinytorch="$(cd "${1:?usage: bench/tinytorch-nbgrader.sh TINYTORCH_DIR [VENV]}" && pwd)"
venv="${2:-/tmp/venv-nbg}"
[ -x "$venv/bin/nbgrader" ] && [ -x "$venv/bin/jupytext" ] || { echo "no nbgrader/jupytext in $venv" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# tito: a copy of the checkout, released as it is
cp -r "$tinytorch" "$work/tito"
rm -rf "$work/tito/release" "$work/tito/.tito"
(cd "$here" && ./tito module release --all --student --layout modules --course "$work/tito") \
  >"$work/tito.out" 2>"$work/tito.err" || true

# nbgrader: source/<module>/ holds jupytext's notebook and every file tito copies
mkdir -p "$work/nbg/source"
echo 'c = get_config()' >"$work/nbg/nbgrader_config.py"
for dir in "$tinytorch"/modules/[0-9]*_*/; do
  module="$(basename "$dir")"
  name="${module#*_}"
  mkdir -p "$work/nbg/source/$module"
  for file in "$dir"*; do
    case "$(basename "$file")" in "$name.py" | "$name.ipynb") ;; *) cp -r "$file" "$work/nbg/source/$module/" ;; esac
  done
  PATH="$venv/bin:$PATH" jupytext --quiet --to ipynb --output "$work/nbg/source/$module/$name.ipynb" "$dir$name.py"
  (cd "$work/nbg" && PATH="$venv/bin:$PATH" nbgrader update "source/$module/$name.ipynb" \
    && PATH="$venv/bin:$PATH" nbgrader generate_assignment "$module" --force) >"$work/nbg/$module.log" 2>&1 || true
done

python3 - "$work" "$tinytorch" <<'EOF'
import json, os, re, sys
work, tinytorch = sys.argv[1], sys.argv[2]
cell_id = re.compile(rb'^   "id": "[^"]*",$', re.M)

def files(root):
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            data = open(path, 'rb').read()
            found[os.path.relpath(path, root)] = cell_id.sub(b'   "id": "<id>",', data) if name.endswith('.ipynb') else data
    return found

def points(root):
    total = 0.0
    for name in os.listdir(root):
        if name.endswith('.ipynb'):
            for cell in json.load(open(os.path.join(root, name)))['cells']:
                meta = cell.get('metadata', {}).get('nbgrader', {})
                if meta.get('grade') or meta.get('task'):
                    total += float(meta.get('points', 0))
    return total

errors = open(os.path.join(work, 'tito.err')).read().splitlines()
print('| module | tito | nbgrader 0.9.5 | points | nbgrader-identical | reason |')
print('|---|---|---|---|---|---|')
for module in sorted(os.listdir(os.path.join(tinytorch, 'modules'))):
    if not re.match(r'\d+_', module):
        continue
    tito = os.path.join(work, 'tito', 'release', module)
    nbg = os.path.join(work, 'nbg', 'release', module)
    t_ok, n_ok = os.path.isdir(tito), os.path.isdir(nbg)
    reason = ''
    mine = [line for line in errors if '/modules/' + module + '/' in line or line.startswith('tito: ' + module)]
    if mine:
        reason = mine[0].replace(os.path.join(work, 'tito') + '/', '').removeprefix('tito: ')
    if not n_ok:
        log = open(os.path.join(work, 'nbg', module + '.log')).read().splitlines()
        failed = [line for line in log if 'ERROR' in line]
        reason = (reason + '; ' if reason else '') + 'nbgrader: ' + (failed[-1].split('] ', 1)[-1] if failed else '?')
    identical = ''
    if t_ok and n_ok:
        a, b = files(tito), files(nbg)
        same = a == b
        identical = 'yes' if same else 'no (' + ', '.join(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))) + ')'
    shown = points(tito) if t_ok else points(nbg) if n_ok else None
    print('| {} | {} | {} | {} | {} | {} |'.format(module, 'released' if t_ok else 'refused',
          'released' if n_ok else 'refused', '' if shown is None else shown, identical or '-',
          reason.replace('|', '\\|')))
EOF
