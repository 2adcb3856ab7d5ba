# The kernel forge (docs/security.md, "How a local run is confined"): python3 -I -B -c <this> <kernel_guard.py>, started
# by the grading worker. It imports ipykernel once and forks every grading kernel from that warm interpreter: a new process for each
# notebook, never reused, set up before any student code runs (its own network, PID and mount namespaces and nobody as
# root; its limits, environment, working folder). A forked kernel inherits the forge's memory, so the forge never holds
# a notebook, a result or another run's secret. Commands are JSON lines on stdin; answers and exits JSON lines on stdout.
import ctypes
import json
import os
import resource
import select
import signal
import sys

LIBC = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 4, 24, 36, 38
CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 0x4000, 1 << 18
NOBODY = 65534


def check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, what + ": " + os.strerror(error))


def prctl(option, value):
    check(LIBC.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl(%d)" % option)


def warm(guard_text):
    """What every kernel imports before it can answer, paid once here; the launcher's path for the kernels' argv[0];
    the guard, compiled with its own copy of builtins (student code replacing a builtin does not reach it)."""
    import builtins
    import importlib.util
    import platform

    # ipykernel's debugger (debugpy, and pkg_resources through it) and IPython's completions (jedi), nearly half of these
    # imports, serve no grading run: the kernels run without them, and a student's own import of either still works
    unused = ("debugpy", "jedi")
    sys.modules.update(dict.fromkeys(unused))
    try:
        import ipykernel.ipkernel  # noqa: F401
        import ipykernel.kernelapp  # noqa: F401
        import ipykernel.zmqshell  # noqa: F401
        import IPython.core.completer  # noqa: F401
        import tornado.ioloop  # noqa: F401
    finally:
        for name in unused:
            del sys.modules[name]

    platform.uname().processor  # runs `uname -p` once, not in every kernel
    lexer_made_once()
    warm_traceback()
    guard = {"__builtins__": dict(vars(builtins)), "__name__": "tito_guard"}
    exec(compile(guard_text, "<tito kernel_guard>", "exec"), guard)
    return importlib.util.find_spec("ipykernel_launcher").origin, guard["install"]


# stack_data's function, as stack_data 0.6.2 and 0.6.3 have it: replaced only when this is its source
HIGHLIGHT_FRAME = '''def _pygmented_with_ranges(formatter, code, ranges):
    import pygments
    from pygments.lexers import get_lexer_by_name

    class MyLexer(type(get_lexer_by_name("python3"))):
        def get_tokens(self, text):
            length = 0
            for ttype, value in super().get_tokens(text):
                if any(start <= length < end for start, end in ranges):
                    ttype = ttype.ExecutingNode
                length += len(value)
                yield ttype, value

    lexer = MyLexer(stripnl=False)
    try:
        highlighted = pygments.highlight(code, lexer, formatter)
    except Exception:
        # When pygments fails, prefer code without highlighting over crashing
        highlighted = code
    return highlighted.splitlines()
'''


def lexer_made_once():
    """IPython's tracebacks highlight each frame's code with stack_data, which defines a new subclass of Pygments' Python
    lexer at every call, so Pygments compiles that lexer's rules again for every frame of every failing test (8 ms each).
    The same subclass, made once per lexer class, highlights the same code the same way."""
    import inspect

    import stack_data.core
    import stack_data.utils

    original = stack_data.utils._pygmented_with_ranges
    try:
        if inspect.getsource(original) != HIGHLIGHT_FRAME or stack_data.core._pygmented_with_ranges is not original:
            return  # another stack_data: left as it is
    except (OSError, TypeError):
        return
    import pygments
    from pygments.lexers import get_lexer_by_name

    made = {}

    def lexer_class():
        base = type(get_lexer_by_name("python3"))
        if base not in made:
            class MyLexer(base):
                def get_tokens(self, text):
                    length = 0
                    for ttype, value in super().get_tokens(text):
                        if any(start <= length < end for start, end in self.ranges):
                            ttype = ttype.ExecutingNode
                        length += len(value)
                        yield ttype, value

            made[base] = MyLexer
        return made[base]

    def _pygmented_with_ranges(formatter, code, ranges):
        lexer = lexer_class()(stripnl=False)
        lexer.ranges = ranges
        try:
            highlighted = pygments.highlight(code, lexer, formatter)
        except Exception:  # noqa: B902 (stack_data's own: code without highlighting rather than no traceback)
            highlighted = code
        return highlighted.splitlines()

    lexer_class()(stripnl=False)  # Pygments compiles the lexer's rules at its first instance: here, once
    stack_data.utils._pygmented_with_ranges = stack_data.core._pygmented_with_ranges = _pygmented_with_ranges


def warm_traceback():
    """The first traceback a kernel formats imports, compiles (the highlighter's rules) and caches a lot: here, once,
    on code whose lines can be read, as a cell's can (every test that fails needs one)."""
    import linecache

    from IPython.core import ultratb

    name = "<tito warm traceback>"
    source = "def warm():\n    raise AssertionError('warm')\n\n\nwarm()\n"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    try:
        exec(compile(source, name, "exec"), {})
    except AssertionError:  # the default colours: IPython 9 renamed the argument that names them (color_scheme)
        ultratb.AutoFormattedTB(mode="Context").structured_traceback(*sys.exc_info())
    finally:
        linecache.cache.pop(name, None)
    run_code_parsed()


def run_code_parsed():
    """A cell's traceback starts in IPython's run_code, which runs the cell: stack_data parses that frame's whole file
    (IPython's interactiveshell.py, 3,800 lines, 0.1 s of CPU) before the traceback leaves the frame out. Parsed here,
    once, into the cache where stack_data looks for it (by file name and lines: a file changed since is parsed again)."""
    import stack_data
    from IPython.core.interactiveshell import InteractiveShell

    run_code = getattr(InteractiveShell.run_code, "__code__", None)
    if run_code is not None and hasattr(stack_data, "Source") and hasattr(stack_data.Source, "for_filename"):
        stack_data.Source.for_filename(run_code.co_filename)


def tied_to_parent(parent):
    """This process dies with its parent; if the parent is already gone, now."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def wait_for(child):
    """Reaps every child (orphans come here) until `child` ends; its exit code, as a shell would give it."""
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            return 1
        if pid == child:
            return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)


def children():
    """This process's children, from /proc (processes a kernel left behind are reparented to a subreaper)."""
    found = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open("/proc/self/task/%s/children" % task) as listing:
                found.extend(int(pid) for pid in listing.read().split())
        except OSError:
            pass
    return found


def kill_children(keep=()):
    for pid in children():
        if pid not in keep:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def keeper(spec, forge):
    """The kernel's anchor outside it: killing this process ends the kernel and everything it started."""
    try:
        tied_to_parent(forge)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if spec["isolate"]:
            check(LIBC.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID), "unshare")
        else:
            prctl(PR_SET_CHILD_SUBREAPER, 1)
        me = os.getpid()
        child = os.fork()
        if child == 0:
            # the namespace's first process cannot see its parent: getppid() is 0 there
            tied_to_parent(0 if spec["isolate"] else me)
            namespace_init(spec) if spec["isolate"] else kernel(spec)
    except BaseException as e:  # noqa: B902 (said in the run's log, where tito looks when a kernel does not start)
        with open(spec["log"], "a") as log:
            log.write("the kernel could not be set up: %s: %s\n" % (type(e).__name__, e))
        os._exit(71)
    code = wait_for(child)
    kill_children()
    os._exit(code)


def loopback_up():
    import fcntl
    import socket
    import struct

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(s, 0x8913, request))[1]  # SIOCGIFFLAGS
        fcntl.ioctl(s, 0x8914, struct.pack("16sH22x", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP


def namespace_init(spec):
    """PID 1 of the run's namespaces: its own /proc and loopback; when the kernel ends, so does every process in it."""
    check(LIBC.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    check(LIBC.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None), "mount /proc")
    loopback_up()
    child = os.fork()
    if child == 0:
        try:
            kernel(spec)
        finally:
            os._exit(70)
    os._exit(wait_for(child))


def unprivileged():
    """nobody, no groups, no capabilities (bounding set included), no way to gain privileges by exec."""
    last_cap = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last_cap + 1):
        prctl(PR_CAPBSET_DROP, cap)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)


def limit(spec):
    limits = spec["limits"]
    for name, value in (("RLIMIT_AS", limits["memoryBytes"]), ("RLIMIT_NPROC", limits["maxProcesses"]),
                        ("RLIMIT_FSIZE", limits["maxFileBytes"]), ("RLIMIT_CORE", 0)):
        resource.setrlimit(getattr(resource, name), (value, value))


def kernel(spec):
    """The kernel process: everything a fresh `python3 -m ipykernel_launcher` would be, in the run's confinement."""
    os.setsid()
    log = os.open(spec["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    os.chdir(spec["cwd"])
    if spec["limits"]:  # none in a grading Job's container: its cgroup limits it
        limit(spec)
    if spec["isolate"]:
        unprivileged()
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    # a kernel waiting for its notebook must not be traced or read by another run of the same user
    prctl(PR_SET_DUMPABLE, 0)
    for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.environ.clear()
    os.environ.update(spec["env"])
    import tempfile

    tempfile.tempdir = None  # TMPDIR is the run's now
    # as `python -m ipykernel_launcher` run in the working folder would have them
    sys.argv = [spec["launcher"]] + spec["argv"]
    sys.path.insert(0, spec["cwd"])
    from ipykernel import kernelapp
    from tornado import ioloop

    app = kernelapp.IPKernelApp.instance()
    app.initialize(spec["argv"])
    # the loop's first turn, once the kernel listens and before it reads any request
    ioloop.IOLoop.current().add_callback(spec["guard"], app, spec["evidence"], sys.audit, sys.addaudithook,
                                         {"audit": sys.audit, "__builtins__": {}})
    app.start()
    os._exit(0)


class Forge:
    def __init__(self, warmed):
        self.launcher, self.guard = warmed
        self.keepers = {}
        self.inbox = b""

    def send(self, message):
        os.write(1, (json.dumps(message) + "\n").encode())

    def fork(self, spec):
        me = os.getpid()
        pid = os.fork()
        if pid == 0:
            try:
                keeper(dict(spec, launcher=self.launcher, guard=self.guard), me)
            finally:
                os._exit(70)
        self.keepers[pid] = spec["id"]
        self.send({"op": "forked", "id": spec["id"], "pid": pid})

    def kill(self, pid, sig):
        if pid in self.keepers:  # never a pid already reaped: it may belong to someone else by now
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def reap(self):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if self.keepers.pop(pid, None) is not None:
                code = os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
                self.send({"op": "exited", "pid": pid, "code": code})
                # what a killed keeper's kernel left behind was reparented here
                kill_children(keep=self.keepers)

    def handle(self, line):
        command = json.loads(line)
        if command["op"] == "fork":
            self.fork(command)
        elif command["op"] == "kill":
            self.kill(command["pid"], command.get("signal", signal.SIGKILL))

    def run(self):
        wake_read, wake_write = os.pipe()
        os.set_blocking(wake_write, False)
        signal.set_wakeup_fd(wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        while True:
            ready, _, _ = select.select([0, wake_read], [], [])
            if wake_read in ready:
                os.read(wake_read, 4096)
                self.reap()
            if 0 in ready:
                chunk = os.read(0, 1 << 16)
                if not chunk:
                    break
                self.inbox += chunk
                while b"\n" in self.inbox:
                    line, self.inbox = self.inbox.split(b"\n", 1)
                    self.handle(line)
        for pid in list(self.keepers):
            self.kill(pid, signal.SIGKILL)


def main():
    prctl(PR_SET_DUMPABLE, 0)
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    forge = Forge(warm(sys.argv[1]))
    # before this line no kernel exists: a forge that stops earlier failed on the image, never on student code
    forge.send({"op": "warm"})
    forge.run()


main()
