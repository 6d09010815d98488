"""AppCore headless in a child process, with hooks that freeze it at a chosen point to be SIGKILLed.

Run as ``python -m tests.app.crash_app`` with ``POSAPP_CRASH_CONFIG`` holding JSON: ``db``, ``relay_url``,
``token``, ``keeta`` (KeetaConfig fields), optional ``hook``, ``confirm`` (an orderViewId to confirm
once it is in the cache) and ``refund`` (``[orderViewId, orderProductId]``: refund one of that line
once the order is in the cache as accepted). It reports on stdout, one line each, flushed:

- ``ready`` once the core runs; ``applied <cursor> <orderViewId|->`` after each committed event;
- ``sending <action> <order_ref>`` each time an outbox action really goes to Keeta;
- ``action <id> <action> <state>`` on every outbox change;
- ``paused <hook> <detail>`` when it reaches the hook, and then it blocks until killed.

Hooks: ``before-apply`` (event received, nothing written), ``mid-apply`` (event written, cursor not yet,
transaction open), ``before-send`` (action committed as sending, request not sent), ``after-send``
(Keeta answered, the answer not recorded). A line on stdin (or EOF) stops a run without a hook cleanly.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from posapp.domain.order import OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine import apply as apply_module
from posapp.engine.apply import AppliedEvent, EventApplier
from posapp.engine.assembly import SessionSecrets, Tuning, build_core
from posapp.engine.core import AppCore
from posapp.engine.keeta_sender import KeetaActionSender
from posapp.engine.orders import ActionRefused, OrderUpdate
from posapp.engine.outbox import ActionChanged
from posapp.engine.relay_source import StreamEvent
from posapp.keeta.codes import PartRefundType
from posapp.keeta.config import KeetaConfig
from posapp.settings import Settings
from posapp.store.outbox import OutboxAction


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def freeze(hook: str, detail: str) -> None:
    """Report and block the whole process (event loop included) until the test kills it."""
    say(f"paused {hook} {detail}")
    sys.stdin.readline()
    os._exit(3)  # only reached if the test forgot to kill: fail loudly rather than carry on


def install_hook(hook: str) -> None:
    if hook == "before-apply":
        original_call = EventApplier.__call__

        def paused_call(self: EventApplier, event: StreamEvent) -> AppliedEvent:
            freeze(hook, str(event.cursor))
            return original_call(self, event)

        EventApplier.__call__ = paused_call  # type: ignore[method-assign]
    elif hook == "mid-apply":
        original_save = apply_module.sync_state.save_cursor

        def paused_save(stream: str, cursor: int) -> None:
            freeze(hook, str(cursor))
            original_save(stream, cursor)

        apply_module.sync_state.save_cursor = paused_save


def count_sends(hook: str) -> None:
    original_send = KeetaActionSender.send

    async def send(self: KeetaActionSender, action: OutboxAction) -> dict[str, Any]:
        if hook == "before-send":
            freeze(hook, f"{action.action} {action.order_ref}")
        say(f"sending {action.action} {action.order_ref}")
        result = await original_send(self, action)
        if hook == "after-send":
            freeze(hook, f"{action.action} {action.order_ref}")
        return result

    KeetaActionSender.send = send  # type: ignore[method-assign]


def build(config: dict[str, Any]) -> AppCore:
    keeta = KeetaConfig(**config["keeta"])
    settings = Settings(
        keeta_base_url=keeta.base_url, keeta_app_id=keeta.app_id, keeta_shop_id=keeta.shop_id,
        relay_url=config["relay_url"],
    )  # fmt: skip
    secrets = SessionSecrets(
        keeta_app_secret=keeta.secret, keeta_token=keeta.access_token, relay_token=config["token"]
    )
    tuning = Tuning(
        outbox_policy=RetryPolicy(first_delay=0.05, max_delay=0.2),
        sync_backoff=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0),
    )
    return build_core(Path(config["db"]), settings, secrets, tuning=tuning)


def watch(core: AppCore, confirm: int | None, refund: list[int] | None = None) -> None:
    def applied(event: AppliedEvent) -> None:
        say(f"applied {event.cursor} {event.order_view_id or '-'}")

    def order(update: OrderUpdate) -> None:
        nonlocal confirm, refund
        accepted = update.order.status is OrderStatus.ACCEPTED
        if refund is not None and update.order.order_view_id == refund[0] and accepted:
            (target, line), refund = refund, None
            core.orders.apply_partial_refund(target, [(line, 1)], PartRefundType.SLOW_PREPARATION)
        if confirm is not None and update.order.order_view_id == confirm:
            target, confirm = confirm, None
            try:
                core.orders.confirm(target)
            except ActionRefused as refused:
                say(f"refused {refused.reason}")

    assert core.sync is not None
    core.hub.subscribe(AppliedEvent, applied)
    core.hub.subscribe(OrderUpdate, order)
    core.hub.subscribe(
        ActionChanged, lambda c: say(f"action {c.action.id} {c.action.action} {c.action.state.value}")
    )


async def main() -> int:
    config = json.loads(os.environ["POSAPP_CRASH_CONFIG"])
    hook = str(config.get("hook") or "")
    install_hook(hook)
    count_sends(hook)
    core = build(config)
    watch(core, config.get("confirm"), config.get("refund"))
    core.start()
    say("ready")
    try:
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    finally:
        await core.stop()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
