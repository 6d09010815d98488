"""The built artefacts against their budgets (packaging/budgets.py): the .deb and the app folder.

Runs on what ``packaging/build.py`` left in ``dist/``; CI runs it right after the build with
``POSAPP_REQUIRE_ARTEFACTS=1`` (a missing artefact then fails instead of skipping) and ``-s`` to print
the figures.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

budgets = importlib.import_module("budgets")
ROOT = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("POSAPP_DIST", ROOT / "dist"))


def _artefact(path: Path | None, what: str) -> Path:
    if path is None or not path.exists():
        if os.environ.get("POSAPP_REQUIRE_ARTEFACTS"):
            pytest.fail(f"{what} was not built into {DIST}")
        pytest.skip(f"{what} not built (python packaging/build.py)")
    return path


def test_the_deb_is_within_its_budget() -> None:
    deb = _artefact(next(iter(sorted(DIST.glob("posapp_*.deb"))), None), "the .deb")
    size = deb.stat().st_size
    sys.stdout.write(f"\nbudget: {deb.name} {budgets.mb(size)} (budget {budgets.mb(budgets.DEB_BUDGET)})\n")
    assert size <= budgets.DEB_BUDGET


def test_the_app_folder_is_within_its_budget_and_says_its_true_installed_size() -> None:
    folder = _artefact(DIST / "posapp", "the app folder")
    size, files = budgets.folder_bytes(folder)
    limit = budgets.mb(budgets.APP_BUDGET)
    sys.stdout.write(f"\nbudget: app folder {budgets.mb(size)} in {files} files (budget {limit})\n")
    assert size <= budgets.APP_BUDGET
    deb = next(iter(sorted(DIST.glob("posapp_*.deb"))), None)
    if deb is not None:
        field = subprocess.run(["dpkg-deb", "-f", str(deb), "Installed-Size"], capture_output=True, text=True)
        installed_kb = int(field.stdout.strip())
        sys.stdout.write(f"budget: Installed-Size {installed_kb} KiB\n")
        assert size / 1024 <= installed_kb <= size / 1024 * 1.05 + 2048  # true, not symlinks counted twice
        assert (
            "./usr/share/doc/posapp/copyright"
            in subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True).stdout
        )


def test_folder_size_counts_a_symlinked_file_once(tmp_path: Path) -> None:
    (tmp_path / "lib.so.6").write_bytes(b"\0" * 1000)
    (tmp_path / "lib.so").symlink_to("lib.so.6")
    assert budgets.folder_bytes(tmp_path) == (1000, 1)
