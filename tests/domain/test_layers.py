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
