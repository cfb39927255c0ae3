"""The one error the package raises for bad input, printed by the CLI as a single line."""

from __future__ import annotations


class PageError(ValueError):
    """Bad input: names the file, the 1-based line (when there is one) and what was expected."""

    def __init__(self, path: str, line: int | None, expected: str):
        self.path = str(path)
        self.line = line
        self.expected = expected
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {expected}")
