# The grading Job's execute step (docs/grading-jobs.md): python3 -I -c <this> SCRATCH NOTEBOOK..., run in
# SCRATCH/prepared. Before any student code runs, every prepared notebook (hidden tests restored) is read into this
# non-dumpable process and removed from disk; each goes to its own `python3 -m nbconvert --stdin --stdout`. After each
# notebook, every other process of the container is killed, so nothing student code started survives to read the
# next notebook's run or to rewrite SCRATCH/executed, which is written last. Only the standard library: any python3.
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import threading


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


def execute(scratch, notebook):
    """nbconvert's exit code and the executed notebook it printed; every other process is dead after it."""
    # this very Python's nbconvert, not whichever `jupyter` comes first on PATH
    command = [sys.executable, "-m", "nbconvert", "--config=" + os.path.join(scratch, "grading_config.py"), "--to", "notebook",
               "--execute", "--log-level=ERROR", "--stdin", "--stdout"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               env=dict(os.environ, HOME=os.path.join(scratch, "home")))
    chunks = []
    # the kernel inherits nbconvert's stdout: read on while a process it left behind may hold the pipe open
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: process.stdout.read(1 << 16), b"")))
    reader.start()
    try:
        process.stdin.write(notebook)
        process.stdin.close()
    except BrokenPipeError:
        pass  # nbconvert stopped before reading it all: its exit code says why
    code = process.wait()
    kill_the_rest()
    reader.join()
    return code, b"".join(chunks)


def main(scratch, names):
    untraceable()
    config_file = os.path.join(scratch, "grading_config.py")
    with open(config_file, "rb") as file:
        config = file.read()
    # prepare skips what it could not prepare; score reports those notebooks
    notebooks = {name: take(name) for name in names if os.path.isfile(name)}
    executed = {}
    for name, notebook in notebooks.items():
        # the previous notebook's student code could rewrite both
        write(config_file, config)
        fresh_folder(os.path.join(scratch, "home"))
        code, executed[name] = execute(scratch, notebook)
        if code != 0:
            sys.exit(code if code > 0 else 128 - code)
    fresh_folder(os.path.join(scratch, "executed"))
    for name, output in executed.items():
        write(os.path.join(scratch, "executed", name), output)


main(sys.argv[1], sys.argv[2:])
