"""The size and memory budgets of what a shop installs (issue 14), and how each figure is measured.

- the .deb file ≤ 150 MB: tests/packaging/test_budgets.py on dist/*.deb;
- the app folder (dist/posapp, installed as /opt/posapp) ≤ 400 MB: the same test (each file once);
- RSS of the whole app, all its processes, after an hour of the demo ≤ 350 MB: tests/bench/bench_rss.py.
"""

from __future__ import annotations

import os
from pathlib import Path

MB = 1_000_000
DEB_BUDGET = 150 * MB
APP_BUDGET = 400 * MB
RSS_BUDGET = 350 * MB


def folder_bytes(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder, each regular file once (symlinks not followed)."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def process_tree_rss(pid: int) -> tuple[int, int]:
    """(RSS bytes summed over ``pid`` and all its descendants, process count) from /proc (Linux)."""
    total, count, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        status = Path(f"/proc/{current}/status")
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue  # it ended meanwhile
        total += int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
        count += 1
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return total, count


def mb(value: int) -> str:
    return f"{value / MB:.1f} MB"


def proc_available() -> bool:
    return os.path.isdir("/proc/self/task")
