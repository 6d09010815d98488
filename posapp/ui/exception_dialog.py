"""The friendly face of the global exception hook: what happened in plain words, where the log is.

One dialog at a time: a failure that repeats on every timer tick must not bury the counter in windows.
The dialog is non-modal (``show``), so it never starts a nested event loop inside a running task.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

translate = QCoreApplication.translate  # called with the literal context, so pyside6-lupdate finds it


class ExceptionDialog(QMessageBox):
    def __init__(self, summary: str, details: str, log_dir: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setInformativeText(summary)
        self.setDetailedText(details)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self._log_dir = log_dir
        self.log_button: QPushButton | None = None
        if log_dir is not None:
            self.log_button = self.addButton("", QMessageBox.ButtonRole.ActionRole)
            self.log_button.clicked.connect(self.open_log_folder)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("ExceptionDialog", "Something went wrong"))
        self.setText(
            translate(
                "ExceptionDialog",
                "posapp hit an unexpected problem and kept running. Orders already received are safe.\n"
                "If something looks wrong, restart posapp. Please send the log to support.",
            )
        )
        if self.log_button is not None:
            self.log_button.setText(translate("ExceptionDialog", "Open log folder"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_log_folder(self) -> None:
        if self._log_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_dir)))


class ExceptionPresenter:
    """Shows :class:`ExceptionDialog` for unhandled errors, never more than one at once."""

    def __init__(self, log_dir: Path | None) -> None:
        self.log_dir = log_dir
        self.current: ExceptionDialog | None = None
        self.shown = 0

    def present(self, summary: str, details: str) -> None:
        if QApplication.instance() is None or self.current is not None:
            return
        parent = QApplication.activeWindow()
        dialog = ExceptionDialog(summary, details, self.log_dir, parent)
        dialog.finished.connect(self._closed)
        self.current = dialog
        self.shown += 1
        dialog.show()

    def _closed(self) -> None:
        if self.current is not None:
            self.current.deleteLater()
        self.current = None
