"""Everything about one order: lines with options and remarks, cutlery, customer (masked when Keeta
encrypts it), courier, money and a timeline."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from posapp.domain.order import Fulfilment, Order, OrderStatus
from posapp.domain.outbox_action import OutboxAction
from posapp.ui import labels
from posapp.ui.board_model import ready_by_text, seq_text
from posapp.ui.restyle import set_style_property
from posapp.ui.timefmt import Clock, local_hm, local_hms
from posapp.ui.urgency import accept_urgency


class OrderDetail(QWidget):
    shown = Signal(object)  # the Order now shown, or None (for panels that follow it, e.g. printing)

    def __init__(self, clock: Clock = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._order: Order | None = None
        self._history: list[OutboxAction] = []
        self.seq = QLabel()
        self.seq.setProperty("role", "seq")
        self.kind = QLabel()
        self.urgency = QLabel()
        self.body = QTextBrowser()
        self.body.setOpenExternalLinks(False)
        self.header = header = QHBoxLayout()
        header.addWidget(self.seq)
        header.addWidget(self.kind)
        header.addStretch(1)
        header.addWidget(self.urgency)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        self.set_order(None)

    @property
    def order(self) -> Order | None:
        return self._order

    def set_order(self, order: Order | None, history: list[OutboxAction] | None = None) -> None:
        self._order = order
        self._history = list(history or [])
        if order is None:
            self.seq.setText("")
            self.kind.setText("")
            # lupdate cannot see a tr() inside an f-string: the text is read out first.
            hint = self.tr("Touch an order on the left to see it here.")
            self.body.setHtml(f"<p>{html.escape(hint)}</p>")
            self.tick()
            self.shown.emit(None)
            return
        self.seq.setText(seq_text(order))
        self.kind.setText(f"{labels.fulfilment_text(order.fulfilment)} · {labels.status_text(order.status)}")
        self.body.setHtml(self._html(order))
        self.tick()
        self.shown.emit(order)

    def tick(self) -> None:
        order, now = self._order, self._clock()
        urgency = accept_urgency(order, now) if order is not None else None
        if order is not None and order.ready_by and order.status is OrderStatus.ACCEPTED:
            # The promise made at Accept, counting down; late turns it to a warning.
            self.urgency.setText(ready_by_text(order.ready_by, now))
            set_style_property(self.urgency, "urgency", "warn" if now > order.ready_by else "normal")
            return
        self.urgency.setText(urgency.text if urgency else "")
        set_style_property(self.urgency, "urgency", urgency.level.value if urgency else "none")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_order(self._order, self._history)
        super().changeEvent(event)

    # --- the body ------------------------------------------------------------------------------------

    def _html(self, order: Order) -> str:
        parts = [self._lines(order), self._extras(order), self._customer(order), self._money(order),
                 self._timeline(order)]  # fmt: skip
        return "".join(parts)

    def _lines(self, order: Order) -> str:
        rows = []
        for line in order.lines:
            names = html.escape(line.name) + (f" <b>{html.escape(line.name_zh)}</b>" if line.name_zh else "")
            spec = f" <i>({html.escape(line.spec)})</i>" if line.spec else ""
            options = "".join(
                f"<br/>&nbsp;&nbsp;+ {html.escape(o.name_zh or o.name)}"
                + (f" ×{o.count}" if o.count > 1 else "")
                for o in line.options
            )
            remark = (
                f"<br/>&nbsp;&nbsp;<span style='color:#c62828'>⚠ {html.escape(line.remark)}</span>"
                if line.remark
                else ""
            )
            rows.append(
                f"<tr><td style='font-size:large'><b>{line.count}×</b></td>"
                f"<td>{names}{spec}{options}{remark}</td>"
                f"<td align='right'>{line.total.format()}</td></tr>"
            )
        title = html.escape(self.tr("Items ({0})").format(order.item_count))
        return f"<h3>{title}</h3><table width='100%' cellpadding='4'>{''.join(rows)}</table>"

    def _extras(self, order: Order) -> str:
        notes = []
        if order.cutlery:
            notes.append(self.tr("Cutlery requested"))
        else:
            notes.append(self.tr("No cutlery"))
        if order.remark:
            notes.append(self.tr("Customer note: {0}").format(order.remark))
        return "<p>" + "<br/>".join(html.escape(n) for n in notes) + "</p>"

    def _customer(self, order: Order) -> str:
        customer = order.customer
        rows = [
            (self.tr("Customer"), customer.shown(customer.name)),
            (self.tr("Phone"), customer.shown(customer.phone)),
        ]
        if order.fulfilment is Fulfilment.DELIVERY:
            rows.append((self.tr("Address"), customer.shown(customer.address)))
            courier = labels.courier_text(order.courier.status)
            if order.courier.name:
                courier += f" – {order.courier.name}"
            rows.append((self.tr("Courier"), courier))
        if customer.encrypted:
            rows.append(("", self.tr("Keeta hides the customer's details for its own couriers.")))
        return _table(self.tr("Customer"), rows)

    def _money(self, order: Order) -> str:
        money = order.money
        rows = [(self.tr("Items"), labels.amount_text(money.shown("items")))]
        optional: list[tuple[str, str]] = [
            (self.tr("Packaging"), "packaging"),
            (self.tr("Delivery fee"), "delivery_fee"),
            (self.tr("Platform fee"), "platform_fee"),
            (self.tr("Small-order fee"), "small_order_fee"),
            (self.tr("Discounts"), "discounts"),
            (self.tr("Courier tip"), "tip"),
        ]
        for label, fact in optional:
            value = money.shown(fact)
            if value is None:
                rows.append((label, labels.amount_text(None)))
            elif value.cents:
                rows.append((label, (value.times(-1) if fact == "discounts" else value).format()))
        rows.append((self.tr("Customer paid"), f"<b>{labels.amount_text(money.shown('total_paid'))}</b>"))
        payout = money.shop_payout
        if payout is not None or "merchant_receivable" in money.unknown:
            rows.append((self.tr("Shop receives"), labels.amount_text(payout)))
        return _table(self.tr("Money"), rows, escape=False)

    def _timeline(self, order: Order) -> str:
        events: list[tuple[float, str]] = [(order.placed_at, self.tr("Order placed"))]
        if order.ready_eta:
            events.append((order.ready_eta, self.tr("Keeta expects it ready")))
        if order.courier.updated_at:
            events.append((order.courier.updated_at, labels.courier_text(order.courier.status)))
        for refund in order.refunds:
            text = f"{labels.refund_kind_text(refund.kind)}: {labels.refund_status_text(refund.status)}"
            events.append((refund.requested_at, text))
        for action in self._history:
            events.append((action.next_attempt_at or order.updated_at, labels.action_text(action.action)))
        if order.status.is_final:
            events.append((order.updated_at, labels.status_text(order.status)))
        rows = [(local_hms(at), text) for at, text in sorted(events, key=lambda e: e[0])]
        return _table(self.tr("Timeline (local time, placed {0})").format(local_hm(order.placed_at)), rows)


def _table(title: str, rows: list[tuple[str, str]], escape: bool = True) -> str:
    body = "".join(
        f"<tr><td style='color:gray'>{html.escape(k)}</td><td>{html.escape(v) if escape else v}</td></tr>"
        for k, v in rows
    )
    return f"<h3>{html.escape(title)}</h3><table cellpadding='3'>{body}</table>"
