"""Cancel a courier: a reason is required; once the partner has arrived or picked up, a clear fee-risk
warning must be ticked before the cancel button works. Opened with ``open()``, never ``exec()``."""

from __future__ import annotations

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
        self.setWindowTitle(translate("Delivery", "Cancel courier"))
        self.setMinimumWidth(520)
        self._needs_risk = bool(warning)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Delivery", "Why is the delivery cancelled?"))
        self.warning = QLabel(tr(warning))
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "problem")
        self.warning.setVisible(bool(warning))
        self.accept_risk = QCheckBox(
            translate("Delivery", "I understand Zeek may charge for this cancellation")
        )
        self.accept_risk.setVisible(bool(warning))
        self.confirm_button = QPushButton(translate("Delivery", "Cancel the courier"))
        self.confirm_button.setProperty("role", "danger")
        back = QPushButton(translate("Delivery", "Keep the courier"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Delivery", "Pickup code {code}").replace("{code}", pickup_code)))
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
        self._update()

    @property
    def risk_accepted(self) -> bool:
        return self.accept_risk.isChecked()

    def _update(self) -> None:
        risk_ok = not self._needs_risk or self.accept_risk.isChecked()
        self.confirm_button.setEnabled(bool(self.reason.text().strip()) and risk_ok)
