"""A text that changes inside a tab repaints what changed, not the whole tab widget (the whole window,
once per new order); a change of the tab bar's own size still lays the tabs out again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from posapp.ui.quiet_tabs import QuietTabs


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.widgets: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widgets.append(watched)
        return False


def test_a_count_changing_in_a_page_repaints_only_its_button(qtbot: QtBot) -> None:
    tabs = QuietTabs()
    qtbot.addWidget(tabs)
    page = QWidget()
    column = QVBoxLayout(page)
    count = QPushButton("New (1)")
    words = QLabel("The rest of the page, which did not change")
    column.addWidget(count)
    column.addWidget(words)
    tabs.addTab(page, "Board")
    tabs.addTab(QLabel("Refunds"), "Refunds")
    tabs.resize(600, 400)
    paints = _Paints()
    QApplication.instance().installEventFilter(paints)  # type: ignore[union-attr]
    try:
        tabs.show()
        qtbot.waitUntil(lambda: words in paints.widgets)  # the first frame
        qtbot.wait(50)
        paints.widgets.clear()
        count.setText("New (12)")  # wider: the page's layout, and the requests above it, run again
        qtbot.waitUntil(lambda: count in paints.widgets)
        qtbot.wait(50)  # frames that a QTabWidget would add (a whole repaint) have come by now
        assert words not in paints.widgets
        before = tabs.tabBar().sizeHint()
        tabs.setTabText(1, "Refund requests (3)")
        qtbot.waitUntil(lambda: tabs.tabBar().width() >= before.width() + 20)
    finally:
        QApplication.instance().removeEventFilter(paints)  # type: ignore[union-attr]
