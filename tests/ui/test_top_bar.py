"""The top bar keeps one height whatever its words: the statuses stay on their two rows, each whole or
shortened, cut only after a whole word or Chinese phrase, with the full words in tooltips."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.ui.connection_bar import ConnectionBar
from posapp.ui.status_strip import Status, StatusStrip, cut_at_words
from tests.ui.layout_check import top_bar_problems

STATUSES = [
    Status("relay", "Relay: ✔ connected, last event 12 s ago", "Relay: ✔ connected"),
    Status("keeta", "Keeta ✔ OK"),
    Status("zeek", "Zeek: not used yet"),
    Status("printer", "Printer: not used yet"),
]


def _strip(qtbot: QtBot, width: int, statuses: list[Status]) -> StatusStrip:
    strip = StatusStrip()
    qtbot.addWidget(strip)
    strip.set_statuses(statuses)
    strip.resize(width, strip.height())
    strip.show()
    QApplication.processEvents()
    return strip


def _rows(strip: StatusStrip) -> set[int]:
    return {label.y() for label in strip.labels.values() if not label.isHidden()}


def test_statuses_stay_whole_on_two_rows_and_shorten_before_anything_is_cut(qtbot: QtBot) -> None:
    wide = _strip(qtbot, 1200, STATUSES)
    assert [wide.text(s.key) for s in STATUSES] == [s.text for s in STATUSES] and len(_rows(wide)) == 1
    height = wide.height()

    metrics = wide.fontMetrics()
    two_rows = metrics.horizontalAdvance("Relay: ✔ connected, last event 12 s ago  Keeta ✔ OK") + 40
    middle = _strip(qtbot, two_rows, STATUSES)
    assert [middle.text(s.key) for s in STATUSES] == [s.text for s in STATUSES] and len(_rows(middle)) == 2

    narrow = _strip(
        qtbot, metrics.horizontalAdvance("Zeek: not used yet  Printer: not used yet") + 40, STATUSES
    )
    assert narrow.text("relay") == "Relay: ✔ connected"  # the short form, before anything is cut
    assert narrow.complete and narrow.text("printer") == "Printer: not used yet"
    for strip in (middle, narrow):
        assert strip.height() == height and len(_rows(strip)) <= 2
        for label in strip.labels.values():
            assert not label.wordWrap() and strip.rect().contains(label.geometry())
            assert label.toolTip() == label.accessibleName() and label.toolTip() in [s.text for s in STATUSES]


def test_a_status_is_cut_only_after_a_whole_word_or_chinese_phrase(qtbot: QtBot) -> None:
    strip = _strip(
        qtbot, 200, [Status("zeek", "Zeek：尚未使用"), Status("printer", "打印機：尚未使用，請到設定")]
    )
    metrics = strip.fontMetrics()
    assert cut_at_words("Printer: not used yet", metrics, metrics.horizontalAdvance("Printer: not us")) == (
        "Printer: not…"
    )
    # Never inside "尚未使用": the phrase whole, or not at all.
    phrase = cut_at_words("打印機：尚未使用，請到設定", metrics, metrics.horizontalAdvance("打印機：尚未使"))
    assert phrase == "打印機…"
    assert cut_at_words("尚未使用", metrics, metrics.horizontalAdvance("尚未")) == ""
    shown = [strip.text(key) for key in ("zeek", "printer")]
    assert all(
        text.rstrip("…") in full
        for text, full in zip(shown, ["Zeek：尚未使用", "打印機：尚未使用，請到設定"], strict=True)
    )
    assert "尚未使用" in strip.toolTip() and "請到設定" in strip.toolTip()  # everything, whatever is shown


def test_the_connection_bar_keeps_its_height_whatever_it_says(qtbot: QtBot) -> None:
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.resize(420, 200)
    bar.show()
    height = bar.strip.height()
    bar.set_status(ConnectionStatus(LinkState.REFUSED, time.time() - 600))
    bar.set_health("printer", False)
    bar.set_configured("zeek", False)
    QApplication.processEvents()
    assert bar.strip.height() == height
    assert "refused the store token" in bar.relay.toolTip() and bar.relay.property("role") == "problem"
    assert bar.strip.text("printer") == "Printer ✖ problem"


def test_the_layout_check_names_a_line_broken_inside_a_word_or_phrase(qtbot: QtBot) -> None:
    """What the old bar did at 1366x768 in Chinese ("尚未使" / "用"): the matrix's top-bar check says so."""
    bar = QWidget()
    qtbot.addWidget(bar)
    layout = QVBoxLayout(bar)
    split, whole = (
        QLabel("Zeek：尚未使用 · 打印機：尚未使用"),
        QLabel("DEMO – practice orders, nothing is real"),
    )
    for label in (split, whole):
        label.setWordWrap(True)
        layout.addWidget(label)
    metrics = split.fontMetrics()
    split.setFixedWidth(metrics.horizontalAdvance("Zeek：尚未使") + 4)
    whole.setFixedWidth(metrics.horizontalAdvance("DEMO – practice orders,") + 8)
    bar.show()
    problems = [str(p) for p in top_bar_problems(bar)]
    assert len(problems) >= 1 and all("尚未使用" in p for p in problems), problems
