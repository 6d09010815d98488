"""The simulator and a relay on 127.0.0.1, wired together as in a real shop.

Keeta (simulated) pushes to the relay's ``/keeta/webhook`` and Zeek to ``/zeek/callback/<store>``;
the app then reads the relay's stream with a store token, exactly as it would in production. The
demo runs this in a background thread (so the Qt thread never serves HTTP); tests run it in their loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posapp.engine.assembly import SessionSecrets
from posapp.keeta.config import KeetaConfig
from posapp.relay.config import RelayConfig
from posapp.relay.server import RelayServer
from posapp.relay.storage import storage_for_url
from posapp.relay.tokens import new_token, token_hash
from posapp.settings import Settings
from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer, free_port


def keeta_config_for(sim: SimConfig, base_url: str) -> KeetaConfig:
    """A Keeta client's settings for the simulator's default (or given) credentials."""
    return KeetaConfig(
        app_id=sim.app_id, secret=sim.secret, access_token=sim.token, shop_id=sim.shop_id, base_url=base_url
    )


@dataclass(frozen=True)
class StackInfo:
    sim_url: str
    relay_url: str
    store_token: str
    sim_config: SimConfig

    @property
    def keeta_base_url(self) -> str:
        return f"{self.sim_url}/keeta/api/open"

    def keeta_config(self) -> KeetaConfig:
        return keeta_config_for(self.sim_config, self.keeta_base_url)

    @property
    def zeek_base_url(self) -> str:
        return f"{self.sim_url}/zeek"

    def settings(self, **changes: Any) -> Settings:
        """A shop set up against this stack: Keeta, Zeek and the relay (``changes`` on top)."""
        sim = self.sim_config
        return Settings(
            keeta_base_url=self.keeta_base_url,
            keeta_app_id=sim.app_id,
            keeta_shop_id=sim.shop_id,
            zeek_base_url=self.zeek_base_url,
            zeek_app_id=sim.zeek_appid,
            zeek_merchant_id=sim.merchant_id,
            relay_url=self.relay_url,
        ).replace(**changes)

    def secrets(self) -> SessionSecrets:
        """What the shop's keyring would hold for this stack."""
        sim = self.sim_config
        return SessionSecrets(
            keeta_app_secret=sim.secret, keeta_token=sim.token, zeek_secret=sim.zeek_secret,
            relay_token=self.store_token,
        )  # fmt: skip


class PlatformStack:
    def __init__(self, data_dir: Path, sim_config: SimConfig | None = None) -> None:
        self._data_dir = data_dir
        self._sim_config = sim_config or SimConfig(port=0)  # a free port: never clash with a running sim
        self.relay: RelayServer | None = None
        self.sim: SimServer | None = None
        self.info: StackInfo | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    async def start(self) -> StackInfo:
        self._data_dir.mkdir(parents=True, exist_ok=True)
        relay_port = free_port()
        relay_url = f"http://127.0.0.1:{relay_port}"
        base = self._sim_config
        relay_db = self._data_dir / "relay.sqlite3"
        # The demo relay is disposable: its store token is shown once, so each run starts afresh.
        for leftover in self._data_dir.glob("relay.sqlite3*"):
            leftover.unlink()
        db_url = f"sqlite:///{relay_db}"
        token = await _register_store(db_url, base.shop_id, base.shop_name, base.merchant_id)
        relay_config = RelayConfig(
            public_url=relay_url,
            keeta_app_id=base.app_id,
            keeta_secret=base.secret,
            zeek_appid=base.zeek_appid,
            zeek_secret=base.zeek_secret,
            reread_seconds=2.0,
        )
        self.relay = RelayServer(relay_config, db_url, port=relay_port)
        await self.relay.start()
        sim_config = dataclasses.replace(
            base,
            port=base.port or free_port(),
            webhook_url=relay_config.keeta_webhook_url,
            zeek_callback_url=f"{relay_url}/zeek/callback/{base.merchant_id}",
        )
        self.sim = SimServer(sim_config)
        sim_url = await self.sim.start()
        self.info = StackInfo(sim_url, relay_url, token, sim_config)
        return self.info

    async def stop(self) -> None:
        if self.sim is not None:
            await self.sim.stop()
        if self.relay is not None:
            await self.relay.stop()

    def start_in_thread(self, timeout: float = 20.0) -> StackInfo:
        ready = threading.Event()
        failure: list[BaseException] = []

        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            try:
                await self.start()
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                raise
            ready.set()
            await self._stop.wait()
            await self.stop()

        self._thread = threading.Thread(
            target=lambda: asyncio.run(main()), name="posapp-platforms", daemon=True
        )
        self._thread.start()
        if not ready.wait(timeout):
            raise RuntimeError("the simulator and relay did not start in time")
        if failure:
            raise RuntimeError(f"the simulator and relay failed to start: {failure[0]}") from failure[0]
        assert self.info is not None
        return self.info

    def stop_thread(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)


async def _register_store(db_url: str, shop_id: int, name: str, zeek_merchant_id: str) -> str:
    """The same registration ``posapp relay add-store`` does."""
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        token = new_token()
        await storage.add_store(shop_id, name, zeek_merchant_id, token_hash(token), time.time())
        return token
    finally:
        await storage.close()
