"""Layering: only the screens and the composition root may import Qt (architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "posapp"
QT_FREE = ["domain", "keeta", "zeek", "store", "engine", "relay", "sim", "runtime"]
QT_MODULES = ("PySide6", "qasync", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", QT_FREE)
def test_package_does_not_import_qt(package: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / package).rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_domain_imports_nothing_but_itself_and_the_standard_library() -> None:
    allowed_roots = {
        "posapp",
        "__future__",
        "dataclasses",
        "enum",
        "typing",
        "collections",
        "datetime",
        "re",
        "math",
        "decimal",
        "abc",
    }
    offenders = [
        f"{path.name} imports {name}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] not in allowed_roots
        or (name.startswith("posapp.") and not name.startswith("posapp.domain"))
    ]
    assert offenders == []


# --- every layer: which posapp packages and libraries each may import ---------------------------------
#
# domain ← keeta/zeek ← store ← engine ← ui/app; relay and sim beside (they speak the platforms' wire
# formats and never touch the app's cache or engine). Every import counts: top-level, inside functions,
# under TYPE_CHECKING. A new top-level module must be placed in LAYERS, or this test fails.

EDGE = {"domain", "http_outcome", "secrets", "settings", "brands", "paths", "assets", "logs", "serving"}
LAYERS: dict[str, set[str]] = {
    "domain": set(),
    "http_outcome": {"domain"},
    "http_tls": set(),  # the one TLS context of the HTTP clients
    "secrets": {"domain"},
    "settings": set(),
    "brands": {"settings"},  # several Keeta shops on one counter: read from the settings
    "paths": set(),
    "assets": set(),
    "serving": set(),
    "cli_args": {"printing"},  # one-line command-line errors for every command (printer URIs too)
    "logs": {"runtime"},
    "keeta": {"domain", "http_outcome", "http_tls"},
    "zeek": {"domain", "http_outcome", "http_tls"},
    "store": {"domain"},
    "printing": {"domain", "store", "assets", "paths", "engine", "cli_args"},
    "engine": {
        "domain",
        "keeta",
        "zeek",
        "store",
        "printing",
        "secrets",
        "settings",
        "http_outcome",
        "http_tls",
        "brands",
    },
    "runtime": {"domain", "store", "printing", "engine", "secrets", "settings", "http_tls"},
    "ui": {"domain", "engine", "printing", "runtime", "secrets", "settings", "assets", "paths", "brands"},
    # The composition root: builds the engine (engine/assembly.py) and puts the screens on it.
    "session": {"domain", "engine", "store", "ui", "secrets", "settings", "paths", "runtime", "brands"},
    "app": {
        "domain",
        "engine",
        "session",
        "ui",
        "runtime",
        "secrets",
        "settings",
        "paths",
        "logs",
        "demo",
        "brands",
    },
    "__main__": {"app", "runtime", "demo", "cli_args"},
    "__init__": set(),
    "relay": {"domain", "keeta", "zeek", "serving", "http_outcome", "cli_args"},
    "sim": {"domain", "keeta", "zeek", "serving", "http_outcome", "cli_args"},
    # The lunch-rush demo runs the whole product beside its simulators: it may use every part.
    "demo": {"*"},
}
# Libraries a layer must never import, whatever the package list says.
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {
    "domain": {"httpx", "peewee", "PySide6", "qasync", "shiboken6"},
    "keeta": {"peewee", "PySide6", "qasync", "shiboken6"},
    "zeek": {"peewee", "PySide6", "qasync", "shiboken6"},
    "store": {"httpx", "PySide6", "qasync", "shiboken6"},
    # Only the store speaks peewee; above it the store's own names (store/db.py) stand for its types.
    "engine": {"PySide6", "qasync", "shiboken6", "peewee"},
    "printing": {"peewee"},
    "runtime": {"peewee"},
    "ui": {"httpx", "peewee", "httpx_sse"},
    "relay": {"PySide6", "qasync", "shiboken6", "peewee"},
    "sim": {"PySide6", "qasync", "shiboken6", "peewee"},
}
# Known crossings being removed, with why; a crossing listed here may go away, never a new one come.
TOLERATED = {
    # The report slip lays out the engine's day report; printing otherwise sits under the engine.
    ("posapp.printing.report_slip", "posapp.engine.report"),
}


def _layer_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["posapp", *parts])


def every_import(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it; relative imports resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_of(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if node.module is None or module == "posapp":  # ``from posapp import x``: x is the module
                names.update(f"{module}.{alias.name}" for alias in node.names)
            else:
                names.add(module)
    return names


def layer_violations(root: Path = PACKAGE) -> list[str]:
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        layer = _layer_of(path)
        if layer not in LAYERS:
            found.append(f"{path.relative_to(root)}: package {layer!r} is in no layer (add it to LAYERS)")
            continue
        allowed = LAYERS[layer]
        module = _module_of(path)
        for name in sorted(every_import(path)):
            top = name.split(".")[0]
            if top in FORBIDDEN_LIBRARIES.get(layer, set()):
                found.append(f"{module} imports {name}")
            if top != "posapp" or name == "posapp":
                continue
            target = name.split(".")[1]
            if target == "__version__":  # the package's own __init__: everyone may read it
                continue
            if target == layer or "*" in allowed or target in allowed:
                continue
            if (module, name) not in TOLERATED:
                found.append(f"{module} imports {name} ({layer} may use {sorted(allowed) or 'nothing'})")
    return found


def test_every_layer_imports_only_what_is_below_it() -> None:
    assert layer_violations() == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("ui/board.py", "from posapp.store.outbox import OutboxAction\n", "posapp.store.outbox"),
        ("ui/tab.py", "def f():\n    from posapp.zeek import errors\n", "posapp.zeek"),
        ("ui/net.py", "import httpx\n", "httpx"),
        ("engine/cache.py", "import peewee\n", "peewee"),
        ("store/x.py", "from posapp.keeta.codes import CancelCode\n", "posapp.keeta.codes"),
        ("domain/y.py", "from ..engine import hub\n", "posapp.engine"),
        (
            "keeta/z.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from posapp.store import db\n",
            "posapp.store",
        ),
        ("gadgets/w.py", "", "in no layer"),
    ],
)
def test_the_layer_scan_catches_a_crossing(tmp_path: Path, module: str, source: str, expected: str) -> None:
    global PACKAGE
    path = tmp_path / module
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        found = layer_violations(tmp_path)
    finally:
        PACKAGE = saved
    assert len(found) == 1 and expected in found[0]
