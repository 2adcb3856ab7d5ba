# nbconvert settings for a grading run: nbgrader 0.9.5's Execute preprocessor semantics.
import os
import sys

c = get_config()  # noqa: F821 (traitlets provides it)
# nbconvert has just put its working folder first on sys.path; student code writes there, so nothing is imported from it
sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]
c.ExecutePreprocessor.allow_errors = True
c.ExecutePreprocessor.interrupt_on_timeout = True
c.ExecutePreprocessor.raise_on_iopub_timeout = True
# every output is collected by then: kill the kernel instead of waiting for its graceful exit
c.ExecutePreprocessor.shutdown_kernel = "immediate"
# a grading run starts from an empty home: no IPython history database to create and fill
c.ExecutePreprocessor.extra_arguments = ["--HistoryManager.enabled=False"]
c.ExecutePreprocessor.error_on_timeout = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
}


def _record_silent_error(cell, cell_index, execute_reply):
    """An error the student hid (showtraceback disabled, or a timeout) still becomes an error output."""
    content = execute_reply.get("content", {})
    ename = content.get("ename", "")
    if any(o.get("output_type") == "error" and o.get("ename") == ename for o in cell.get("outputs", [])):
        return
    from nbformat.v4 import new_output

    traceback = content.get("traceback") or ["ERROR: An error occurred while showtraceback was disabled"]
    cell.outputs.append(
        new_output("error", ename=ename, evalue=content.get("evalue", ""), traceback=traceback)
    )


c.ExecutePreprocessor.on_cell_error = _record_silent_error


def _untraceable():
    """Student code runs as the same user as nbconvert: it must not trace or read this process, which holds the results."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4, off
    except (OSError, AttributeError):
        pass  # not Linux: no /proc to read and no same-user ptrace to stop here


_untraceable()
