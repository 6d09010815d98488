"""The hub hands streams what this process just committed, and only a gap-free run after the cursor."""

from __future__ import annotations

from posapp.relay.hub import RECENT_PER_STORE, WakeHub
from posapp.relay.storage.base import StoredEvent

STORE = 7


def _event(seq: int) -> StoredEvent:
    return StoredEvent(seq, "keeta", "1001", f"m{seq}", 1_764_072_000.0, f'{{"seq":{seq}}}')


def _seqs(events: list[StoredEvent] | None) -> list[int] | None:
    return None if events is None else [e.seq for e in events]


async def test_a_watched_store_gets_the_run_after_its_cursor_and_is_woken() -> None:
    hub = WakeHub()
    wake = hub.subscribe(STORE)
    for seq in (4, 5, 6):
        hub.committed(STORE, _event(seq))
    assert wake.is_set()
    assert _seqs(hub.recent_after(STORE, 3, 100)) == [4, 5, 6]
    assert _seqs(hub.recent_after(STORE, 4, 2)) == [5, 6]
    assert _seqs(hub.recent_after(STORE, 5, 1)) == [6]


async def test_anything_not_held_right_after_the_cursor_is_left_to_the_database() -> None:
    hub = WakeHub()
    hub.subscribe(STORE)
    hub.committed(STORE, _event(5))
    hub.committed(STORE, _event(7))  # 6 was committed by another relay process
    assert hub.recent_after(STORE, 3, 100) is None  # 4 is not held
    assert hub.recent_after(STORE, 4, 100) is None  # 5 is, but 7 lies beyond the gap at 6
    assert hub.recent_after(STORE, 7, 100) is None  # nothing newer is held
    assert _seqs(hub.recent_after(STORE, 6, 100)) == [7]


async def test_an_unwatched_store_keeps_nothing_and_a_busy_one_keeps_a_bounded_tail() -> None:
    hub = WakeHub()
    hub.committed(STORE, _event(1))
    wake = hub.subscribe(STORE)
    assert hub.recent_after(STORE, 0, 100) is None
    for seq in range(2, 2 + RECENT_PER_STORE + 5):
        hub.committed(STORE, _event(seq))
    last = 1 + RECENT_PER_STORE + 5
    assert hub.recent_after(STORE, 1, 100) is None  # the oldest were let go: the database has them
    assert _seqs(hub.recent_after(STORE, last - RECENT_PER_STORE, 100)) == list(
        range(last - RECENT_PER_STORE + 1, last + 1)
    )
    hub.unsubscribe(STORE, wake)
    hub.subscribe(STORE)
    assert hub.recent_after(STORE, last - 1, 100) is None  # dropped with its last stream


async def test_with_one_stream_what_it_has_had_is_let_go_and_with_two_it_is_kept() -> None:
    hub = WakeHub()
    hub.subscribe(STORE)
    for seq in (1, 2):
        hub.committed(STORE, _event(seq))
    assert _seqs(hub.recent_after(STORE, 1, 100)) == [2]
    assert hub.recent_after(STORE, 0, 100) is None  # 1 was delivered to the only stream
    hub.subscribe(STORE)  # a second counter PC, behind the first
    hub.committed(STORE, _event(3))
    assert _seqs(hub.recent_after(STORE, 2, 100)) == [3]
    assert _seqs(hub.recent_after(STORE, 1, 100)) == [2, 3]
