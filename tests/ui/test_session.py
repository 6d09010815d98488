"""Settings → Save on the running app: applied in place; a new secret reconnects under the same window."""

from __future__ import annotations

import dataclasses
import time

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.session import read_secrets
from posapp.settings import SECRET_KEETA_TOKEN, SECRET_ZEEK_SECRET
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until


async def test_theme_text_size_and_sound_apply_in_place_without_a_reconnect(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        window = stack.window
        dialog = window.open_settings()
        dialog.counter.theme.setCurrentIndex(dialog.counter.theme.findData("dark"))
        dialog.counter.font_scale.setCurrentIndex(dialog.counter.font_scale.findData(1.25))
        dialog.chime.setChecked(False)
        dialog.save_button.click()

        assert stack.reconnects == [] and stack.session.window is window
        settings = stack.services.settings
        assert (settings.theme, settings.font_scale, settings.chime) == ("dark", 1.25, False)
        assert window.alerter.chime_enabled is False


async def test_a_new_secret_reconnects_under_the_same_window_and_the_new_engine_works(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        before = await stack.new_order()
        window, old_core = stack.window, stack.core
        window.tabs.setCurrentWidget(window.refunds)
        dialog = window.open_settings()
        dialog.secret_edits[SECRET_ZEEK_SECRET].setText("a-new-zeek-secret")
        dialog.save_button.click()
        assert stack.reconnects == [] and dialog.writing  # the keyring is written first, in a worker
        await until(lambda: bool(stack.reconnects))
        (change,) = stack.reconnects
        assert change.secrets_changed and change.changed() == set()

        # What the product's loop does (posapp/app.py): read the keyring again, reconnect in place.
        values = await read_secrets(window, stack.inputs.secret_store)
        assert values.zeek_secret == "a-new-zeek-secret"
        await stack.session.reconnect(dataclasses.replace(stack.inputs, secrets=values))

        assert stack.session.window is window and window.isVisible() and stack.core is not old_core
        assert window.tabs.currentWidget() is window.refunds  # what the cashier looked at stays
        assert window.model.order(before.order_view_id) is not None
        after = await stack.new_order()  # pushed, applied by the new engine, shown in the same window
        window.board.select(after.order_view_id)
        window.board.order_actions.buttons[OrderAction.CONFIRM].click()
        await until(lambda: window.model.order(after.order_view_id).status is OrderStatus.ACCEPTED)  # type: ignore[union-attr]


async def test_settings_shows_the_secrets_the_session_read_without_asking_the_keyring_again(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        store = stack.inputs.secret_store
        asked: list[str] = []
        read = store.get

        def counted(name: str) -> str | None:
            asked.append(name)
            return read(name)

        store.get = counted  # type: ignore[method-assign]
        dialog = stack.window.open_settings()
        assert dialog.secret_edits[SECRET_KEETA_TOKEN].text() == env.sim.ctx.config.token
        assert asked == []  # read once, off the GUI thread, when the session started
        dialog.close()


async def test_the_opening_check_is_built_on_the_session_and_follows_the_engine_after_a_reconnect(
    env: Env,
) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        asked: list[str] = []
        drill = stack.session.show_drill(lambda: asked.append("reconnect"))
        assert drill.isVisible() and drill.parent() is stack.window
        await until(lambda: not drill.tasks)
        assert drill.rows["store"].state.text() == "✔"  # the builder's checks ask the shop's Keeta
        await stack.session.reconnect(stack.inputs)

        stack.core.hub.publish(ConnectionStatus(LinkState.REFUSED, time.time()))  # the new engine's relay
        await until(lambda: "refused" in drill.rows["relay"].detail.text())
        drill.rows["relay"].button.click()
        assert asked == [] and stack.window.dialog is not None  # a refused token: Settings, not Reconnect
        drill.close()
