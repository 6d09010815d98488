"""Where the screens find their files (sounds, translations, fonts) in a checkout or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # PyInstaller unpacks data next to the executable under _MEIPASS; a checkout keeps it at the root.
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def chime_path() -> Path:
    return resources_dir() / "sounds" / "chime.wav"


def translation_path(language: str) -> Path:
    return resources_dir() / "i18n" / f"posapp_{language}.qm"


def cjk_font_path() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"
