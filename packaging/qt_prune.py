"""What of Qt the frozen app keeps: the Qt libraries its Python modules and kept plugins link to, the
plugins a counter PC needs, Qt's own translations for English and Chinese only.

PyInstaller's PySide6 hooks collect generously (every plugin of a category, QML, WebEngine's locales and
resources); the app imports QtCore/Gui/Widgets/Network/Multimedia/PrintSupport/TextToSpeech only
(``qt_modules.py``). Used by ``posapp.spec`` on the Analysis tables: ``(dest, source, kind)`` tuples.
Dependencies are read from the binaries themselves (PyInstaller's ``bindepend``), so a library a kept
file needs is never dropped by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath

Entry = tuple[str, str, str]

# Plugin folders a shop PC uses; anything else (QML tooling, sensors, 3D, Wayland compositor, …) goes.
KEPT_PLUGIN_DIRS = {
    "platforms",  # xcb (X11 and XWayland), offscreen (CI, --smoke), windows
    "platformthemes", "platforminputcontexts",  # desktop look; Chinese input methods (ibus, compose)
    "imageformats", "iconengines", "xcbglintegrations", "styles",
    "multimedia",  # the new-order chime (FFmpeg back end)
    "texttospeech",  # spoken prompts
    "tls", "networkinformation",  # https map tiles
    "generic",  # touchscreens (evdev/libinput, tslib)
}  # fmt: skip
# Within kept folders: plugins for what the app never runs on. GTK's theme would bring GTK, cairo, pango
# and their libraries from the build machine (~60 MB); the virtual keyboard brings QtQuick/QML; the PDF
# image format QtPdf; the app prints PDFs itself (QPrinter's PDF writer needs no print plugin, and the
# CUPS one brings libcups and GnuTLS).
DROPPED_PLUGINS = (
    "wayland", "eglfs", "vnc", "linuxfb", "mock", "vkkhrdisplay", "minimalegl", "direct2d",
    "gtk3", "virtualkeyboard", "qpdf",
)  # fmt: skip
# Qt's translations (qtbase_zh_TW.qm …) for the app's languages; WebEngine's locales never.
KEPT_TRANSLATIONS = ("_en.", "_zh_TW.", "_zh_HK.")
# Loaded by name, not linked: Windows' software OpenGL for PCs without a GPU driver; Python's library
# (the bootloader); OpenSSL (Qt's TLS plugin).
LOADED_AT_RUN_TIME = ("opengl32sw", "d3dcompiler", "libpython", "libssl", "libcrypto")
DROPPED_DATA_DIRS = ("qml", "resources", "libexec", "qtwebengine_locales", "metatypes", "typesystems", "glue")


def _parts(dest: str) -> list[str]:
    return list(PurePath(dest.replace("\\", "/")).parts)


def _qt_relative(dest: str) -> list[str] | None:
    """Path parts below ``PySide6/Qt/`` (Linux) or ``PySide6/`` (Windows keeps plugins there); None when
    the file is not Qt's."""
    parts = _parts(dest)
    if "PySide6" not in parts:
        return None
    below = parts[parts.index("PySide6") + 1 :]
    return below[1:] if below[:1] == ["Qt"] else below


def plugin_kept(dest: str) -> bool:
    below = _qt_relative(dest)
    if below is None or "plugins" not in below:
        return True
    inside = below[below.index("plugins") + 1 :]
    if not inside:
        return True
    folder, name = inside[0], inside[-1].lower()
    return folder in KEPT_PLUGIN_DIRS and not any(word in name for word in DROPPED_PLUGINS)


def data_kept(dest: str) -> bool:
    below = _qt_relative(dest)
    if below is None:
        return True
    if any(part in DROPPED_DATA_DIRS for part in below[:-1]):
        return False
    if "translations" in below:
        return any(tag in below[-1] for tag in KEPT_TRANSLATIONS)
    return plugin_kept(dest)


def _is_root(dest: str) -> bool:
    """Files loaded by Python or by Qt at run time (not by the linker): the start of the closure."""
    below = _qt_relative(dest)
    if below is None:
        parts = _parts(dest)
        name = parts[-1].lower()
        # A shared library at the top of the bundle is kept only if something kept links to it: the
        # GTK theme plugin (dropped) had brought GTK, cairo, pango, CUPS from the build machine this way.
        # Python's own library (the bootloader loads it) and OpenSSL (Qt's TLS plugin loads it by
        # name) are always kept; so is everything inside a package folder (Python modules and the
        # libraries their wheels vendor).
        top_level_library = len(parts) == 1 and name.startswith("lib") and ".so" in name
        return not top_level_library or name.startswith(LOADED_AT_RUN_TIME)
    name = below[-1].lower()
    if "plugins" in below:
        return plugin_kept(dest)
    if name.startswith(LOADED_AT_RUN_TIME):
        return True
    python_module = name.startswith("qt") and (".abi3." in name or name.endswith(".pyd"))
    return python_module or name.startswith(("libpyside6", "pyside6", "libshiboken6", "shiboken6"))


def prune_binaries(binaries: Iterable[Entry], imports_of: Callable[[str], Iterable[str]]) -> list[Entry]:
    """Keeps the roots and every binary they (transitively) link to; ``imports_of(source)`` names the
    libraries a file needs (basenames)."""
    entries = list(binaries)
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(PurePath(entry[0].replace("\\", "/")).name.lower(), []).append(entry)
    kept: set[Entry] = set()
    todo = [entry for entry in entries if _is_root(entry[0])]
    while todo:
        entry = todo.pop()
        if entry in kept:
            continue
        kept.add(entry)
        for needed in imports_of(entry[1]):
            todo.extend(by_name.get(PurePath(needed).name.lower(), []))
    return [entry for entry in entries if entry in kept]


def prune_datas(datas: Iterable[Entry]) -> list[Entry]:
    return [entry for entry in datas if data_kept(entry[0])]


def pyinstaller_imports(source: str) -> list[str]:
    """The shared libraries a binary links to, as PyInstaller reads them on this platform."""
    from PyInstaller.depend import bindepend

    try:
        return [name for name, _ in bindepend.get_imports(source)]
    except Exception:  # not an executable format PyInstaller reads (a data file typed as binary)
        return []
