"""Memory of the whole app (the main process and any it starts) while the demo's lunch rush runs.

``POSAPP_RSS_SECONDS`` (default 3600: the budget is "after an hour") sets the run; ``POSAPP_RSS_EXE``
runs an installed build (``/usr/bin/posapp``) instead of this checkout. Prints the RSS after the first
20 s (the baseline of the same run), at the end, the growth ratio and the budget
(packaging/budgets.py); fails over the budget. CI runs a short one on the installed .deb:
    POSAPP_RSS_EXE=/usr/bin/posapp POSAPP_RSS_SECONDS=60 \\
      .venv/bin/python -m pytest tests/bench/bench_rss.py -o python_files='bench_*.py' -s -q
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("posapp_budgets", ROOT / "packaging" / "budgets.py")
assert _spec is not None and _spec.loader is not None
budgets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(budgets)

SAMPLE_S = 5.0
BASELINE_AFTER_S = 20.0
SECONDS = float(os.environ.get("POSAPP_RSS_SECONDS", "3600"))


@pytest.mark.skipif(not budgets.proc_available(), reason="reads /proc (Linux)")
@pytest.mark.timeout(SECONDS + 180)  # the demo's own length, start and stop
def test_the_whole_app_stays_within_its_memory_budget_during_the_demo(tmp_path: Path) -> None:
    seconds = SECONDS
    exe = os.environ.get("POSAPP_RSS_EXE")
    command = [exe] if exe else [sys.executable, "-m", "posapp"]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    process = subprocess.Popen(
        [*command, "--demo", "--duration", str(seconds), "--data-dir", str(tmp_path)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    samples: list[tuple[float, int, int]] = []
    elapsed = 0.0
    try:
        while True:
            try:
                process.wait(timeout=SAMPLE_S)
                break  # the demo ended after --duration
            except subprocess.TimeoutExpired:
                elapsed += SAMPLE_S
                rss, count = budgets.process_tree_rss(process.pid)
                samples.append((elapsed, rss, count))
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0 and samples
    baseline = next((s for s in samples if s[0] >= BASELINE_AFTER_S), samples[0])
    end = samples[-1]
    peak = max(s[1] for s in samples)
    sys.stdout.write(
        f"\nrss: demo for {seconds:.0f} s ({'installed ' + exe if exe else 'checkout'}): "
        f"{budgets.mb(end[1])} in {end[2]} process(es) at the end, {budgets.mb(baseline[1])} after "
        f"{baseline[0]:.0f} s (×{end[1] / baseline[1]:.2f}), peak {budgets.mb(peak)}; "
        f"budget {budgets.mb(budgets.RSS_BUDGET)}\n"
    )
    assert end[1] <= budgets.RSS_BUDGET
