"""What people are told when the app itself fails: a plain message, never silence.

An exception that nothing caught in a slot or an event handler reaches `sys.excepthook`, which
by default prints a traceback to a console that a windowed app on Windows does not have: what
someone just did silently did not happen. This hook says so in words, once however many
follow. What it prints for whoever supports the app names where it failed (files, lines,
functions) and the exception's type, never its message: that may quote what someone typed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer

Tell = Callable[[str, str], None]  # (title, text): a message box in the app


def redacted_traceback(kind: type[BaseException], trace: TracebackType | None) -> str:
    """Where the failure happened, innermost last, and its type: no message, no values."""
    import traceback  # only once something has failed: not on start-up's path

    frames = traceback.extract_tb(trace)
    lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
    return "\n".join(
        [
            "Traceback (most recent call last):",
            *lines,
            f"{module}{kind.__qualname__} (its message is left out: it may quote personal data)",
            "",
        ]
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnexpectedErrors", text)


class UnexpectedErrors:
    """Installed once the window exists. `tell` shows a message box; it is called on the GUI
    thread, whichever thread failed."""

    def __init__(self, tell: Tell) -> None:
        self.tell = tell
        self.pending = False  # one message at a time, however many failures follow
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if not issubclass(kind, Exception):  # Ctrl+C in a terminal, exits: as before
            self.previous(kind, error, trace)
            return
        if sys.stderr is not None:  # a windowed app has none
            sys.stderr.write(redacted_traceback(kind, trace))
        app = QCoreApplication.instance()
        if app is not None and not self.pending:
            self.pending = True
            # On the GUI thread, whichever thread failed, once the failing handler has returned.
            QTimer.singleShot(0, app, lambda: self._tell(kind.__name__))

    def _tell(self, kind: str) -> None:
        try:
            self.tell(
                _tr("Something went wrong"),
                _tr(
                    "Listening Post met a problem it did not expect, so what you just did may "
                    "not have finished. What was saved before is safe, and a note being typed "
                    "is kept as a draft.\n\nIf this happens again, please tell whoever looks after "
                    "Listening Post for you what you were doing (problem: {kind})."
                ).format(kind=kind),
            )
        finally:
            self.pending = False
