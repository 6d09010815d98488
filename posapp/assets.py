"""The one place that finds the files shipped with posapp: sounds, translations, fonts.

The repository keeps them in the top-level ``resources/`` folder; the wheel (hatch ``force-include``)
and the PyInstaller bundle put the same folder inside the package as ``posapp/resources``. Looking it
up through ``importlib.resources`` finds it in a wheel install and a frozen build alike; an editable
checkout has no ``posapp/resources`` and falls back to the repository's folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"


def resources_dir() -> Path:
    packaged = Path(str(files("posapp"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[1] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"posapp's resources are missing: neither {packaged} nor {checkout} exists")


def chime_path() -> Path:
    return resources_dir() / "sounds" / "chime.wav"


def translation_path(language: str) -> Path:
    return resources_dir() / "i18n" / f"posapp_{language}.qm"


def cjk_font_path() -> Path:
    """The bundled WenQuanYi Micro Hei: Traditional and Simplified Chinese incl. HKSCS characters."""
    path = resources_dir() / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"CJK font missing: {path} (ship resources/fonts/ with the app)")
    return path
