"""Where posapp keeps its files: the platformdirs user folders, or one folder given for tests and demos."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "posapp"
APP_AUTHOR = "posapp"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    logs: Path
    config: Path

    @property
    def cache_db(self) -> Path:
        return self.data / "cache.sqlite3"

    @classmethod
    def user(cls) -> AppPaths:
        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
            config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        )

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything inside ``root``: the demo and tests never touch the real user folders."""
        return cls(data=root / "data", logs=root / "logs", config=root / "config")

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.logs, self.config):
            folder.mkdir(parents=True, exist_ok=True)
        return self
