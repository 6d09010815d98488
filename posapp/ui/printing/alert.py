"""The alert for a printer that stays down: a banner that stays until it prints again, and a taskbar
flash, because a ticket that silently does not print is a missed order."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from posapp.printing.events import PrinterDown


class PrinterAlert(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        self.setWordWrap(True)
        self.down: dict[str, PrinterDown] = {}
        self.hide()

    def printer_down(self, event: PrinterDown) -> None:
        self.down[event.printer] = event
        self._show()
        window = self.window()
        if window is not self:
            QApplication.alert(window)

    def printer_recovered(self, printer: str) -> None:
        self.down.pop(printer, None)
        self._show()

    def _show(self) -> None:
        self.setText("\n".join(self._line(event) for event in self.down.values()))
        self.setVisible(bool(self.down))

    def _line(self, event: PrinterDown) -> str:
        text = self.tr(
            "Printer {0} is not printing – check its power, paper and cable. {1} ticket(s) waiting."
        )
        line = text.format(event.printer, event.waiting_jobs)
        if event.failover:
            line += " " + self.tr("Its tickets print on {0} meanwhile.").format(event.failover)
        return line

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
