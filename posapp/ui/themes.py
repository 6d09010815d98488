"""Light, dark and high-contrast looks with a font scale; big touch targets in every theme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from posapp.assets import cjk_font_path

BASE_POINT_SIZE = 13
TOUCH_HEIGHT = 56  # px: a wet or gloved finger still hits it


@dataclass(frozen=True)
class Palette:
    window: str
    text: str
    panel: str
    border: str
    accent: str
    accent_text: str
    danger: str
    warn: str
    ok: str
    muted: str
    selection: str


PALETTES: dict[str, Palette] = {
    "light": Palette("#f6f6f4", "#1b1b1b", "#ffffff", "#c9c9c4", "#1f6feb", "#ffffff", "#c62828",
                     "#e08e00", "#2e7d32", "#5f6368", "#cfe3ff"),
    "dark": Palette("#1e1f22", "#ececec", "#2b2d31", "#4a4d55", "#4c8dff", "#0b0b0b", "#ff6b6b",
                    "#ffb347", "#66d17a", "#a0a4ab", "#2f4a73"),
    "high_contrast": Palette("#000000", "#ffffff", "#000000", "#ffffff", "#ffff00", "#000000", "#ff4040",
                             "#ffbf00", "#00ff66", "#ffffff", "#0000c0"),
}  # fmt: skip

_cjk_family: str | None = None


def cjk_family() -> str | None:
    """Load the bundled CJK font once, so Chinese item names never show as boxes."""
    global _cjk_family
    if _cjk_family is None:
        font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _cjk_family = families[0] if families else ""
    return _cjk_family or None


def palette(theme: str) -> Palette:
    return PALETTES.get(theme, PALETTES["light"])


def stylesheet(theme: str, font_scale: float) -> str:
    p = palette(theme)
    size = round(BASE_POINT_SIZE * max(0.75, min(2.0, font_scale)))
    width = 3 if theme == "high_contrast" else 1
    return f"""
QWidget {{ background: {p.window}; color: {p.text}; font-size: {size}pt; }}
QFrame#panel, QTableView, QTextBrowser, QListWidget, QLineEdit, QSpinBox, QComboBox, QPlainTextEdit {{
    background: {p.panel}; border: {width}px solid {p.border}; border-radius: 6px; }}
QTableView {{ selection-background-color: {p.selection}; selection-color: {p.text};
    gridline-color: {p.border}; }}
QHeaderView::section {{ background: {p.window}; color: {p.muted}; border: none; padding: 6px;
    font-weight: bold; }}
QPushButton {{ min-height: {TOUCH_HEIGHT}px; padding: 0 18px; border-radius: 8px;
    border: {width}px solid {p.border}; background: {p.panel}; font-weight: bold; }}
QPushButton:disabled {{ color: {p.muted}; }}
QPushButton[role="primary"] {{ background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; }}
QPushButton[role="danger"] {{ background: {p.panel}; color: {p.danger}; border: 2px solid {p.danger}; }}
QPushButton[role="ok"] {{ background: {p.ok}; color: {p.accent_text}; border-color: {p.ok}; }}
QTabBar::tab {{ min-height: 44px; padding: 2px 18px; font-weight: bold; border: {width}px solid {p.border};
    border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px; background: {p.window}; }}
QTabBar::tab:selected {{ background: {p.panel}; color: {p.accent if theme != "high_contrast" else p.text};
    }}
QLineEdit[role="pickup-code"] {{ font-size: {round(size * 1.5)}pt; font-weight: bold; letter-spacing: 6px; }}
QLabel[role="pickup-code-big"] {{ font-size: {round(size * 2.75)}pt; font-weight: bold;
    letter-spacing: 8px; }}
QPushButton[size="compact"] {{ min-height: 48px; }}
QPushButton[role="lane"] {{ min-height: 48px; padding: 0 10px; }}
QPushButton[role="lane"]:checked {{ background: {p.accent}; color: {p.accent_text};
    border-color: {p.accent}; }}
QPushButton[role="step"] {{ padding: 0; font-size: {size + 8}pt; }}
QPushButton[role]:disabled {{ background: {p.window}; color: {p.muted}; border: 1px dashed {p.border}; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QLabel[role="seq"] {{ font-size: {size * 2}pt; font-weight: bold; }}
QLabel[role="banner"] {{ background: {p.warn}; color: #000000; font-weight: bold; padding: 4px 10px; }}
QFrame[role="alarm"] {{ background: {p.danger}; border-radius: 4px; }}
QFrame[role="alarm"] QLabel {{ background: transparent; color: #ffffff; font-weight: bold;
    font-size: {size + 2}pt; }}
QLabel[role="problem"] {{ color: {p.danger}; font-weight: bold; }}
QLabel[urgency="normal"] {{ color: {p.ok}; font-weight: bold; }}
QLabel[urgency="warn"] {{ color: #000000; background: {p.warn}; font-weight: bold; padding: 2px 6px; }}
QLabel[urgency="critical"] {{ color: #ffffff; background: {p.danger}; font-weight: bold; padding: 2px 6px; }}
QStatusBar {{ color: {p.muted}; }}
QFrame[role="card"] {{ background: {p.panel}; border: 2px solid {p.border}; border-radius: 10px; }}
QFrame[role="card"][urgency="warn"] {{ border: 3px solid {p.warn}; }}
QFrame[role="card"][urgency="critical"] {{ border: 4px solid {p.danger}; }}
QFrame[role="card"][selected="yes"] {{ background: {p.selection}; }}
QFrame[role="card"]:focus {{ border: 3px solid {p.accent}; }}
QFrame[role="card"] QLabel {{ background: transparent; }}
QLabel[role="money"] {{ font-weight: bold; font-size: {size + 3}pt; }}
QLabel[role="countdown"] {{ font-weight: bold; padding: 2px 6px; }}
QLabel[role="countdown"][urgency="normal"] {{ color: {p.ok}; }}
QLabel[role="countdown"][urgency="warn"] {{ color: #000000; background: {p.warn}; }}
QLabel[role="countdown"][urgency="critical"] {{ color: #ffffff; background: {p.danger};
    font-size: {size + 5}pt; padding: 0px 8px; }}
QProgressBar {{ border: {width}px solid {p.border}; border-radius: 4px; background: {p.window}; }}
QProgressBar::chunk {{ background: {p.ok}; border-radius: 3px; }}
QProgressBar[urgency="warn"]::chunk {{ background: {p.warn}; }}
QProgressBar[urgency="critical"]::chunk {{ background: {p.danger}; }}
"""


def apply_theme(app: QApplication, theme: str, font_scale: float) -> None:
    family = cjk_family()
    if family:
        font = QFont(app.font())
        # The bundled CJK face as a fallback after the system UI font keeps Latin text native.
        font.setFamilies([font.family(), family])
        app.setFont(font)
    app.setProperty("posappTheme", theme)
    sheet = stylesheet(theme, font_scale)
    if app.styleSheet() != sheet:  # re-polishing every widget takes seconds: not for a language switch
        app.setStyleSheet(sheet)
