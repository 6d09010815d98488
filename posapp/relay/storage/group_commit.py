"""The shape both durable back-ends share: one write in flight, and what arrives meanwhile goes next.

A push that finds nothing in flight is written by its own request (a task of its own would cost a
turn of a busy loop before the write even starts). Pushes that arrive while a write is in flight
queue up and are written together, in one transaction, once it ends; each is answered only after the
commit that holds it. Subclasses say how to write one push and how to write a batch.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from posapp.relay.storage.base import CommitObserver, IngestResult

Args = tuple[int, str, str, str, float, str]  # store_id, source, dedup_key, kind, received_at, body


@dataclass
class Pending:
    args: Args
    future: asyncio.Future[IngestResult]

    def answer(self, result: IngestResult | BaseException) -> None:
        if self.future.done():
            return  # the push's request went away; its event is stored all the same
        if isinstance(result, BaseException):
            self.future.set_exception(result)
        else:
            self.future.set_result(result)


class GroupCommit:
    def __init__(self) -> None:
        self._pending: list[Pending] = []
        self._busy = False  # a write (a request's own or the drainer's) is in flight
        self._drainer: asyncio.Task[None] | None = None
        self._write_started: float | None = None  # monotonic start of the write in flight
        self.on_commit: CommitObserver = _ignore

    def busy_seconds(self) -> float:
        """How long the write in flight has been running (0.0 when none is): a stuck writer shows."""
        started = self._write_started
        return 0.0 if started is None else time.monotonic() - started

    async def ingest(self, args: Args) -> IngestResult:
        if self._busy:
            future: asyncio.Future[IngestResult] = asyncio.get_running_loop().create_future()
            self._pending.append(Pending(args, future))
            return await future
        self._busy = True
        try:
            return await self._timed_one(args)
        finally:
            self._hand_over()

    async def _timed_one(self, args: Args) -> IngestResult:
        self._write_started = start = time.monotonic()
        try:
            result = await self._write_one(args)
        finally:
            self._write_started = None
        self.on_commit(time.monotonic() - start)
        return result

    async def _timed_batch(self, batch: list[Pending]) -> None:
        self._write_started = start = time.monotonic()
        try:
            await self._write_batch(batch)
        finally:
            self._write_started = None
        if not any(_failed(p.future) for p in batch):  # a rolled-back batch answers each push its error
            self.on_commit(time.monotonic() - start)

    async def _write_one(self, args: Args) -> IngestResult:
        raise NotImplementedError

    async def _write_batch(self, batch: list[Pending]) -> None:
        """Write ``batch`` and answer each push in it (``Pending.answer``)."""
        raise NotImplementedError

    def _hand_over(self) -> None:
        if self._pending:
            self._drainer = asyncio.get_running_loop().create_task(self._drain())
        else:
            self._busy = False

    async def _drain(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                if len(batch) > 1:
                    await self._timed_batch(batch)
                    continue
                try:
                    batch[0].answer(await self._timed_one(batch[0].args))
                except Exception as exc:
                    batch[0].answer(exc)
        finally:
            self._busy = False

    async def _close_drainer(self) -> None:
        if self._drainer is not None:
            await self._drainer
            self._drainer = None


def _ignore(seconds: float) -> None:
    """No one is watching commit times."""


def _failed(future: asyncio.Future[IngestResult]) -> bool:
    return future.done() and not future.cancelled() and isinstance(future.exception(), Exception)
