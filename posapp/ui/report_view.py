"""The money report on screen: the figures of :class:`~posapp.engine.report.Report`, one per line.

Deductions are shown with a minus sign; what is not the shop's money (tips, delivery and platform fees
the customer paid, Keeta-funded discounts) sits in its own section under the net figures.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from posapp.engine.report import Report
from posapp.ui import labels


class ReportView(QWidget):
    """Label/value rows; ``values`` maps a row key to its value label (tests read the screen there)."""

    _KEYS = (
        "orders", "gross_food", "packaging", "shop_discounts", "commission", "service_fees", "bank_fees",
        "keeta_pays", "full_refunds", "partial_refunds", "refunds_deducted", "net_payout", "zeek_fees",
        "net_after_delivery", "keeta_discounts", "tips", "customer_delivery_fees", "customer_platform_fees",
    )  # fmt: skip
    _STRONG = ("keeta_pays", "net_payout", "net_after_delivery")
    _SECTION_AFTER = ("keeta_pays", "net_payout", "net_after_delivery")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: Report | None = None
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.title.setWordWrap(True)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.apart_title = QLabel()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "warning")
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(2)
        row = 0
        for key in self._KEYS:
            if key == "keeta_discounts":
                grid.addWidget(self.apart_title, row, 0, 1, 2)
                row += 1
            name, value = QLabel(), QLabel()
            name.setWordWrap(True)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setWordWrap(key == "orders")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key in self._STRONG:
                for label in (name, value):
                    font = label.font()
                    font.setBold(True)
                    label.setFont(font)
            self.names[key], self.values[key] = name, value
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            row += 1
            if key in self._SECTION_AFTER:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                grid.addWidget(line, row, 0, 1, 2)
                row += 1
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        names = {
            "orders": self.tr("Orders"),
            "gross_food": self.tr("Gross food sales"),
            "packaging": self.tr("Packaging fees"),
            "shop_discounts": self.tr("Discounts funded by the shop"),
            "commission": self.tr("Keeta commission"),
            "service_fees": self.tr("Platform service fees"),
            "bank_fees": self.tr("Bank fees"),
            "keeta_pays": self.tr("Keeta pays the shop"),
            "full_refunds": self.tr("Full refunds"),
            "partial_refunds": self.tr("Partial refunds"),
            "refunds_deducted": self.tr("Refunds taken off"),
            "net_payout": self.tr("Net payout"),
            "zeek_fees": self.tr("Zeek delivery fees"),
            "net_after_delivery": self.tr("Net after delivery"),
            "keeta_discounts": self.tr("Discounts funded by Keeta"),
            "tips": self.tr("Courier tips"),
            "customer_delivery_fees": self.tr("Delivery fees paid by customers"),
            "customer_platform_fees": self.tr("Platform fees paid by customers"),
        }
        for key, text in names.items():
            self.names[key].setText(text)
        self.apart_title.setText(self.tr("Not the shop's takings:"))
        self.show_report(self._report)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_report(self, report: Report | None) -> None:
        self._report = report
        if report is None:
            self.title.setText("")
            for value in self.values.values():
                value.setText("")
            self.warning.hide()
            return
        period = report.first_day.isoformat()
        if report.last_day != report.first_day:
            period = self.tr("{0} to {1}").format(period, report.last_day.isoformat())
        self.title.setText(self.tr("Money report · {0}").format(period))

        def amount(cents: int, minus: bool = False) -> str:
            return report.money(-cents if minus and cents else cents).format()

        orders = self.tr("{0} ({1} done, {2} cancelled)")
        zeek_known = report.zeek_fees_known
        texts = {
            "orders": orders.format(report.orders, report.completed, report.cancelled),
            "gross_food": amount(report.gross_food),
            "packaging": amount(report.packaging),
            "shop_discounts": amount(report.shop_discounts, minus=True),
            "commission": amount(report.commission, minus=True),
            "service_fees": amount(report.platform_service_fees, minus=True),
            "bank_fees": amount(report.bank_fees, minus=True),
            "keeta_pays": amount(report.keeta_pays),
            "full_refunds": self._counted(report.full_refund_count, amount(report.full_refunds)),
            "partial_refunds": self._counted(report.partial_refund_count, amount(report.partial_refunds)),
            "refunds_deducted": amount(report.refunds_deducted, minus=True),
            "net_payout": amount(report.net_payout),
            "zeek_fees": self._counted(
                report.zeek_deliveries,
                amount(report.zeek_fees, minus=True) if zeek_known else labels.amount_text(None),
            ),
            "net_after_delivery": amount(report.net_after_delivery)
            if zeek_known
            else labels.amount_text(None),
            "keeta_discounts": amount(report.keeta_discounts),
            "tips": amount(report.tips),
            "customer_delivery_fees": amount(report.customer_delivery_fees),
            "customer_platform_fees": amount(report.customer_platform_fees),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        if report.unknown_orders:
            text = self.tr(
                "Amount unknown for {0} order(s), left out of the figures — check them in Keeta: {1}"
            )
            self.warning.setText(text.format(len(report.unknown_orders), " ".join(report.unknown_orders)))
            self.warning.show()
        else:
            self.warning.hide()

    def _counted(self, count: int, amount: str) -> str:
        return self.tr("{0} · {1}").format(count, amount) if count else amount
