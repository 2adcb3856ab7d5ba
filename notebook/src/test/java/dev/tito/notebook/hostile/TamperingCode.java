package dev.tito.notebook.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers that hook the kernel's own execution path so that the tests after them would not run as written, or their
 * outcome would not be recorded as it happened. Each answers {@code add} wrongly (it returns 0) and then installs its
 * hook: without the guard each would earn every point. By name, the Python of each.
 */
final class TamperingCode {
  private static final String WRONG = "def add(a, b):\n    return 0\n";

  private TamperingCode() {}

  static Map<String, String> attacks() {
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put(
        "input_transformer",
        WRONG + "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])");
    attacks.put(
        "input_transformer_post",
        WRONG + "get_ipython().input_transformers_post.append(lambda lines: ['pass\\n'])");
    attacks.put(
        "ast_transformer",
        WRONG
            + """
        import ast
        class StripAsserts(ast.NodeTransformer):
            def visit_Assert(self, node):
                return ast.Pass()
        get_ipython().ast_transformers.append(StripAsserts())""");
    attacks.put(
        "pre_run_cell",
        WRONG
            + """
        def swap(info):
            globals()['add'] = lambda a, b: a + b
        get_ipython().events.register('pre_run_cell', swap)""");
    attacks.put(
        "run_cell_on_the_class",
        WRONG
            + """
        from IPython.core.interactiveshell import InteractiveShell
        original = InteractiveShell.run_cell
        InteractiveShell.run_cell = lambda self, cell, *a, **k: original(self, 'pass', *a, **k)""");
    attacks.put(
        "run_cell_on_the_shell",
        WRONG
            + """
        shell = get_ipython()
        original = shell.run_cell
        shell.run_cell = lambda cell, *a, **k: original('pass', *a, **k)""");
    attacks.put(
        "do_execute",
        WRONG
            + """
        kernel = get_ipython().kernel
        original = kernel.do_execute
        kernel.do_execute = lambda code, *a, **k: original('pass', *a, **k)""");
    attacks.put(
        "message_handler",
        WRONG
            + """
        kernel = get_ipython().kernel
        original = kernel.shell_handlers['execute_request']
        def only_passes(stream, ident, parent):
            parent['content']['code'] = 'pass'
            return original(stream, ident, parent)
        kernel.shell_handlers['execute_request'] = only_passes""");
    attacks.put(
        "session_send",
        WRONG
            + """
        from jupyter_client.session import Session
        original = Session.send
        def all_ok(self, stream, msg_or_type, content=None, *a, **k):
            if isinstance(content, dict) and content.get('status') == 'error':
                content = dict(content, status='ok')
            if msg_or_type == 'error':
                return None
            return original(self, stream, msg_or_type, content, *a, **k)
        Session.send = all_ok""");
    attacks.put(
        "code_swap",
        WRONG
            + """
        from IPython.core.interactiveshell import InteractiveShell
        def transform_cell(self, raw_cell):
            return 'pass\\n'
        InteractiveShell.transform_cell.__code__ = transform_cell.__code__""");
    attacks.put(
        "trace_jumps_over_asserts",
        """
        import linecache, sys
        def skip_asserts(frame, event, arg):
            if event == 'line' and linecache.getline(frame.f_code.co_filename, frame.f_lineno).startswith('assert'):
                frame.f_lineno = frame.f_lineno + 1
            return skip_asserts
        def add(a, b):
            sys._getframe(1).f_trace = skip_asserts
            sys.settrace(skip_asserts)
            return 0""");
    attacks.put("builtin_replaced", WRONG + "import builtins\nbuiltins.all = lambda *a: True");
    attacks.put("builtin_shadowed", WRONG + "def all(values):\n    return True");
    attacks.put("library_patched", WRONG + "import math\nmath.isclose = lambda *a, **k: True");
    attacks.put(
        "module_swapped",
        WRONG
            + """
        import sys, types
        fake = types.ModuleType('math')
        fake.isclose = lambda *a, **k: True
        sys.modules['math'] = fake""");
    attacks.put(
        "thread_rehooks",
        WRONG
            + """
        import threading, time
        def rehook():
            shell = get_ipython()
            strip = lambda lines: ['pass\\n']
            while True:
                if strip not in shell.input_transformers_cleanup:
                    shell.input_transformers_cleanup.append(strip)
                time.sleep(0.001)
        threading.Thread(target=rehook, daemon=True).start()""");
    attacks.put(
        "timer_rehooks",
        WRONG
            + """
        import signal
        def rehook(signum, frame):
            shell = get_ipython()
            shell.input_transformers_cleanup.append(lambda lines: ['pass\\n'])
        signal.signal(signal.SIGALRM, rehook)
        signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)""");
    attacks.put(
        "execution_result",
        WRONG
            + """
        from IPython.core.interactiveshell import ExecutionResult, InteractiveShell
        ExecutionResult.error_in_exec = property(lambda self: None, lambda self, value: None)
        ExecutionResult.error_before_exec = property(lambda self: None, lambda self, value: None)
        get_ipython().showtraceback = lambda *a, **k: None""");
    attacks.put(
        "forged_check",
        WRONG
            + """
        kernel = get_ipython().kernel
        def fake_check(stream, ident, parent):
            kernel.session.send(stream, 'tito_guard_reply', {'proof': '0' * 64}, parent, ident)
        kernel.shell_handlers['tito_guard_request'] = fake_check
        get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])""");
    attacks.put(
        "hunts_the_guard",
        WRONG
            + """
        import gc
        for thing in gc.get_objects():
            if hasattr(thing, 'secret') and hasattr(thing, 'restore'):
                thing.restore = lambda: []
        get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])""");
    attacks.put(
        "closes_the_channel",
        WRONG
            + """
        import os, socket
        for fd in range(3, 1024):
            try:
                s = socket.socket(fileno=os.dup(fd))
            except OSError:
                continue
            try:
                if s.family == socket.AF_UNIX and str(s.getpeername()).endswith('/guard'):
                    os.close(fd)
            except OSError:
                pass
            finally:
                s.close()
        get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])""");
    attacks.put(
        "ctypes_into_python",
        WRONG
            + """
        import ctypes
        ctypes.pythonapi.PyFrame_LocalsToFast.argtypes = [ctypes.py_object, ctypes.c_int]""");
    attacks.put(
        "forged_file_name",
        WRONG
            + """
        exec(compile("get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\\\n'])",
                     "/usr/lib/python3/dist-packages/IPython/core/inputtransformer2.py", "exec"))""");
    return attacks;
  }
}
