"""Zeek's page for a booking is a link in the order detail that opens in the browser; only web
addresses are opened, whatever the platform sends."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.domain.delivery import DeliveryBooking, DeliveryStatus
from posapp.domain.order import OrderStatus
from posapp.ui.detail import OrderDetail
from posapp.ui.web_links import open_web_link, web_url
from tests.browser import caught_browser
from tests.store import factories as f

PAGE = "https://ap1-track.zeek.one/Z-1?lang=zh"


def test_only_web_addresses_with_a_host_are_opened(qapp: QApplication) -> None:
    assert web_url("https://ap1-track.zeek.one/Z-1") is not None
    assert web_url(" http://zeek.one/x ") is not None
    for text in ("file:///etc/passwd", "javascript:alert(1)", "ftp://zeek.one/x", "https://", "Z-1", ""):
        assert web_url(text) is None, text
    with caught_browser() as opened:
        assert not open_web_link("file:///etc/passwd")
        assert open_web_link(PAGE)
    assert opened == [PAGE]


def _detail(qtbot: QtBot, url: str) -> OrderDetail:
    booking = DeliveryBooking(
        client_order_id="POS-1", pickup_code="2468", order_id="Z-1",
        status=DeliveryStatus.ACCEPTED, status_code=9003, status_at=f.PLACED_AT, order_url=url,
    )  # fmt: skip
    detail = OrderDetail(clock=lambda: f.PLACED_AT + 60)
    qtbot.addWidget(detail)
    detail.booking_of = lambda order_view_id: booking
    detail.resize(900, 1400)  # the whole body on screen, the booking's rows too
    detail.show()
    detail.set_order(f.order(status=OrderStatus.ACCEPTED))
    return detail


def test_clicking_zeeks_page_in_the_order_detail_opens_it_in_the_browser(qtbot: QtBot) -> None:
    detail = _detail(qtbot, PAGE)
    body = detail.body
    found = body.document().find(PAGE)
    assert not found.isNull() and found.charFormat().isAnchor()
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 3)
    spot = body.cursorRect(cursor).center()
    with caught_browser() as opened:
        qtbot.mouseClick(body.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(spot.x(), spot.y()))
        qtbot.waitUntil(lambda: opened == [PAGE])
    assert PAGE in body.toPlainText()  # the detail still shows the order, not the page


def test_a_page_address_that_is_not_a_web_address_is_shown_but_not_a_link(qtbot: QtBot) -> None:
    detail = _detail(qtbot, "file:///etc/passwd")
    found = detail.body.document().find("file:///etc/passwd")
    assert not found.isNull() and not found.charFormat().isAnchor()
