"""The counter app's relay side as a process the alarm benchmark can SIGKILL: the app's own SSE
reader and acknowledger (engine/relay_source.py, engine/acker.py), acknowledging every event it reads.

``python -m tests.bench.alarm_app --relay URL --token T``; prints ``acked N`` as acknowledgements land.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import httpx

from posapp.engine.acker import RelayAcker
from posapp.engine.apply import AppliedEvent
from posapp.engine.relay_source import SseSource


async def run(relay: str, token: str) -> None:
    async with httpx.AsyncClient() as http:
        acker = RelayAcker(http, relay, token)
        acking = asyncio.get_running_loop().create_task(acker.run())
        source = SseSource(http, relay, token)
        last = 0
        async for event in source.events(None, on_open=lambda: print("open", flush=True)):
            acker.note(AppliedEvent(event.cursor, event.platform))
            last = event.cursor
            while acker.acknowledged < last:  # the app acknowledges once its cache has the event
                await acker.flush()
                if acker.acknowledged < last:
                    await asyncio.sleep(0.2)  # retry pace of a failed acknowledgement
            sys.stdout.write(f"acked {acker.acknowledged}\n")
            sys.stdout.flush()
        acking.cancel()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--relay", required=True)
    parser.add_argument("--token", required=True)
    args = parser.parse_args()
    asyncio.run(run(args.relay, args.token))


if __name__ == "__main__":
    main()
