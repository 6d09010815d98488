"""Which PySide6 modules the app imports, so the spec can leave every other Qt module out.

Derived from the source rather than listed by hand: when the screens start using a module
(QtWebEngine, say), the next build includes it without anyone editing the spec.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

# What a module needs at run time that it does not import by name.
IMPLIED = {
    "QtWidgets": {"QtGui", "QtCore"},
    "QtGui": {"QtCore"},
    "QtNetwork": {"QtCore"},
    "QtMultimedia": {"QtNetwork", "QtGui"},
    "QtPrintSupport": {"QtWidgets"},
    "QtWebEngineWidgets": {"QtWebEngineCore", "QtWebChannel", "QtPositioning", "QtQuick", "QtQml"},
    "QtWebEngineCore": {"QtWebChannel", "QtPositioning", "QtQuick", "QtQml", "QtNetwork"},
    "QtPdf": {"QtGui"},
}


def used_modules(package_dir: Path) -> set[str]:
    used: set[str] = set()
    for path in package_dir.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: Iterable[str] = ()
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value]  # importlib.import_module("PySide6.QtMultimedia")
            for name in names:
                parts = name.split(".")
                if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                    used.add(parts[1])
    return _with_implied(used)


def _with_implied(modules: set[str]) -> set[str]:
    result = set(modules)
    while True:
        extra = set().union(*(IMPLIED.get(m, set()) for m in result)) - result
        if not extra:
            return result
        result |= extra


def available_modules(pyside_dir: Path) -> set[str]:
    """Qt modules of the installed PySide6: ``QtCore.abi3.so`` on Linux, ``QtCore.pyd`` on Windows."""
    return {
        p.name.split(".")[0]
        for p in pyside_dir.iterdir()
        if p.name.startswith("Qt") and (p.suffix == ".pyd" or p.name.endswith(".abi3.so"))
    }


def excluded_modules(package_dir: Path, pyside_dir: Path) -> list[str]:
    unused = available_modules(pyside_dir) - used_modules(package_dir)
    return sorted(f"PySide6.{name}" for name in unused)
