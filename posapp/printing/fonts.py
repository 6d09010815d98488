"""Where the shipped CJK font lives, in a checkout and in a frozen (PyInstaller) build."""

from __future__ import annotations

import sys
from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def cjk_font_path() -> Path:
    """The bundled WenQuanYi Micro Hei: Traditional and Simplified Chinese incl. HKSCS characters."""
    path = resources_dir() / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"CJK font missing: {path} (ship resources/fonts/ with the app)")
    return path
