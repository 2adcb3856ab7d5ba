# The grading Job's execute step (docs/grading-jobs.md): python3 -I -c <this> <grading_worker.py> <kernel_forge.py>
# <kernel_guard.py> SCRATCH NOTEBOOK..., run in SCRATCH/prepared. Before any student code runs, every prepared notebook
# (hidden tests restored) is read into this non-dumpable process and removed from disk, and grading_config.py is read;
# each notebook then runs in its own grading worker, the engine of `tito module grade` (nbconvert's ExecutePreprocessor,
# a kernel forked from a warm interpreter, tito's guard around every test cell), given the notebook on a pipe. After
# each notebook, every other process of the container is killed, so nothing student code started survives to read the
# next notebook's run or to rewrite SCRATCH/executed, which is written last. Only the standard library: any python3.
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys

# the Job's deadline (activeDeadlineSeconds) ends a run; the worker's own is only a bound
DEADLINE = 7 * 24 * 3600
# larger executed notebooks are refused by the score step anyway (docs/grading-jobs.md)
MAX_OUTPUT_BYTES = 256 << 20
# this step's exit when the image cannot run the grader (the operator retries it as an infrastructure failure); 1 is a
# notebook's own failure
CANNOT_GRADE = 3
# the worker's own exits before it ran any student code: a Python error of its own (an image without nbconvert), or
# its kernel forge never ready (grading_worker.py's NO_FORGE)
WORKER_NEVER_RAN = (1, 4)


def untraceable():
    """The kernel runs as this user: it must not read this process's memory or files through /proc."""
    if ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE = 4, off
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0)")


def take(name):
    with open(name, "rb") as file:
        data = file.read()
    os.unlink(name)
    return data


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


def write(path, data):
    """Whatever student code left at the path (a link, a folder, a file) is replaced."""
    remove(path)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o664), "wb") as file:
        file.write(data)


def fresh_folder(path):
    remove(path)
    os.mkdir(path, 0o775)


def kill_the_rest():
    """Only as PID 1, alone in the container's PID namespace, does kill(-1) reach no process outside it."""
    if os.getpid() != 1:
        return
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def frame(header, payload=b""):
    return (json.dumps(dict(header, length=len(payload))) + "\n").encode() + payload


def execute(scratch, notebook, scripts, config):
    """The worker's verdict and the executed notebook (none when the run failed); every other process is dead after."""
    # this very Python runs the worker, not whichever python3 comes first on PATH
    worker = subprocess.Popen([sys.executable, "-I", "-B", "-c", scripts[0], scripts[1], scripts[2], config,
                               str(MAX_OUTPUT_BYTES)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    kernel = os.path.join(scratch, "kernel")
    fresh_folder(kernel)
    try:
        worker.stdin.write(frame({"op": "start", "run": 1, "work": os.getcwd(), "kernelDir": kernel, "isolate": False,
                                  "log": os.path.join(kernel, "log"), "home": os.path.join(scratch, "home")}))
        worker.stdin.write(frame({"op": "run", "run": 1, "deadline": DEADLINE}, notebook))
        worker.stdin.flush()
        done = json.loads(worker.stdout.readline())
        executed = worker.stdout.read(done["length"])
        worker.stdin.close()  # run as PID 1 or not, the worker ends with its kernel
    except (OSError, ValueError, KeyError):
        done, executed = {"outcome": "the grading worker stopped"}, b""
    kill_the_rest()
    code = worker.wait()
    # a kernel that never started, or a worker that stopped before it answered, never ran the student's code
    environment = done.get("outcome") == "not_started" or ("run" not in done and code in WORKER_NEVER_RAN)
    return " ".join(filter(None, (done.get("outcome"), done.get("detail")))), executed, environment


def main(scripts, scratch, names):
    untraceable()
    with open(os.path.join(scratch, "grading_config.py")) as file:
        config = file.read()
    # prepare skips what it could not prepare; score reports those notebooks
    notebooks = {name: take(name) for name in names if os.path.isfile(name)}
    executed = {}
    for name, notebook in notebooks.items():
        fresh_folder(os.path.join(scratch, "home"))
        outcome, executed[name], environment = execute(scratch, notebook, scripts, config)
        if environment:
            print("execute: %s: this image cannot run tito's grader (%s); its error is above" % (name, outcome),
                  file=sys.stderr)
            sys.exit(CANNOT_GRADE)
        if outcome != "executed":
            print("execute: %s: %s" % (name, outcome), file=sys.stderr)
            sys.exit(1)
    fresh_folder(os.path.join(scratch, "executed"))
    for name, output in executed.items():
        write(os.path.join(scratch, "executed", name), output)


main(sys.argv[1:4], sys.argv[4], sys.argv[5:])
