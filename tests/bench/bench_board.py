"""Board benchmark (issue 5): not part of the default test run, and it asserts no timing.

Run: ``.venv/bin/python -m pytest tests/bench/bench_board.py -o python_files='bench_*.py' -s -q``
(``BENCH_BOARD_ORDERS``, ``BENCH_BOARD_PUSHES``, ``BENCH_BOARD_IDLE_S`` change the sizes).

Each board size runs in a fresh process (``boardrun.run``): the cashier app (AppCore, Bridge,
MainWindow) in a qasync loop, offscreen, with the simulator and a relay in a process of their own.
The figures are printed as one table, each with its ratio to the 100-order board measured in the same run.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from typing import Any

import pytest

from tests.bench import boardrun

SIZES = (100, int(os.environ.get("BENCH_BOARD_ORDERS", "10000")))
PUSHES = int(os.environ.get("BENCH_BOARD_PUSHES", "200"))
IDLE_S = float(os.environ.get("BENCH_BOARD_IDLE_S", "10"))

# (key, label, target)
ROWS: list[tuple[str, str, str]] = [
    ("board_rows", "orders on the board", ""),
    ("import_ms", "app modules imported (once per start), ms", ""),
    ("open_ms", "open: cache load + model + first paint with the orders, ms", "<= 1,000"),
    ("open_build_ms", "  of which AppCore + MainWindow built, ms", ""),
    ("open_paint_ms", "  of which show until painted with the orders, ms", ""),
    ("open_first_paint_ms", "  (show until the window's first frame, ms)", ""),
    ("search_max_ms", "search text, slowest of 8 keystrokes, ms", "<= 50"),
    ("search_median_ms", "  median, ms", ""),
    ("lane_max_ms", "lane switch, slowest of 5, ms", "<= 50"),
    ("lane_median_ms", "  median, ms", ""),
    ("stream_p50_ms", "push POST -> row in the model p50, ms", ""),
    ("stream_p99_ms", "  p99, ms", "<= 50"),
    ("stream_max_ms", "  max, ms", ""),
    ("rss_open_mb", "RSS with the board open, MB", "<= 250"),
    ("rss_end_mb", "  after the pushes, MB", "<= 250"),
    ("rss_before_open_mb", "  before opening (Qt + app modules), MB", ""),
    ("idle_cpu_pct", "idle CPU, % of a core (1 s tick, relay connected)", "< 1"),
    ("seed_s", "(seeding the cache, s)", ""),
]


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def table(results: dict[int, dict[str, float]], baseline: int) -> str:
    sizes = list(results)
    header = ["metric", *(f"{size:,} orders" for size in sizes), "target"]
    lines = [header]
    base = results[baseline]
    for key, label, target in ROWS:
        row = [label]
        for size in sizes:
            value = results[size].get(key)
            cell = _fmt(value)
            reference = base.get(key)
            if size != baseline and value is not None and reference:
                cell += f" ({value / reference:.2f}x)"
            row.append(cell)
        lines.append([*row, target])
    widths = [max(len(r[i]) for r in lines) for i in range(len(header))]
    text = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    text.append(f"(x) = ratio to the {baseline}-order board measured in the same run")
    return "\n".join(text)


def _run_size(size: int) -> dict[str, float]:
    ctx = multiprocessing.get_context("spawn")
    out: Any = ctx.Queue()
    with tempfile.TemporaryDirectory(prefix="posapp-board-bench-") as work:
        proc = ctx.Process(target=boardrun.run, args=(size, work, PUSHES, IDLE_S, out))
        proc.start()
        result = out.get(timeout=900)
        proc.join(60)
    if isinstance(result, str):
        raise RuntimeError(f"the {size}-order run failed: {result}")
    figures: dict[str, float] = result
    return figures


@pytest.mark.timeout(1800)
def test_board_benchmark() -> None:
    results = {size: _run_size(size) for size in SIZES}
    print()
    print(table(results, SIZES[0]))
    for figures in results.values():
        assert figures["stream_count"] == PUSHES  # every pushed order reached the board
