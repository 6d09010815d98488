"""History and the day report: search by order number, phone tail or item; today's totals; CSV export."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.ui import day_report
from posapp.ui.board_model import BoardFilter, BoardModel
from posapp.ui.timefmt import Clock


class HistoryPanel(QWidget):
    def __init__(self, model: BoardModel, clock: Clock = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._clock = clock
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(model)
        self.proxy.set_lane(None)
        self.search = QLineEdit()
        self.search.setMinimumHeight(48)
        self.search.textChanged.connect(self.proxy.set_text)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export_clicked)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        model.rowsInserted.connect(self.refresh_totals)
        model.dataChanged.connect(self._data_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: order number, last digits of phone, or item"))
        self.export_button.setText(self.tr("Export today (CSV)"))
        self.refresh_totals()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _data_changed(self, top_left: QModelIndex, _bottom_right: QModelIndex, _roles: object = None) -> None:
        # Ticks repaint only the age columns; totals change only with whole-row updates.
        if top_left.column() == 0:
            self.refresh_totals()

    def refresh_totals(self) -> None:
        today = day_report.todays(self._model.orders(), self._clock())
        t = day_report.totals(today)
        text = self.tr("Today: {0} orders · {1} completed · {2} cancelled · takings {3} · refunds {4}")
        self.totals.setText(
            text.format(t.orders, t.completed, t.cancelled, t.gross.format(), t.refunds.format())
        )

    def export_to(self, path: Path) -> int:
        today = day_report.todays(self._model.orders(), self._clock())
        path.write_text(day_report.to_csv(today), encoding="utf-8-sig")  # BOM: Excel reads the Chinese
        return len(today)

    def _export_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Export today's orders"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.selectFile(time.strftime("posapp-%Y-%m-%d.csv", time.localtime(self._clock())))
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()
