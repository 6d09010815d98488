"""Everything the screens are given by the session builder (``posapp/session.py``); no globals."""

from __future__ import annotations

from dataclasses import dataclass

from posapp.engine.assembly import SessionSecrets
from posapp.engine.brand_controls import BrandControls
from posapp.engine.busy_mode import BusyMode
from posapp.engine.delivery.setup import DeliveryEngine
from posapp.engine.orders import OrderService
from posapp.engine.sold_out import SoldOut
from posapp.engine.sync import SyncEngine
from posapp.engine.unreadable import UnreadableEvents
from posapp.secrets import SecretStore
from posapp.settings import Settings, SettingsChange, SettingsFile


@dataclass(frozen=True)
class SettingsSaved:
    """Published on the engine's hub once the settings file holds new settings: the session applies
    them in place, or reconnects (``posapp/session.py``)."""

    change: SettingsChange


@dataclass
class AppServices:
    orders: OrderService
    settings_file: SettingsFile
    secrets: SecretStore
    settings: Settings
    sync: SyncEngine | None = None
    demo: bool = False
    delivery: DeliveryEngine | None = None  # None until Zeek is set up
    unreadable: UnreadableEvents | None = None  # events the app could not read (the red notice)
    busy: BusyMode | None = None  # pause / reopen the Keeta store (the top bar's store button)
    sold_out: SoldOut | None = None  # sold-out items
    controls: BrandControls | None = None  # busy mode and sold out of every brand (several Keeta shops)
    # The keyring's values as this session read them (off the GUI thread): Settings shows these
    # instead of asking the keyring again. None: Settings reads the keyring itself.
    secret_values: SessionSecrets | None = None

    def save_settings(self, settings: Settings, secrets_changed: bool = False) -> None:
        change = SettingsChange(self.settings, settings, secrets_changed)
        self.settings_file.save(settings)
        self.settings = settings
        if secrets_changed:
            self.secret_values = None  # not what the keyring holds now; the next session reads it again
        self.orders.hub.publish(SettingsSaved(change))
