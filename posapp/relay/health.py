"""``/healthz`` (the database answers), ``/readyz`` (ready for pushes) and ``/metrics``.

``/healthz`` is the contract's check: 200 only while the relay reaches its database. ``/readyz`` is
what a proxy routes on: the database answers *and* the writer is not stuck on a write (a hung disk,
a lock held elsewhere); either failing is a 503, so pushes go to another relay process and Keeta's
retries find one that can store them. A lost LISTEN connection is reported but does not make the
relay unready: it delays other processes' events by the re-read interval, it loses nothing, and it
reconnects by itself.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from posapp.relay.metrics import CONTENT_TYPE_LATEST
from posapp.relay.state import RelayState
from posapp.relay.storage.base import StorageUnavailable

_NO_STORE = {"Cache-Control": "no-store"}


async def _database_problem(state: RelayState) -> str | None:
    try:
        await state.storage.probe()
    except StorageUnavailable as exc:
        state.metrics.database_up.set(0)
        return str(exc)
    state.metrics.database_up.set(1)
    return None


async def healthz(request: Request) -> JSONResponse:
    problem = await _database_problem(request.app.state.relay)
    if problem is not None:
        return JSONResponse({"ok": False, "database": problem}, status_code=503, headers=_NO_STORE)
    return JSONResponse({"ok": True}, headers=_NO_STORE)


async def readyz(request: Request) -> JSONResponse:
    state: RelayState = request.app.state.relay
    problems: list[str] = []
    database = await _database_problem(state)
    if database is not None:
        problems.append(database)
    health = state.storage.health()
    if health.writer_busy_seconds > state.config.writer_stuck_seconds:
        problems.append(f"writer stuck on one write for {health.writer_busy_seconds:.1f} s")
    body: dict[str, object] = {"ready": not problems}
    if problems:
        body["problems"] = problems
    if health.listening is not None:
        body["listening"] = health.listening
    return JSONResponse(body, status_code=503 if problems else 200, headers=_NO_STORE)


async def metrics(request: Request) -> Response:
    state: RelayState = request.app.state.relay
    text = await state.metrics.render(state.storage)
    return Response(text, media_type=CONTENT_TYPE_LATEST)
