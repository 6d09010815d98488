"""Everything about one order: lines with options and remarks, cutlery, customer (masked when Keeta
encrypts it), courier, money and a timeline."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from posapp.domain.delivery import DeliveryBooking
from posapp.domain.order import Fulfilment, Order, OrderStatus
from posapp.domain.outbox_action import OutboxAction
from posapp.ui import labels, order_facts
from posapp.ui.board_model import ready_by_text, seq_text
from posapp.ui.countdown import CountdownBar
from posapp.ui.status_words import waiting_text
from posapp.ui.timefmt import Clock, local_hm, local_hms
from posapp.ui.urgency import Level, Urgency, accept_time_used, accept_urgency
from posapp.ui.web_links import link_html, open_web_link

TWO_COLUMNS_FROM = 560  # px at the base text size: below it, items and money stack in one column
BASE_LINE_HEIGHT = 22  # px: a line of the base text size (themes.BASE_POINT_SIZE)


@dataclass(frozen=True)
class ShownOrder:
    """What the detail shows now, for the panels that follow it (printing): an order, or none."""

    order: Order | None


class OrderDetail(QWidget):
    shown = Signal(ShownOrder)

    def __init__(self, clock: Clock = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._order: Order | None = None
        self._history: list[OutboxAction] = []
        self._columns = 1
        # The order's Zeek booking, when the shop books Zeek (set by the window; None: no Zeek).
        self.booking_of: Callable[[int], DeliveryBooking | None] | None = None
        self.seq = QLabel()
        self.seq.setProperty("role", "seq")
        self.kind = QLabel()
        self.kind.setWordWrap(True)
        # The words in the header (they wrap rather than being cut), the bar under it the whole width.
        self.countdown = CountdownBar()
        self.urgency = self.countdown.words
        self.body = QTextBrowser()
        # A link (Zeek's page) opens in the browser, never inside the detail, and only a web address.
        self.body.setOpenExternalLinks(False)
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(open_web_link)
        self.header = header = QHBoxLayout()
        header.addWidget(self.seq)
        header.addWidget(self.kind, 1)
        header.addWidget(self.urgency, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.countdown)
        layout.addWidget(self.body, 1)
        self.set_order(None)

    @property
    def order(self) -> Order | None:
        return self._order

    def set_order(self, order: Order | None, history: list[OutboxAction] | None = None) -> None:
        self.body.setAccessibleName(self.tr("Order details"))
        self._order = order
        self._history = list(history or [])
        if order is None:
            self.seq.setText("")
            self.kind.setText("")
            # lupdate cannot see a tr() inside an f-string: the text is read out first.
            hint = self.tr("Touch an order on the left to see it here.")
            self.body.setHtml(f"<p>{html.escape(hint)}</p>")
            self.tick()
            self.shown.emit(ShownOrder(None))
            return
        self.seq.setText(seq_text(order))
        self.kind.setText(f"{labels.fulfilment_text(order.fulfilment)} · {labels.status_text(order.status)}")
        self.body.setHtml(self._html(order))
        self.tick()
        self.shown.emit(ShownOrder(order))

    def tick(self) -> None:
        order, now = self._order, self._clock()
        if order is None:
            self.countdown.show_urgency(None)
            return
        if order.ready_by and order.status is OrderStatus.ACCEPTED:
            # The promise made at Accept, counting down; late turns it to a warning.
            level = Level.WARN if now > order.ready_by else Level.NORMAL
            used = (now - order.placed_at) / max(1, order.ready_by - order.placed_at)
            self.countdown.show_urgency(Urgency(level, ready_by_text(order.ready_by, now)), used)
            return
        if order.status is OrderStatus.READY:
            # Ready already: what it waits for (customer, courier), not a "ready by" time.
            self.countdown.show_urgency(Urgency(Level.NORMAL, waiting_text(order)), 1.0)
            return
        self.countdown.show_urgency(accept_urgency(order, now), accept_time_used(order, now))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = 2 if self.width() >= TWO_COLUMNS_FROM * self._scale() else 1
        if columns != self._columns:
            self._columns = columns
            if self._order is not None:
                self.body.setHtml(self._html(self._order))

    def _scale(self) -> float:
        """Wider text (the text-size setting) needs a wider pane before it splits into two columns."""
        return max(1.0, self.fontMetrics().height() / BASE_LINE_HEIGHT)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_order(self._order, self._history)
        super().changeEvent(event)

    # --- the body ------------------------------------------------------------------------------------

    def _html(self, order: Order) -> str:
        """Items and notes on the left, customer and money on the right (one column when narrow): a
        typical order shows whole with its money at 1366×768; the timeline follows below."""
        # Notes under the items; customer and money beside them, or the money under the items when
        # that keeps both columns shorter (a delivery with its address and eight money rows).
        items = self._lines(order) + self._extras(order)
        customer, money = self._customer(order), self._money(order)
        rows_i, rows_c, rows_m = _rows(items), _rows(customer), _rows(money)
        if max(rows_i + rows_m, rows_c) < max(rows_i, rows_c + rows_m):
            items += money
            facts = customer
        else:
            facts = customer + money
        if self._columns == 2:
            body = (f"<table width='100%' cellspacing='0' cellpadding='0'><tr>"
                    f"<td width='64%' valign='top'>{items}</td><td width='2%'></td>"
                    f"<td valign='top'>{facts}</td></tr></table>")  # fmt: skip
        else:
            body = items + facts
        # After the timeline: a typical order (items, customer, money) still shows whole above it.
        return body + self._timeline(order) + self._facts(order)

    def _facts(self, order: Order) -> str:
        """Payment, Keeta's times, cancellation, refund decisions, courier contact, the Zeek booking."""
        parts = []
        rows = order_facts.order_rows(order)
        if rows:
            parts.append(_table(self.tr("Keeta details"), rows))
        booking = self.booking_of(order.order_view_id) if self.booking_of is not None else None
        if booking is not None:
            # Zeek's page for the booking is a link (opened in the browser by _open_link).
            rows = [(k, link_html(v, v) or html.escape(v)) for k, v in order_facts.booking_rows(booking)]
            parts.append(_table(self.tr("Zeek courier"), rows, escape=False))
        return "".join(parts)

    def _lines(self, order: Order) -> str:
        rows = []
        for line in order.lines:
            names = html.escape(line.name) + (f" <b>{html.escape(line.name_zh)}</b>" if line.name_zh else "")
            spec = f" <i>({html.escape(line.spec)})</i>" if line.spec else ""
            # Add-ons run on after the name: one row per line keeps eight lines on screen.
            options = "".join(
                f" + {html.escape(o.name_zh or o.name)}" + (f" ×{o.count}" if o.count > 1 else "")
                for o in line.options
            )
            # The note runs on too, in red after its warning sign: rows are what a big order lacks.
            note = html.escape(line.remark)
            remark = f" <span style='color:#c62828'>⚠ {note}</span>" if line.remark else ""
            rows.append(
                f"<tr><td width='1%' style='white-space:nowrap'><b>{line.count}×</b></td>"
                f"<td>{names}{spec}{options}{remark}</td>"
                # A price is never split over two rows ("HK$153.0" / "0").
                f"<td align='right' style='white-space:nowrap'>{line.total.format()}</td></tr>"
            )
        title = html.escape(self.tr("Items ({0})").format(order.item_count))
        return f"{_heading(title)}<table width='100%' cellpadding='1'>{''.join(rows)}</table>"

    def _extras(self, order: Order) -> str:
        notes = []
        if order.cutlery:
            notes.append(self.tr("Cutlery requested"))
        else:
            notes.append(self.tr("No cutlery"))
        if order.remark:
            notes.append(self.tr("Customer note: {0}").format(order.remark))
        return "<p style='margin-top:0px'>" + "<br/>".join(html.escape(n) for n in notes) + "</p>"

    def _customer(self, order: Order) -> str:
        customer = order.customer
        if customer.encrypted:
            # One row instead of three rows of dots: the money below stays on screen.
            rows = [(self.tr("Customer"), self.tr("hidden by Keeta for its own courier"))]
        else:
            rows = [
                (self.tr("Customer"), customer.shown(customer.name)),
                (self.tr("Phone"), customer.shown(customer.phone)),
            ]
        if order.fulfilment is Fulfilment.DELIVERY:
            if not customer.encrypted:
                rows.append((self.tr("Address"), customer.shown(customer.address)))
            courier = labels.courier_text(order.courier.status)
            if order.courier.name:
                courier += f" – {order.courier.name}"
            rows.append((self.tr("Courier"), courier))
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


def _rows(fragment: str) -> int:
    """About how many rows a piece of the body takes (its table rows and line breaks, and a heading)."""
    return fragment.count("<tr") + fragment.count("<br/>") + fragment.count("<p")


def _heading(title: str) -> str:
    return f"<p style='margin-top:2px; margin-bottom:0px; font-size:large'><b>{title}</b></p>"


def _table(title: str, rows: list[tuple[str, str]], escape: bool = True) -> str:
    body = "".join(
        f"<tr><td style='color:gray'>{html.escape(k)}</td>"
        f"<td style='white-space:nowrap'>{html.escape(v) if escape else v}</td></tr>"
        if _is_money(v) else
        f"<tr><td style='color:gray'>{html.escape(k)}</td><td>{html.escape(v) if escape else v}</td></tr>"
        for k, v in rows
    )  # fmt: skip
    return f"{_heading(html.escape(title))}<table cellpadding='1'>{body}</table>"


def _is_money(text: str) -> bool:
    return "HK$" in text
