"""One composition root: the product, the demo, the screen harness and the tests build the app through the
same builder, so a test cannot pass on wiring the product does not have."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Searched: everything that is Python in the repository, wherever it lives (scripts and packaging too).
SKIP = {".venv", ".git", "build", "dist", "node_modules"}


def python_files() -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIP and not d.startswith(".")]
        files += [Path(folder) / n for n in names if n.endswith(".py")]
    return sorted(f for f in files if f != Path(__file__).resolve())


def constructions(name: str) -> list[str]:
    """Every ``name(`` call in the repository's Python files, as ``path:line``."""
    call = re.compile(rf"(?<![\w.]){re.escape(name)}\(")
    found = []
    for path in python_files():
        relative = path.relative_to(ROOT)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if call.search(line) and not line.lstrip().startswith(("class ", "def ", "#")):
                found.append(f"{relative.as_posix()}:{number}")
    return found


def test_the_engine_is_built_in_exactly_one_place() -> None:
    places = constructions("AppCore")
    assert len(places) == 1 and places[0].startswith("posapp/engine/assembly.py:"), places


def test_the_window_its_bridge_and_the_screens_on_the_engine_are_built_only_by_the_session_builder() -> None:
    for part in ("MainWindow", "Bridge", "DeliveryTab", "OpeningDrill"):
        places = constructions(part)
        assert len(places) == 1 and places[0].startswith("posapp/session.py:"), (part, places)


def test_the_builder_finds_a_construction_when_there_is_one() -> None:
    """The search itself can fail: it sees the one construction that must exist."""
    assert constructions("build_core") and not constructions("NoSuchPartAnywhere")
