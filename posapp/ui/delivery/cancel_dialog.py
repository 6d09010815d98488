"""Cancel a courier: a reason is required; once the partner has arrived or picked up, a clear fee-risk
warning must be ticked before the cancel button works. Opened with ``open()``, never ``exec()``."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.ui.delivery.words import tr, translate


class CancelDialog(QDialog):
    def __init__(self, pickup_code: str, warning: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self._pickup_code = pickup_code
        self.client_order_id = ""  # the booking it cancels, set by the tab that opens it
        self._warning = warning  # the engine's English sentence, translated when shown
        self._needs_risk = bool(warning)
        self.reason = QLineEdit()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "problem")
        self.warning.setVisible(bool(warning))
        self.accept_risk = QCheckBox()
        self.accept_risk.setVisible(bool(warning))
        self.confirm_button = QPushButton()
        self.confirm_button.setProperty("role", "danger")
        self.back_button = back = QPushButton()
        self.code_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.warning)
        layout.addWidget(self.accept_risk)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        back.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        self.reason.textChanged.connect(self._update)
        self.accept_risk.toggled.connect(self._update)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        """Every word again in the current language; the typed reason and the tick stay."""
        self.setWindowTitle(translate("Delivery", "Cancel courier"))
        self.reason.setPlaceholderText(translate("Delivery", "Why is the delivery cancelled?"))
        self.warning.setText(tr(self._warning))
        self.accept_risk.setText(translate("Delivery", "I understand Zeek may charge for this cancellation"))
        self.confirm_button.setText(translate("Delivery", "Cancel the courier"))
        self.back_button.setText(translate("Delivery", "Keep the courier"))
        self.code_label.setText(
            translate("Delivery", "Pickup code {code}").replace("{code}", self._pickup_code)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def risk_accepted(self) -> bool:
        return self.accept_risk.isChecked()

    def _update(self) -> None:
        risk_ok = not self._needs_risk or self.accept_risk.isChecked()
        self.confirm_button.setEnabled(bool(self.reason.text().strip()) and risk_ok)
