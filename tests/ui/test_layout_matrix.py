"""Every screen and dialog, at 1024×768, 1366×768 and 1920×1080, in English and Chinese, in each demo
scene: nothing elided or clipped, nothing outside the window, no button under 44 px, no text under
the base size (tests/ui/layout_check.py says what each of those means).

One window per scene, built the way ``posapp --demo --snapshot`` builds it (same platforms, same
scene), then resized and switched between languages in place, so the whole matrix costs a few
seconds per scene.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from posapp.demo.runner import demo_inputs, demo_settings
from posapp.demo.scenes import LANGUAGES, SCENES, SIZES, SnapshotRequest, play
from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import Order
from posapp.paths import AppPaths
from posapp.session import open_session
from posapp.sim.config import SimConfig
from posapp.ui.main_window import MainWindow
from posapp.ui.snapshot import screens
from tests.ui.layout_check import Problem, check, detail_problems, top_bar_problems, unnamed

TYPICAL_ID = 888_000_000_000_001
TYPICAL_LINES = 8
SHOWN = 40  # problems listed in a failure; the rest are counted


@pytest.fixture
def platforms(tmp_path: Path) -> Iterator[StackInfo]:
    stack = PlatformStack(tmp_path / "platforms", SimConfig(port=0, seed=7))
    info = stack.start_in_thread()
    try:
        yield info
    finally:
        stack.stop_thread()


def _switch(window: MainWindow, language: str, scale: float = 1.0) -> None:
    settings = window.services.settings
    if (settings.language, settings.font_scale) != (language, scale):
        window._settings_saved(settings.replace(language=language, font_scale=scale))  # as Settings saves


async def _problems(
    window: MainWindow,
    size: tuple[int, int],
    label: str,
    scale: float,
    names: bool = False,
    top_heights: set[int] | None = None,
) -> list[str]:
    window.resize(*size)
    found: list[str] = []
    async for name, widget in screens(window):
        problems: list[Problem] = check(widget, scale, size) + (unnamed(widget) if names else [])
        if widget is window:
            problems += top_bar_problems(window.top_bar)
            if top_heights is not None:
                top_heights.add(window.top_bar.height())
        found += [f"{label} {name}: {p}" for p in problems]
    return found


def _typical(window: MainWindow) -> Order | None:
    """A typical big order: eight lines, each with its spec and add-ons, notes on two of them, built
    from the scene's own lines (the simulator's orders have up to four), the longest names first so
    the check is the same on every run."""
    orders = sorted(window.model.orders(), key=lambda o: o.order_view_id)
    if not orders:
        return None
    lines_seen = {(line.name, line.spec): line for o in orders for line in o.lines}.values()
    pool = sorted(lines_seen, key=lambda ln: (-len(ln.options), -len(ln.name + ln.name_zh), ln.name))
    notes = [line.remark for line in pool if line.remark][:2]
    lines = []
    for i in range(TYPICAL_LINES):
        line = pool[i % len(pool)]
        remark = notes[i] if i < len(notes) else ""
        lines.append(dataclasses.replace(line, line_id=900 + i, remark=remark))
    return dataclasses.replace(orders[-1], order_view_id=TYPICAL_ID, seq_no="#88", lines=tuple(lines))


def _typical_problems(window: MainWindow, label: str) -> list[str]:
    order = window.model.order(TYPICAL_ID) or _typical(window)
    if order is None:
        return []
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.board)
    window.model.upsert(order)
    window.board.select(TYPICAL_ID)
    for _ in range(3):
        QApplication.sendPostedEvents(None, 0)
    return [f"{label} typical order: {p}" for p in detail_problems(window.board.detail)]


@pytest.mark.parametrize("scene", SCENES)
async def test_every_screen_fits_every_size_in_both_languages(
    qapp: QApplication, platforms: StackInfo, tmp_path: Path, scene: str
) -> None:
    import httpx

    paths = AppPaths.under(tmp_path / "app").ensure()
    request = SnapshotRequest(tmp_path / "shots", scene=scene)
    session = open_session(qapp, demo_inputs(paths, platforms, demo_settings(platforms), request))
    window, core = session.window, session.core
    found: list[str] = []
    top_heights: set[int] = set()  # at the base text size: one height whatever the words or the screen
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            if scene != "first-run":
                await play(request, window, core, platforms, http)
        for language in LANGUAGES:
            _switch(window, language)
            for size in SIZES:
                label = f"{scene} {language} {size[0]}x{size[1]}"
                # Names do not change with the size: looked for once per language.
                found += await _problems(window, size, label, 1.0, size == SIZES[0], top_heights)
            if scene in ("rush", "late"):
                found += _typical_problems(window, f"{scene} {language} 1366x768")
        if scene == "rush":  # the largest text size on the screen it is meant for
            _switch(window, "en", 2.0)
            found += await _problems(window, (1920, 1080), "rush en 1920x1080 200%", 2.0)
    finally:
        _switch(window, "en")
        await session.close()
    if len(top_heights) != 1:
        found.append(
            f"{scene}: the top bar's height changes with its words or the screen: {sorted(top_heights)}"
        )
    listed = "\n".join(found[:SHOWN])
    assert not found, f"{len(found)} layout problems:\n{listed}"
