"""The simulator and relay of a benchmark in a process of their own.

The board benchmark measures the cashier app's CPU and memory; in a shop the relay runs on a server
and Keeta is Keeta, so neither belongs in the app's process figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.sim.config import SimConfig


def _serve(data_dir: str, info_out: Any, stop: Any, other_stores: int = 0) -> None:
    async def main() -> None:
        stack = PlatformStack(Path(data_dir), SimConfig(port=0))
        try:
            info = await stack.start()
            if other_stores:  # registered as ``posapp relay add-store`` would, with the bench's tokens
                from tests.bench.relayproc import seed_url

                await seed_url(f"sqlite:///{Path(data_dir) / 'relay.sqlite3'}", other_stores)
            info_out.put(info)
        except BaseException as exc:
            info_out.put(f"{type(exc).__name__}: {exc}")
            raise
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, stop.wait)
        await stack.stop()

    asyncio.run(main())


@contextlib.contextmanager
def platforms_in_subprocess(
    data_dir: Path, timeout: float = 60.0, other_stores: int = 0
) -> Iterator[StackInfo]:
    """``other_stores``: that many more stores behind the relay (``relayproc.shop_ids``/``bench_token``)."""
    ctx = multiprocessing.get_context("spawn")
    info_out: Any = ctx.Queue()
    stop = ctx.Event()
    proc = ctx.Process(target=_serve, args=(str(data_dir), info_out, stop, other_stores), daemon=True)
    proc.start()
    try:
        info = info_out.get(timeout=timeout)
        if isinstance(info, str):
            raise RuntimeError(f"the simulator and relay did not start: {info}")
        yield info
    finally:
        stop.set()
        proc.join(20)
        if proc.is_alive():
            proc.kill()
