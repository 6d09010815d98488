"""Run a command's ``main`` in-process and collect what a user would see: exit code and stderr."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    @property
    def line(self) -> str:
        """The one line a bad input gets; fails the test when there is more (or a traceback)."""
        assert "Traceback" not in self.err, self.err
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        return lines[0]


def run(entry: Callable[..., Any], argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> Outcome:
    try:
        code = int(entry(list(argv)))
    except SystemExit as exc:  # argparse's usage errors end this way
        code = exc.code if isinstance(exc.code, int) else 1
    seen = capsys.readouterr()
    return Outcome(code, seen.out, seen.err)
