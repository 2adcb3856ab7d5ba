#!/usr/bin/env bash
# The CPU seconds of the first traceback a kernel forked from the kernel forge formats (docs/benchmarks-grading.md),
# in 5 forked children. Usage: bench/forge-traceback.sh [kernel_forge.py]   (default: this checkout's)
# Compare with an older forge: git show <commit>:notebook/src/main/resources/dev/tito/notebook/execute/kernel_forge.py
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$here/notebook/src/main/resources/dev/tito/notebook/execute"
forge="${1:-$scripts/kernel_forge.py}"
PYDEVD_DISABLE_FILE_VALIDATION=1 /usr/bin/python3 -I -B -c '
import linecache, os, sys, time
forge, guard = sys.argv[1:3]
# as the worker starts it (python3 -c): no source lines of the forge itself can be read
exec(compile(open(forge).read().replace("\nmain()\n", "\n"), "<string>", "exec"), globals())
warm(open(guard).read())
from IPython.core import ultratb
cell = "class T:\n    def f(self):\n        raise NotImplementedError()\n\n\ndef g():\n    return T().f()\n\n\ng()\n"
for i in range(5):
    pid = os.fork()
    if pid == 0:
        name = "<cell %d>" % i
        linecache.cache[name] = (len(cell), None, cell.splitlines(True), name)
        try:
            exec(compile(cell, name, "exec"), {})
        except NotImplementedError:
            started = time.process_time()
            ultratb.AutoFormattedTB(mode="Context").structured_traceback(*sys.exc_info())
            print("%.4f" % (time.process_time() - started), end=" ", flush=True)
        os._exit(0)
    os.waitpid(pid, 0)
print("s: a forked kernel'"'"'s first traceback, CPU (load %s)" % open("/proc/loadavg").read().split()[0])
' "$forge" "$scripts/kernel_guard.py"
