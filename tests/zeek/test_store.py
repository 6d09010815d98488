"""The booking cache: saved before sending, linked to a Keeta order, updates idempotent and monotonic."""

from __future__ import annotations

import json

import peewee

from posapp.domain.delivery import BookingUpdate, CourierPosition, DeliveryStatus, Partner
from posapp.store import deliveries
from posapp.zeek import wire
from posapp.zeek.dedup import callback_key
from tests import peek
from tests.conftest import load_fixture
from tests.zeek.conftest import make_request


def _created(request_id: str = "POS-20240101-0042", order_id: str = "FD1") -> None:
    request = make_request(client_order_id=request_id, keeta_order_view_id=777)
    deliveries.save_request(request, "STORE-123", now=100)
    booking = wire.parse_created({"order_id": order_id}, request, now=100)
    deliveries.record_created(booking, now=100)


def _callback(status: int, at: int, order_id: str = "FD1") -> dict[str, object]:
    return {
        "meta": {"lang": "en", "region": "HK"},
        "order_id": order_id,
        "client_order_id": "POS-20240101-0042",
        "timestamp": at,
        "order_status": status,
        "partner": {"partner_name": "Ho", "partner_phone": "61234567", "partner_location": "22.28,114.15"},
    }


def test_migration_creates_the_zeek_tables(cache: peewee.SqliteDatabase) -> None:
    tables = set(cache.get_tables())
    assert {"zeek_bookings", "zeek_positions", "zeek_callback_events"} <= tables


def test_request_is_saved_once_and_can_be_resent_with_the_same_id(cache: peewee.SqliteDatabase) -> None:
    request = make_request(keeta_order_view_id=777)
    first = deliveries.save_request(request, "STORE-123", now=100)
    again = deliveries.save_request(request, "STORE-123", now=200)
    assert first == again and first.order_id == "" and first.pickup_code == "0042"
    assert peek.unsent_bookings() == [request]
    _created()
    assert peek.unsent_bookings() == []


def test_booking_links_to_its_keeta_order(cache: peewee.SqliteDatabase) -> None:
    _created()
    linked = peek.bookings_for_keeta_order(777)
    assert [b.order_id for b in linked] == ["FD1"]
    assert peek.bookings_for_keeta_order(778) == []
    assert deliveries.by_order_id("FD1") == linked[0]


def test_updates_move_forward_only(cache: peewee.SqliteDatabase) -> None:
    _created()
    accepted = BookingUpdate("FD1", "", DeliveryStatus.ACCEPTED, 9005, 150, partner=Partner("Ho", "61234567"))
    assert deliveries.apply_update(accepted, now=150)
    late_created = BookingUpdate("FD1", "", DeliveryStatus.CREATED, 9001, 160)
    assert not deliveries.apply_update(late_created, now=160)
    booking = deliveries.by_order_id("FD1")
    assert booking is not None and booking.status is DeliveryStatus.ACCEPTED
    assert booking.partner == Partner("Ho", "61234567")
    assert not deliveries.apply_update(BookingUpdate("FD-OTHER", "", DeliveryStatus.ACCEPTED, 9005, 1), now=1)


def test_the_same_callback_twice_has_one_effect(cache: peewee.SqliteDatabase) -> None:
    _created()
    data = _callback(9005, 150)
    first = deliveries.record_callback(data, callback_key(data), wire.parse_callback(data), now=150)
    second = deliveries.record_callback(data, callback_key(data), wire.parse_callback(data), now=151)
    assert (first.new, first.applied) == (True, True)
    assert (second.new, second.applied) == (False, False)
    assert len(peek.callback_events("FD1")) == 1


def test_a_late_callback_is_stored_raw_but_does_not_move_the_booking_back(
    cache: peewee.SqliteDatabase,
) -> None:
    _created()
    for status, at in [(9005, 150), (9015, 300), (9011, 200)]:
        data = _callback(status, at)
        deliveries.record_callback(data, callback_key(data), wire.parse_callback(data), now=at)
    booking = deliveries.by_order_id("FD1")
    assert booking is not None and booking.status is DeliveryStatus.DELIVERING and booking.status_code == 9015
    events = peek.callback_events("FD1")
    assert [(e["status_code"], e["applied"]) for e in events] == [(9005, True), (9015, True), (9011, False)]
    assert events[2]["raw"]["order_status"] == 9011


def test_cancellation_from_info_is_kept_with_its_code(cache: peewee.SqliteDatabase) -> None:
    _created(order_id="FD2019010484047222")
    info = wire.parse_order_info(load_fixture("zeek/info_response.json")["data"])
    assert deliveries.apply_update(info, now=1)
    booking = deliveries.by_order_id("FD2019010484047222")
    assert booking is not None and booking.status is DeliveryStatus.CANCELLED_BEFORE_PICKUP
    assert booking.cancellation is not None and booking.cancellation.code == "7002"


def test_positions_are_kept_once_and_read_in_time_order(cache: peewee.SqliteDatabase) -> None:
    fixes = [CourierPosition("FD1", 22.28 + i / 1000, 114.15, 1000 + i) for i in range(450)]
    assert deliveries.add_positions(fixes) == 450
    assert deliveries.add_positions([*fixes[-10:], CourierPosition("FD1", 22.9, 114.2, 5000)]) == 1
    assert len(deliveries.track("FD1")) == 451
    latest = deliveries.latest_position("FD1")
    assert latest is not None and latest.at == 5000
    assert deliveries.latest_position("FD-NONE") is None


def test_predictions_round_trip(cache: peewee.SqliteDatabase) -> None:
    request = make_request()
    deliveries.save_request(request, "S", now=1)
    created = wire.parse_created(load_fixture("zeek/create_response.json")["data"], request, now=1)
    stored = deliveries.record_created(created, now=1)
    assert stored.predictions == created.predictions
    assert json.loads(json.dumps(stored.predictions.delivery.__dict__)) == {
        "minutes": 40,
        "range_text": "40-60",
    }
