# The grading worker (docs/grading.md, docs/security.md): python3 -I -B -c <this> <kernel_forge.py> <kernel_guard.py>
# <grading_config.py> <most bytes of output>,
# one for all of tito's `--parallel` slots, which drive it on stdin and read it on stdout; their runs go on side by
# side in its event loop. It keeps nbconvert's ExecutePreprocessor loaded and a forge that forks kernels from a warm
# interpreter, so a notebook costs its own cells, not an interpreter and a kernel start: the kernel of a slot's next
# run starts while this one runs. Each run still gets a fresh kernel, killed when its notebook is done. The worker
# holds the notebooks; kernels never see its memory or files.
# Protocol: a JSON header line, then `length` bytes (the notebook in, the executed notebook out).
import os
import subprocess
import sys

# the forge starts first: it imports ipykernel while this process imports nbconvert
FORGE = subprocess.Popen([sys.executable, "-I", "-B", "-c", sys.argv[1], sys.argv[2]], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE,
                         env={"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
                              "PYDEVD_DISABLE_FILE_VALIDATION": "1"}, cwd="/")

import ast  # noqa: E402
import asyncio  # noqa: E402
import functools  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import json  # noqa: E402
import queue  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402

import jupyter_client.jsonutil  # noqa: E402
import nbformat  # noqa: E402
import nbformat.validator  # noqa: E402
import zmq  # noqa: E402
import zmq.asyncio  # noqa: E402
from jupyter_client import AsyncKernelManager  # noqa: E402
from jupyter_client.kernelspec import KernelSpec  # noqa: E402
from jupyter_client.provisioning import KernelProvisionerBase  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellTimeoutError, DeadKernelError  # noqa: E402
from traitlets.config import Config  # noqa: E402


def nbconvert_on_demand():
    """nbconvert's own package imports every exporter, filter and postprocessor (jinja2, mistune, bs4, tornado: about
    0.4 s of CPU a command), its exporters' package every exporter; the worker uses two modules. Both packages are made
    without running their __init__ until something asks one of them for a name it lacks: a submodule (`from nbconvert
    import filters`) is then imported alone, any other name (nbconvert 7's `from nbconvert.preprocessors import
    Preprocessor` is one) runs the package's whole __init__ first, as a plain import would have. Should that still fail
    (an nbconvert this was not tried with), nbconvert is imported again the plain way."""
    import importlib
    import importlib.util

    def on_demand(name):
        spec = importlib.util.find_spec(name)
        if spec is None:
            raise ModuleNotFoundError("No module named %r" % name, name=name)
        package = importlib.util.module_from_spec(spec)

        def __getattr__(attr):
            if not attr.startswith("__") and importlib.util.find_spec(name + "." + attr) is not None:
                return importlib.import_module(name + "." + attr)
            del package.__getattr__
            spec.loader.exec_module(package)
            return getattr(package, attr)

        package.__getattr__ = __getattr__
        sys.modules[name] = package
        if "." in name:
            setattr(sys.modules[name.rpartition(".")[0]], name.rpartition(".")[2], package)

    try:
        on_demand("nbconvert")
        on_demand("nbconvert.exporters")
        from nbconvert.exporters.notebook import NotebookExporter
        from nbconvert.preprocessors.execute import ExecutePreprocessor

        NotebookExporter()  # its default steps are imported when it is made
    except ImportError:
        for name in [name for name in sys.modules if name == "nbconvert" or name.startswith("nbconvert.")]:
            del sys.modules[name]
        from nbconvert.exporters.notebook import NotebookExporter
        from nbconvert.preprocessors.execute import ExecutePreprocessor
    return NotebookExporter, ExecutePreprocessor


NotebookExporter, ExecutePreprocessor = nbconvert_on_demand()

# the exporter validates with relax_add_props, for which nbformat compiles its schema again at every call (28 ms a
# TinyTorch notebook): the same validator, compiled once
nbformat.validator.get_validator = functools.lru_cache(maxsize=None)(nbformat.validator.get_validator)


def dates_read_directly(parse_date=jupyter_client.jsonutil.parse_date,
                        kernel_date=re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})\.([0-9]{6})Z\Z").match):
    """jupyter_client reads the date of every message's header and parent header with dateutil's general parser (70 us
    each, about 0.2 s of CPU a batch of 10 TinyTorch notebooks). A kernel's dates are one form, many to a second: each
    second is read by jupyter_client once and its microseconds put in, the datetime dateutil makes of the whole date
    (its time zone is dateutil's choice, which depends on the machine's). Any other string still goes to jupyter_client."""
    seconds = {}

    def read(text):
        found = kernel_date(text) if isinstance(text, str) else None
        if found is None:
            return parse_date(text)
        second, microseconds = found.groups()
        if second not in seconds:
            if len(seconds) > 1000:
                seconds.clear()
            try:
                seconds[second] = parse_date(second + ".000000Z")
            except Exception:  # noqa: B902 (an impossible date fails as jupyter_client fails on it)
                return parse_date(text)
        return seconds[second].replace(microsecond=int(microseconds))

    return read


jupyter_client.jsonutil.parse_date = dates_read_directly()

LOG_TAIL = 4096
# the worker's exit when its forge never became ready (execute_notebooks.py reads it as the image's failure)
NO_FORGE = 4
CONFIG_TEXT, MAX_OUTPUT_BYTES = sys.argv[3], int(sys.argv[4])
GUARD_TIMEOUT = 10
# nbformat's validate warns about an argument nbconvert itself passes; nobody reads that here
warnings.filterwarnings("ignore", category=DeprecationWarning)


def grading_config():
    """nbgrader's Execute settings, from the grading_config.py nbconvert also reads (it also makes this non-dumpable)."""
    config = Config()
    exec(compile(CONFIG_TEXT, "grading_config.py", "exec"), {"get_config": lambda: config, "__name__": "grading_config"})
    return config


class TooMuchOutput(Exception):
    pass


class Forge:
    """The forge process: fork requests out, pids and exits back."""

    def __init__(self):
        self.forked = {}
        self.exits = {}
        self.next_id = 0
        self.warm = False

    async def start(self):
        events = asyncio.StreamReader(limit=1 << 20)
        await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(events), FORGE.stdout)
        self.listener = asyncio.get_running_loop().create_task(self.listen(events))

    async def listen(self, events):
        try:
            while line := await events.readline():
                self.dispatch(json.loads(line))
        except asyncio.CancelledError:
            return  # the worker is stopping
        except Exception:  # noqa: B902 (said on stderr, which tito keeps for its message)
            traceback.print_exc()
        if not self.warm:
            # no kernel ever ran: this Python cannot run the forge (an image without ipykernel, an IPython it does not
            # know); its traceback is above
            print("grading worker: the kernel forge stopped before it was ready", file=sys.stderr, flush=True)
            os._exit(NO_FORGE)
        # the forge is gone (killed by a kernel of this user?): no kernel can start here, tito replaces this worker
        os._exit(3)

    def dispatch(self, event):
        if event["op"] == "warm":
            self.warm = True
        elif event["op"] == "forked":
            waiting = self.forked.pop(event["id"])
            if waiting.cancelled():  # the run was discarded while its kernel was being forked
                self.kill(event["pid"])
            else:
                waiting.set_result(event["pid"])
        elif event["op"] == "exited":
            self.exit_of(event["pid"]).set_result(event["code"])

    def exit_of(self, pid):
        return self.exits.setdefault(pid, asyncio.get_running_loop().create_future())

    def send(self, command):
        FORGE.stdin.write((json.dumps(command) + "\n").encode())
        FORGE.stdin.flush()

    async def fork(self, spec):
        self.next_id += 1
        future = self.forked[self.next_id] = asyncio.get_running_loop().create_future()
        self.send(dict(spec, op="fork", id=self.next_id))
        pid = await future
        self.exit_of(pid)
        return pid

    def kill(self, pid, signum=signal.SIGKILL):
        self.send({"op": "kill", "pid": pid, "signal": int(signum)})


class ForgedProvisioner(KernelProvisionerBase):
    """jupyter_client's view of a kernel the forge forked: its keeper process stands for it."""

    forge = None
    spec = None
    pid = None

    @property
    def has_process(self):
        return self.pid is not None

    async def poll(self):
        exit_code = self.forge.exit_of(self.pid)
        return exit_code.result() if exit_code.done() else None

    async def wait(self):
        return await self.forge.exit_of(self.pid)

    async def send_signal(self, signum):
        self.forge.kill(self.pid, signum)

    async def kill(self, restart=False):
        self.forge.kill(self.pid)

    async def terminate(self, restart=False):
        self.forge.kill(self.pid, signal.SIGTERM)

    async def pre_launch(self, **kwargs):
        return dict(kwargs, cmd=[])

    async def launch_kernel(self, cmd, **kwargs):
        self.pid = await self.forge.fork(self.spec)
        return self.parent.get_connection_info()

    async def cleanup(self, restart=False):
        pass


class Evidence:
    """What a kernel's guard reports on its socket: its secret first, then evidence and the nonce of each check."""

    def __init__(self, path):
        self.path = path
        self.server = None
        self.connected = False
        self.secret = None
        self.found = []
        self.checked = {}
        self.ended = False

    async def listen(self, owner):
        self.server = await asyncio.start_unix_server(self.read, path=self.path)
        os.chown(self.path, owner.st_uid, owner.st_gid)

    async def read(self, reader, writer):
        if self.connected:  # only the guard, which connects before any student code runs, is listened to
            self.found.append("a second connection to tito's evidence channel")
            writer.close()
            return
        self.connected = True
        self.server.close()
        while line := await reader.readline():
            kind, _, text = line.decode("utf-8", "replace").rstrip("\n").partition(" ")
            try:
                value = ast.literal_eval(text)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                value = None
            if not isinstance(value, str) or kind not in ("secret", "evidence", "checked"):
                self.found.append("something other than tito's guard wrote on its evidence channel")
            elif kind == "secret" and self.secret is None:
                self.secret = bytes.fromhex(value)
            elif kind == "evidence":
                self.found.append(value)
            elif kind == "checked" and not self.mark(value).done():
                self.mark(value).set_result(True)
        if not self.ended:
            self.found.append("tito's evidence channel was closed from inside the kernel")

    def mark(self, nonce):
        return self.checked.setdefault(nonce, asyncio.get_running_loop().create_future())

    def take(self):
        found, self.found = self.found, []
        return found

    def close(self):
        self.ended = True
        if self.server is not None:
            self.server.close()


class Guarded:
    """Around each test cell: the guard restores the kernel's execution path before it and proves it did, a cell that
    must fail is seen to fail, and after it the guard marks where the test's evidence ends; what it found, and what its
    audit hook reported meanwhile, is the test's evidence (docs/security.md)."""

    def __init__(self, run, kc):
        self.run, self.kc, self.evidence = run, kc, run.evidence
        self.found = {}

    async def around(self, index, cell, execute):
        found = self.evidence.take()
        found += await self.check(cell.source)
        found += await self.canary()
        await execute()
        # what the audit hook said while the test ran is this test's; what the test left behind, the next check's
        found += await self.check(None)
        if found:
            self.found[index] = sorted(set(found))

    async def check(self, test):
        """Asks the guard to restore and report (or, `test` None, only to mark the end of what it reported); its answer
        must carry the proof only it and this worker can make."""
        nonce = os.urandom(16).hex()
        if self.evidence.secret is None:
            return ["tito's guard did not start in this kernel"]
        content = {"nonce": nonce, "sync": True} if test is None else {"nonce": nonce, "test": test}
        request = self.kc.session.msg("tito_guard_request", content)
        self.kc.shell_channel.send(request)
        reply = await self.reply(request["header"]["msg_id"])
        expected = hmac.new(self.evidence.secret, nonce.encode(), hashlib.sha256).hexdigest()
        if reply is None or reply["msg_type"] != "tito_guard_reply" \
                or not hmac.compare_digest(str(reply["content"].get("proof", "")), expected):
            return self.evidence.take() + ["tito's check did not answer (the kernel's message handling was changed)"]
        try:
            await asyncio.wait_for(asyncio.shield(self.evidence.mark(nonce)), GUARD_TIMEOUT)
        except asyncio.TimeoutError:
            return self.evidence.take() + ["tito's check did not report on its channel"]
        return self.evidence.take()

    async def canary(self):
        """A cell that must fail with tito's message: a kernel that hides or changes failures is seen here."""
        message = "tito " + os.urandom(8).hex()
        # SystemExit takes the path of every failure in IPython's run_code but has the cheapest traceback
        msg_id = self.kc.execute("raise SystemExit(%r)" % message, silent=True, store_history=False)
        reply = await self.reply(msg_id)
        content = reply["content"] if reply is not None else {}
        if content.get("status") != "error" or content.get("ename") != "SystemExit" \
                or content.get("evalue") != message:
            return ["a cell that must fail did not fail as written (the kernel hides or changes failures)"]
        return []

    async def reply(self, msg_id):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + GUARD_TIMEOUT
        while loop.time() < deadline:
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=max(0.01, deadline - loop.time()))
            except Exception:  # noqa: B902 (queue.Empty: no answer in time)
                return None
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg
        return None


def is_test(cell):
    """An autograded test cell (nbgrader's grade cells that are not answers)."""
    flags = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and flags.get("grade") is True and not flags.get("solution")


class Run:
    """One notebook's kernel: forked when tito announces the run, used once, killed."""

    def __init__(self, worker, command):
        self.command = command
        self.log = command["log"]
        kernel_dir = command["kernelDir"]
        self.km = AsyncKernelManager(transport="ipc", ip=os.path.join(kernel_dir, "k"),
                                     connection_file=os.path.join(kernel_dir, "connection.json"), autorestart=False)
        self.km._kernel_spec = KernelSpec(argv=[], display_name="Python 3", language="python", interrupt_mode="message")
        self.kc = None
        self.evidence = Evidence(os.path.join(kernel_dir, "guard"))
        self.ready = asyncio.get_running_loop().create_task(self.start(worker))

    async def start(self, worker):
        self.km.write_connection_file()
        owner = os.stat(self.command["kernelDir"])
        os.chown(self.km.connection_file, owner.st_uid, owner.st_gid)
        await self.evidence.listen(owner)
        provisioner = ForgedProvisioner(kernel_id="tito", parent=self.km)
        provisioner.forge = worker.forge
        # without an environment of its own, the kernel gets this worker's (grading_config.py's variables included)
        env = self.command.get("env") or dict(os.environ, HOME=self.command["home"])
        provisioner.spec = {"cwd": self.command["work"], "env": env, "log": self.log,
                            "evidence": self.evidence.path,
                            "limits": self.command.get("limits"), "isolate": self.command["isolate"],
                            # parent_handle: no banner in the log and no polling of a parent it cannot see
                            "argv": ["-f", self.km.connection_file, "--IPKernelApp.parent_handle=1"]
                            + list(worker.config.ExecutePreprocessor.get("extra_arguments", []))}
        self.km.provisioner = provisioner
        await self.km.start_kernel()
        self.kc = self.km.client(context=worker.context)
        self.kc.start_channels()
        await self.answering(worker.startup_timeout)
        self.kc.allow_stdin = False

    async def answering(self, timeout):
        """KernelClient.wait_for_ready, without its 0.2 s wait for an IOPub message the kernel sent before this
        client's subscription reached it: ask again at once instead."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if not await self.km.is_alive():
                raise RuntimeError("the kernel died before it answered")
            msg_id = self.kc.kernel_info()
            try:
                while (await self.kc.shell_channel.get_msg(timeout=1))["parent_header"].get("msg_id") != msg_id:
                    pass
                await self.kc.iopub_channel.get_msg(timeout=0.02)
                return
            except queue.Empty:
                continue
        raise RuntimeError("the kernel did not answer in %s s" % timeout)

    async def kill(self):
        self.evidence.close()
        if not self.ready.done():
            self.ready.cancel()
            await asyncio.gather(self.ready, return_exceptions=True)
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km.has_kernel:
            await self.km.provisioner.kill()
            await self.km.provisioner.wait()
        await self.km.cleanup_resources()

    def log_tail(self):
        try:
            with open(self.log, "rb") as log:
                log.seek(max(0, os.fstat(log.fileno()).st_size - LOG_TAIL))
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""


class GradingPreprocessor(ExecutePreprocessor):
    """nbconvert's ExecutePreprocessor on a kernel started ahead, with a bound on what the kernel may make it hold."""

    spent = 0

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # each finished cell's seconds on this worker's clock (the kernel's message dates are the kernel's to forge)
        self.seconds = []

    def output(self, outs, msg, display_id, cell_index):
        self.spent += len(json.dumps(msg["content"]))
        if self.spent > MAX_OUTPUT_BYTES:
            raise TooMuchOutput()
        return super().output(outs, msg, display_id, cell_index)

    async def run(self, nb, run):
        """ExecutePreprocessor.preprocess, as `jupyter nbconvert --execute` runs it, on the run's started kernel."""
        NotebookClient.__init__(self, nb, run.km)
        self.reset_execution_trackers()
        self._check_assign_resources({})
        self.kc = run.kc
        info = await self.async_wait_for_reply(self.kc.kernel_info())
        self.nb.metadata["language_info"] = info["content"]["language_info"]
        self.guarded = Guarded(run, self.kc)
        for index, cell in enumerate(self.nb.cells):
            if is_test(cell):
                await self.guarded.around(index, cell, lambda: self.timed(cell, index))
            else:
                await self.timed(cell, index)
        self.set_widgets_metadata()

    async def timed(self, cell, index):
        started = time.monotonic()
        await self.async_execute_cell(cell, index, store_history=True)
        self.seconds.append(round(time.monotonic() - started, 6))


class Worker:
    def __init__(self):
        self.config = grading_config()
        # validated once, after its steps, instead of after each: the same verdict at a tenth of the cost. Its steps are this
        # nbconvert's own (a coalescing function always applied in 6, a step off unless configured in 7)
        self.exporter = NotebookExporter(config=self.config, optimistic_validation=True)
        self.startup_timeout = self.config.ExecutePreprocessor.get("startup_timeout", 60)
        self.forge = Forge()
        self.runs = {}
        self.running = set()
        self.context = zmq.asyncio.Context()
        self.context.setsockopt(zmq.MAXMSGSIZE, MAX_OUTPUT_BYTES)
        # the client connects before the forked kernel binds its sockets: retry soon, not after zmq's 100 ms
        self.context.setsockopt(zmq.RECONNECT_IVL, 5)
        self.out = sys.stdout.buffer

    def reply(self, header, payload=b""):
        self.out.write((json.dumps(dict(header, length=len(payload))) + "\n").encode() + payload)
        self.out.flush()

    async def serve(self):
        await self.forge.start()
        stdin = asyncio.StreamReader(limit=1 << 20)
        await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
        while True:
            line = await stdin.readline()
            if not line:
                break
            command = json.loads(line)
            payload = await stdin.readexactly(command.get("length", 0))
            if command["op"] == "start":
                self.runs[command["run"]] = Run(self, command)
            elif command["op"] == "run":
                self.begin(self.execute(command, payload))
            elif command["op"] == "discard":
                self.begin(self.discard(command))
        # the runs tito sent before it closed this worker's input end first (a grading Job's one notebook)
        await asyncio.gather(*self.running)
        for run in self.runs.values():
            await run.kill()

    def begin(self, work):
        """Runs `work` beside the other runs: one worker serves every slot, each run with its own kernel."""
        task = asyncio.get_running_loop().create_task(work)
        self.running.add(task)
        task.add_done_callback(self.ended)

    def ended(self, task):
        self.running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # a broken command (tito's bug, not a kernel's): said on stderr, and tito replaces this worker
            error = task.exception()
            traceback.print_exception(type(error), error, error.__traceback__)
            os._exit(3)

    async def discard(self, command):
        await self.runs.pop(command["run"]).kill()
        self.reply({"op": "discarded", "run": command["run"]})

    async def execute(self, command, payload):
        run = self.runs.pop(command["run"])
        report = {"op": "done", "run": command["run"], "outcome": "executed", "detail": ""}
        executed = b""
        preprocessor = GradingPreprocessor(config=self.config)
        try:
            nb = nbformat.reads(payload.decode("utf-8"), as_version=4)
            execution = asyncio.ensure_future(self.finish(run, nb, command, preprocessor))
            finished, _ = await asyncio.wait({execution}, timeout=command["deadline"])
            if finished:
                execution.result()
                # what the guard found travels with the notebook (in a Job, to the score step); a student's own
                # "tito" metadata never does
                found = preprocessor.guarded.found
                nb.metadata["tito"] = {"tampering": {str(index): evidence for index, evidence in found.items()}}
                report["kernelPeakBytes"] = kernel_peak_bytes(run.km.provisioner.pid, run.command["isolate"])
                executed = self.exported(nb)
            else:
                # nbclient reports its cancelled wait as a dead kernel: the deadline is said here instead
                execution.cancel()
                await asyncio.gather(execution, return_exceptions=True)
                report["outcome"] = "deadline"
        except BaseException as e:  # noqa: B902 (whatever the kernel did, the worker answers and goes on)
            report["outcome"], report["detail"] = self.classify(e)
        finally:
            await run.kill()
        # the cells that finished: on a failed run, the next one is the cell that was running
        report["cellSeconds"] = preprocessor.seconds
        if report["outcome"] != "executed":
            report["log"] = run.log_tail()
        self.reply(report, executed)

    async def finish(self, run, nb, command, preprocessor):
        try:
            await run.ready
        except Exception as e:
            raise KernelNotStarted(str(e) or type(e).__name__) from e
        if "timeout" in command:  # else grading_config.py's
            preprocessor.timeout = command["timeout"]
        await preprocessor.run(nb, run)

    def exported(self, nb):
        """What `jupyter nbconvert --to notebook` does once it executed a notebook (this nbconvert's version of it)."""
        return self.exporter.from_notebook_node(nb)[0].encode("utf-8")

    @staticmethod
    def classify(error):
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        kinds = ((KernelNotStarted, "not_started"), (DeadKernelError, "dead_kernel"), (CellTimeoutError, "cell_timeout"),
                 (TooMuchOutput, "too_much_output"), (nbformat.ValidationError, "invalid_notebook"))
        return next((kind for cls, kind in kinds if isinstance(error, cls)), "error"), detail


class KernelNotStarted(Exception):
    pass


def first_child(pid):
    """The earliest-started child of a process (the one it forked first; orphans it reaped came later), or None."""
    found = []
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/children" % (pid, task)) as listing:
            found.extend(int(child) for child in listing.read().split())
    started = {}
    for child in found:
        with open("/proc/%d/stat" % child) as stat:
            # after the command name, which may hold spaces and parentheses: field 22, starttime, is the 20th
            started[child] = int(stat.read().rpartition(")")[2].split()[19])
    return min(started, key=started.get) if started else None


def kernel_peak_bytes(keeper, isolated):
    """The kernel process's peak resident memory (VmHWM), read from outside it before it is killed: the keeper forked
    the kernel, or as root the namespace's init that forked it. Processes the kernel started are not counted."""
    try:
        pid = first_child(keeper)
        if isolated and pid is not None:
            pid = first_child(pid)
        if pid is None:
            return None
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


asyncio.run(Worker().serve())
