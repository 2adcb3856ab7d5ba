#!/usr/bin/env bash
# Releases every module of a TinyTorch checkout with tito and with real nbgrader 0.9.5, and compares them: the
# oracle is jupytext's .ipynb of each module's source, `nbgrader update` (TinyTorch's cells have no schema_version),
# then `nbgrader generate_assignment`. Prints one markdown row per module: tito's outcome, nbgrader's, the points,
# whether the released files are byte-identical apart from cell ids (jupytext gives random ones; for a module tito
# refuses, its release with every gate error allowed is compared), and the reason for a refusal (tito's first
# error; nbgrader's last error line).
# Usage: bench/tinytorch-nbgrader.sh TINYTORCH_DIR [LAYOUT [VENV]]
#   LAYOUT: modules (modules/NN_name/name.py, default) or src (the older src/NN_name/NN_name.py)
#   VENV: default /tmp/venv-nbg, holding nbgrader==0.9.5 and jupytext:
#         python3 -m venv /tmp/venv-nbg && /tmp/venv-nbg/bin/pip install nbgrader==0.9.5 jupytext
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tinytorch="$(cd "${1:?usage: bench/tinytorch-nbgrader.sh TINYTORCH_DIR [LAYOUT [VENV]]}" && pwd)"
layout="${2:-modules}"
venv="${3:-/tmp/venv-nbg}"
case "$layout" in modules | src) ;; *) echo "LAYOUT is modules or src, not $layout" >&2; exit 2 ;; esac
[ -x "$venv/bin/nbgrader" ] && [ -x "$venv/bin/jupytext" ] || { echo "no nbgrader/jupytext in $venv" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# tito: a copy of the checkout, released as it is; another with every gate error allowed, to compare the bytes
# of the modules the gates refuse
cp -r "$tinytorch" "$work/tito"
rm -rf "$work/tito/release" "$work/tito/.tito"
cp -r "$work/tito" "$work/allowed"
(cd "$here" && ./tito module release --all --student --layout "$layout" --course "$work/tito") \
  >"$work/tito.out" 2>"$work/tito.err" || true
(cd "$here" && ./tito module release --all --student --layout "$layout" --course "$work/allowed" \
  --allow stub-drops-names,stub-replaces-tests,zero-points) >/dev/null 2>&1 || true

# nbgrader: source/<module>/ holds jupytext's notebook and every file tito copies
mkdir -p "$work/nbg/source"
echo 'c = get_config()' >"$work/nbg/nbgrader_config.py"
for dir in "$tinytorch/$layout"/[0-9]*_*/; do
  module="$(basename "$dir")"
  name="${module#*_}"
  [ "$layout" = src ] && name="$module"
  mkdir -p "$work/nbg/source/$module"
  for file in "$dir"*; do
    case "$(basename "$file")" in "$name.py" | "$name.ipynb") ;; *) cp -r "$file" "$work/nbg/source/$module/" ;; esac
  done
  PATH="$venv/bin:$PATH" jupytext --quiet --to ipynb --output "$work/nbg/source/$module/$name.ipynb" "$dir$name.py"
  (cd "$work/nbg" && PATH="$venv/bin:$PATH" nbgrader update "source/$module/$name.ipynb" \
    && PATH="$venv/bin:$PATH" nbgrader generate_assignment "$module" --force) >"$work/nbg/$module.log" 2>&1 || true
done

python3 - "$work" "$tinytorch" "$layout" <<'EOF'
import json, os, re, sys
work, tinytorch, layout = sys.argv[1], sys.argv[2], sys.argv[3]
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
for module in sorted(os.listdir(os.path.join(tinytorch, layout))):
    if not re.match(r'\d+_', module):
        continue
    tito = os.path.join(work, 'tito', 'release', module)
    allowed = os.path.join(work, 'allowed', 'release', module)
    nbg = os.path.join(work, 'nbg', 'release', module)
    t_ok, n_ok = os.path.isdir(tito), os.path.isdir(nbg)
    reason = ''
    mine = [line for line in errors if re.search('/' + layout + '/' + module + '[/:]', line)]
    if mine:
        first = mine[0].replace(os.path.join(work, 'tito') + '/', '').removeprefix('tito: ').replace(': error: ', ': ')
        # the finding without its fix hint, and how many more there are
        reason = re.sub(r': (put the answer|make it a test cell|give the module|mark its answers).*$', '', first)
        reason += ' (+{} more)'.format(len(mine) - 1) if len(mine) > 1 else ''
    if not n_ok:
        log = open(os.path.join(work, 'nbg', module + '.log')).read().splitlines()
        failed = [line for line in log if 'ERROR' in line]
        reason = (reason + '; ' if reason else '') + 'nbgrader: ' + (failed[-1].split('] ', 1)[-1] if failed else '?')
    identical = ''
    if os.path.isdir(allowed) and n_ok:
        a, b = files(allowed), files(nbg)
        same = a == b
        identical = 'yes' if same else 'no (' + ', '.join(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))) + ')'
    shown = points(allowed) if os.path.isdir(allowed) else points(nbg) if n_ok else None
    print('| {} | {} | {} | {} | {} | {} |'.format(module, 'released' if t_ok else 'refused',
          'released' if n_ok else 'refused', '' if shown is None else shown, identical or '-',
          reason.replace('|', '\\|')))
EOF
