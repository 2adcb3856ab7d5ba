# tito's guard in every grading kernel (docs/security.md, "Tests that student code cannot quietly subvert"). The kernel
# forge runs this file with a private copy of builtins and calls install() on the kernel's first loop turn, before any
# student code runs:
#  - it keeps what the kernel's execution path is made of (IPython's transformers and events, the shell's, kernel's
#    and session's methods and their code, message handlers, builtins, trace and import hooks, signal handlers) and,
#    before every test cell, restores it and says what it had to restore;
#  - all of it lives in an audit hook, which Python code can neither remove nor reach: the kernel asks it for a check
#    by raising the audit event "tito.guard.check", and it proves its answer with a secret only it and the worker
#    know. It also reports at once what student code does to the execution path or to this guard that Python audits
#    (the code of the kernel's functions swapped, trace functions, ctypes into Python's C API or raw memory, gc's view
#    of every object, process memory, code that claims a library's file name);
#  - it reports on a socket the worker listens on, connected before any student code ran: what was sent cannot be
#    taken back, and closing it is itself noticed.
# It relies on no function student code could replace: what it calls was bound when the kernel started.
import _socket
import ast
import builtins
import os
import signal
import sys
import threading
from _hashlib import hmac_digest
from sys import _getframe as frame_of
from sys import getprofile, gettrace, setprofile, settrace

SIGNALS = [s for s in signal.valid_signals() if s not in (signal.SIGKILL, signal.SIGSTOP)]
TIMERS = ((signal.ITIMER_REAL, "real"), (signal.ITIMER_VIRTUAL, "virtual"), (signal.ITIMER_PROF, "profiling"))
getsignal, setsignal, getitimer, setitimer = signal.getsignal, signal.signal, signal.getitimer, signal.setitimer
threads_now, thread_tracer, thread_profiler = threading.enumerate, threading.gettrace, threading.getprofile
thread_settrace, thread_setprofile = threading.settrace, threading.setprofile
parse, walk, Name, Attribute, Load = ast.parse, ast.walk, ast.Name, ast.Attribute, ast.Load
WATCHED = frozenset(("object.__setattr__", "object.__delattr__", "sys.settrace", "sys.setprofile", "ctypes.dlsym",
                     "ctypes.dlsym/handle", "ctypes.cdata", "gc.get_referrers", "gc.get_referents", "gc.get_objects",
                     "sys.addaudithook", "open", "compile", "code.__new__", "exec"))
LIST_HOOKS = (("input_transformer_manager", "cleanup_transforms"), ("input_transformer_manager", "line_transforms"),
              ("", "input_transformers_post"), ("", "ast_transformers"))
FUNCTION_TYPES = (type(len), type([].append), type(object.__init__), type(object().__str__))
CODE = type(compile("", "", "exec"))


def code_of(value):
    """The Python code a callable runs, or None for code written in C."""
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    elif isinstance(value, property):
        value = value.fget
    if not isinstance(value, type):
        value = getattr(value, "__func__", value)
    return getattr(value, "__code__", None) if not isinstance(value, type) else None


class Guard:
    def __init__(self, app, evidence_path):
        self.shell, self.kernel = app.shell, app.kernel
        self.busy = False
        # where the answers' code comes from: the run's folder (the student's files) and the cells, which ipykernel
        # compiles under file names in a folder of its own (in the temporary folder, wherever that is)
        cells = os.path.dirname(app.shell.compile.get_code_name("", None, 0))
        self.run_folder = os.path.dirname(os.path.realpath(os.getcwd())) + os.sep
        self.origins = (self.run_folder,) + ((cells + os.sep,) if os.path.isabs(cells) else ())
        self.own = {code_of(v) for v in vars(Guard).values() if code_of(v) is not None}
        self.answers = set()
        self.channel = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        self.channel.connect(evidence_path)
        self.secret = os.urandom(32)
        self.tell("secret", self.secret.hex())
        pythonapi = getattr(sys.modules.get("ctypes"), "pythonapi", None)
        for name in [n for n in (vars(pythonapi) if pythonapi is not None else ()) if not n.startswith("_")]:
            delattr(pythonapi, name)  # looked up again, so audited, when the answers ask for one
        self.snapshot()

    # --- what the answers wrote ---------------------------------------------------------------------------------
    def student(self, code):
        """Code from the answers: compiled from a file of the run (the cells, the student's own files), or run by
        such code. Everything else (the interpreter's libraries, whatever file names they give their code) is not."""
        return code is not None and (code in self.answers or code.co_filename.startswith(self.origins))

    def mark(self, code):
        """Code the answers run (exec, eval), with every function defined in it."""
        pending = [code]
        while pending:
            code = pending.pop()
            if code not in self.answers:
                self.answers.add(code)
                pending += [c for c in code.co_consts if isinstance(c, type(code))]

    def from_answers(self, value):
        if isinstance(value, type):
            return value.__module__ == "__main__" or any(self.student(code_of(v)) for v in vars(value).values())
        if isinstance(value, FUNCTION_TYPES):
            return False
        code = code_of(value)
        return self.student(code) if code is not None else self.from_answers(type(value))

    def raised_by_answers(self, anywhere):
        """Whether the code that raised the event (or, `anywhere`, some code under it) is the answers'."""
        frame = frame_of(1)
        while frame is not None and frame.f_code in self.own:
            frame = frame.f_back
        while frame is not None:
            if self.student(frame.f_code):
                return True
            if not anywhere:
                return False
            frame = frame.f_back
        return False

    # --- the execution path as it was before student code ---------------------------------------------------------
    def watched_objects(self):
        shell, kernel = self.shell, self.kernel
        return [shell, kernel, kernel.session, shell.compile, shell.displayhook, shell.display_pub, shell.events,
                shell.input_transformer_manager, kernel.shell_stream, kernel.iopub_thread]

    def hook_list(self, hook):
        return getattr(getattr(self.shell, hook[0]) if hook[0] else self.shell, hook[1])

    def snapshot(self):
        self.builtins = dict(vars(builtins))
        self.user_ns = dict(self.shell.user_ns)
        self.lists = {hook: list(self.hook_list(hook)) for hook in LIST_HOOKS}
        self.callbacks = {event: list(callbacks) for event, callbacks in self.shell.events.callbacks.items()}
        self.instances = [(obj, dict(vars(obj))) for obj in self.watched_objects()]
        self.handlers = [(table, dict(table)) for table in (self.kernel.shell_handlers, self.kernel.control_handlers)]
        self.classes = {cls: dict(vars(cls)) for obj in self.watched_objects() for cls in type(obj).__mro__[:-1]}
        self.functions = {}
        for namespace in self.classes.values():
            for value in namespace.values():
                function = value.__func__ if isinstance(value, (staticmethod, classmethod)) else \
                    value.fget if isinstance(value, property) else value
                if hasattr(function, "__code__"):
                    self.functions[function] = (function.__code__, function.__defaults__, function.__kwdefaults__)
        self.signals = {sig: getsignal(sig) for sig in SIGNALS}
        self.threads = {thread.ident for thread in threads_now()}
        self.meta_path, self.path_hooks = list(sys.meta_path), list(sys.path_hooks)
        self.modules = {name: module for name, module in sys.modules.items() if name != "__main__"}

    # --- before every test cell ------------------------------------------------------------------------------------
    def check(self, stream, ident, parent):
        """Restores, reports on the socket, and answers with the proof that this guard did it."""
        content = parent.get("content", {})
        if not content.get("sync"):  # a sync only marks where the evidence of the test before it ends
            for found in self.restore() + self.inspect(str(content.get("test", ""))):
                self.tell("evidence", found)
        nonce = str(content.get("nonce", ""))
        proof = hmac_digest(self.secret, nonce.encode(), "sha256").hex()
        self.tell("checked", nonce)
        self.kernel.session.send(stream, "tito_guard_reply", {"nonce": nonce, "proof": proof}, parent, ident)

    def restore(self):
        return (self.restore_builtins() + self.restore_hooks() + self.restore_objects() + self.restore_classes()
                + self.restore_interpreter())

    def restore_builtins(self):
        found = []
        for name, value in self.builtins.items():
            if vars(builtins).get(name, self) is not value:
                setattr(builtins, name, value)
                found.append("builtins.%s replaced" % name)
        return found

    def restore_hooks(self):
        found = []
        for hook, original in self.lists.items():
            current = self.hook_list(hook)
            planted = [h for h in current if not any(h is o for o in original) and self.from_answers(h)]
            missing = [o for o in original if not any(h is o for h in current)]
            if planted or missing:
                current[:] = [h for h in current if not any(h is u for u in planted)] + missing
                found += ["IPython's %s gained %s" % (hook[1], self.name(h)) for h in planted]
                found += ["IPython's %s lost %s" % (hook[1], self.name(h)) for h in missing]
        for event, callbacks in self.shell.events.callbacks.items():
            original = self.callbacks.get(event, [])
            planted = [c for c in callbacks if not any(c is o for o in original) and self.from_answers(c)]
            if planted:
                callbacks[:] = [c for c in callbacks if not any(c is u for u in planted)]
                found += ["an IPython %s callback (%s)" % (event, self.name(c)) for c in planted]
        for table, original in self.handlers:
            for name, handler in original.items():
                if table.get(name) is not handler:
                    table[name] = handler
                    found.append("the kernel's %s handler replaced" % name)
        return found

    def restore_objects(self):
        found = []
        for obj, original in self.instances:
            current = vars(obj)
            for name in list(current):
                value = current[name]
                if name in original:
                    if value is not original[name] and code_of(original[name]) is not None:
                        current[name] = original[name]
                        found.append("%s.%s replaced" % (type(obj).__name__, name))
                elif callable(value) and hasattr(type(obj), name):
                    del current[name]
                    found.append("%s.%s replaced on the object" % (type(obj).__name__, name))
        return found

    def restore_classes(self):
        found = []
        for cls, original in self.classes.items():
            current = vars(cls)
            if current == original:  # compared in C; the walk below only when something changed
                continue
            for name, value in original.items():
                now = current.get(name, self)
                if now is not value and (code_of(value) is not None or code_of(now) is not None):
                    setattr(cls, name, value)
                    found.append("%s.%s.%s replaced" % (cls.__module__, cls.__qualname__, name))
            for name in [n for n in current if n not in original and code_of(current[n]) is not None]:
                delattr(cls, name)
                found.append("%s.%s.%s added" % (cls.__module__, cls.__qualname__, name))
        for function, (code, defaults, kwdefaults) in self.functions.items():
            if function.__code__ is not code or function.__defaults__ is not defaults \
                    or function.__kwdefaults__ is not kwdefaults:
                function.__code__, function.__defaults__, function.__kwdefaults__ = code, defaults, kwdefaults
                found.append("the code of %s.%s replaced" % (function.__module__, function.__qualname__))
        return found

    def restore_interpreter(self):
        found = []
        if gettrace() is not None or thread_tracer() is not None:
            settrace(None)
            thread_settrace(None)
            found.append("a trace function was set (it can skip or change the lines of a test)")
        if getprofile() is not None or thread_profiler() is not None:
            setprofile(None)
            thread_setprofile(None)
            found.append("a profile function was set")
        for name, original in (("meta_path", self.meta_path), ("path_hooks", self.path_hooks)):
            current = getattr(sys, name)
            planted = [h for h in current if not any(h is o for o in original) and self.from_answers(h)]
            if planted:
                current[:] = [h for h in current if not any(h is u for u in planted)]
                found.append("an import hook was added to sys.%s" % name)
        for name, module in self.modules.items():
            if sys.modules.get(name, module) is not module:
                sys.modules[name] = module
                found.append("sys.modules[%r] replaced" % name)
        for sig, original in self.signals.items():
            current = getsignal(sig)
            if current is not original and callable(current) and self.from_answers(current):
                setsignal(sig, original)
                found.append("a handler for %s was set" % signal.Signals(sig).name)
        for timer, name in TIMERS:
            if getitimer(timer) != (0.0, 0.0):
                setitimer(timer, 0)
                found.append("a %s-time interval timer was running" % name)
        for thread in threads_now():
            target = getattr(thread, "_target", None) or type(thread).run
            if thread.ident not in self.threads and self.from_answers(target):
                found.append("a thread the answers started is still running (%s)" % thread.name)
        return found

    def inspect(self, test):
        """What the test is about to use that the answers replaced: builtins, functions of libraries."""
        try:
            tree = parse(test)
        except (SyntaxError, ValueError):
            return []
        found = set()
        namespace = self.shell.user_ns
        for node in walk(tree):
            if isinstance(node, Name) and isinstance(node.ctx, Load) and node.id in self.builtins \
                    and node.id in namespace and namespace[node.id] is not self.user_ns.get(node.id, self):
                found.add("the answers redefine %s, which this test uses" % node.id)
            elif isinstance(node, Attribute) and isinstance(node.ctx, Load):
                found.update(self.library_function(node, namespace))
        return sorted(found)

    def library_function(self, node, namespace):
        chain = []
        while isinstance(node, Attribute):
            chain.insert(0, node.attr)
            node = node.value
        if not isinstance(node, Name) or node.id not in namespace:
            return []
        value = namespace[node.id]
        for attr in chain:
            owner, value = value, getattr(value, attr, None)
            if type(owner).__name__ == "module" and self.library(owner) and callable(value) \
                    and self.from_answers(value):
                return ["%s.%s is code from the answers" % (owner.__name__, attr)]
        return []

    def library(self, module):
        return not str(getattr(module, "__file__", None)).startswith(self.origins)

    @staticmethod
    def name(value):
        return getattr(value, "__qualname__", None) or type(value).__qualname__

    # --- the audit hook ---------------------------------------------------------------------------------------------
    def audit(self, event, args):
        if self.busy:
            return
        if event == "tito.guard.check":
            self.busy = True
            try:
                self.check(*args)
            finally:
                self.busy = False
            return
        if event not in WATCHED:
            return
        self.busy = True
        try:
            if event == "exec":
                if isinstance(args[0], CODE) and (self.student(args[0]) or self.raised_by_answers(anywhere=False)):
                    self.mark(args[0])
                return
            found = self.judge(event, args)
            if found:
                self.tell("evidence", found)
        except Exception:  # noqa: B902 (a hook that raises would break the student's own code)
            pass
        finally:
            self.busy = False

    def judge(self, event, args):
        if event in ("object.__setattr__", "object.__delattr__"):
            # Python audits what replaces a function's code (not a class attribute: restore() finds those)
            target, name = args[0], args[1]
            if target in self.functions and self.raised_by_answers(anywhere=True):
                return "the %s of %s.%s replaced" % (name, target.__module__, target.__qualname__)
            return None
        if event in ("code.__new__", "compile"):
            # libraries make code too when the answers import them: only what the answers' own code does counts
            if not self.raised_by_answers(anywhere=False):
                return None
            if event == "code.__new__":
                return "builds code by hand (%s)" % args[1]
            if isinstance(args[1], str) and not args[1].startswith(self.origins) \
                    and args[1] not in ("<string>", "<stdin>", "<unknown>"):
                return "compiles code under another file's name (%s)" % args[1]
            return None
        found = self.reaches_in(event, args)
        return found if found and self.raised_by_answers(anywhere=True) else None

    def reaches_in(self, event, args):
        """Events no library has a reason to raise for a notebook, whoever's code the answers went through."""
        if event in ("sys.settrace", "sys.setprofile"):
            return "a %s function was set" % ("trace" if event == "sys.settrace" else "profile")
        if event.startswith("ctypes.dlsym") and str(args[-1]).startswith(("Py", "_Py")):
            return "ctypes reaches Python's C API (%s)" % args[-1]
        if event == "ctypes.cdata":
            return "ctypes reads or writes memory at an address"
        if event.startswith("gc."):
            return "%s looks at every object (it can reach tito's guard)" % event
        if event == "sys.addaudithook":
            return "an audit hook was added"
        if event == "open" and isinstance(args[0], str) and args[0].startswith("/proc/") and args[0].endswith("/mem"):
            return "opens process memory (%s)" % args[0]
        return None

    def tell(self, kind, text):
        # repr of a str is the interpreter's own: no library code student code could have replaced formats it
        self.channel.sendall(("%s %s\n" % (kind, repr(text))).encode())


def install(app, evidence_path, audit, add_audit_hook, handlers_namespace):
    """Starts the guard; the kernel reaches it only through the audit event its trampoline raises."""
    add_audit_hook(Guard(app, evidence_path).audit)
    exec("def check(stream, ident, parent):\n    audit('tito.guard.check', stream, ident, parent)\n",
         handlers_namespace)
    app.kernel.shell_handlers["tito_guard_request"] = handlers_namespace["check"]
