"""The one error the package raises for bad input, printed by the CLI as a single line, and the one line of a run
stopped by a signal (kept here, with no import of the package's own, so that the entry point has it before it
imports the command)."""

from __future__ import annotations

import signal

#: Signals that stop a run with one line, the old tables kept (SIGKILL cannot be caught: the swap covers it).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def interrupted(exc: BaseException) -> str:
    """What a run stopped by a signal says: the exception carries the signal's number (Ctrl-C's own carries none)."""
    name = signal.Signals(exc.args[0]).name if exc.args else "SIGINT"
    return f"interrupted by {name}; the output folder keeps the tables it had"


class PageError(ValueError):
    """Bad input: names the file, the 1-based line (when there is one) and what was expected."""

    def __init__(self, path: str, line: int | None, expected: str):
        self.path = str(path)
        self.line = line
        self.expected = expected
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {expected}")
