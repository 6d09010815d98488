"""qt_prune: the frozen app keeps the Qt it links to and the plugins a shop PC needs, nothing else."""

from __future__ import annotations

import importlib

qt_prune = importlib.import_module("qt_prune")

LIB = "PySide6/Qt/lib"
LINKS = {
    "/s/QtMultimedia.abi3.so": ["libQt6Multimedia.so.6"],
    "/s/libQt6Multimedia.so.6": ["libQt6Network.so.6", "libQt6Core.so.6"],
    "/s/libQt6Network.so.6": ["libQt6Core.so.6"],
    "/s/libQt6Core.so.6": ["libicui18n.so.73"],
    "/s/libffmpegmediaplugin.so": ["libavcodec.so.61", "libQt6Multimedia.so.6"],
    "/s/libqwayland-egl.so": ["libQt6WaylandClient.so.6"],
    "/s/libQt6WebEngineCore.so.6": ["libQt6Quick.so.6"],
}


def _entry(dest: str) -> tuple[str, str, str]:
    return (dest, "/s/" + dest.rsplit("/", 1)[-1], "BINARY")


def test_kept_is_what_the_python_modules_and_kept_plugins_link_to() -> None:
    binaries = [
        _entry("PySide6/QtMultimedia.abi3.so"),
        *(_entry(f"{LIB}/{name}") for name in (
            "libQt6Multimedia.so.6", "libQt6Network.so.6", "libQt6Core.so.6", "libicui18n.so.73",
            "libavcodec.so.61", "libQt6WaylandClient.so.6", "libQt6WebEngineCore.so.6", "libQt6Quick.so.6",
        )),
        _entry("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so"),
        _entry("PySide6/Qt/plugins/platforms/libqwayland-egl.so"),
        _entry("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so"),
        _entry("PySide6/Qt/plugins/texttospeech/libqtexttospeech_mock.so"),
        _entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
        _entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
        _entry("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so"),
        ("escpos/_speedups.so", "/s/_speedups.so", "EXTENSION"),
        ("libgtk-3.so.0", "/s/libgtk-3.so.0", "BINARY"),  # only the dropped GTK theme linked it
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),  # the bootloader loads it
    ]  # fmt: skip
    kept = {
        dest.rsplit("/", 1)[-1]
        for dest, _, _ in qt_prune.prune_binaries(binaries, lambda s: LINKS.get(s, []))
    }
    assert kept == {
        "QtMultimedia.abi3.so", "libQt6Multimedia.so.6", "libQt6Network.so.6", "libQt6Core.so.6",
        "libicui18n.so.73", "libffmpegmediaplugin.so", "libavcodec.so.61", "libqxcb.so", "_speedups.so",
        "libpython3.11.so.1.0",
    }  # fmt: skip


def test_windows_layout_keeps_software_opengl_and_drops_unlinked_dlls() -> None:
    binaries = [_entry("PySide6/QtCore.pyd"), _entry("PySide6/Qt6Core.dll"), _entry("PySide6/opengl32sw.dll"),
                _entry("PySide6/Qt6WebEngineCore.dll")]  # fmt: skip
    links = {"/s/QtCore.pyd": ["Qt6Core.dll"]}
    kept = {dest for dest, _, _ in qt_prune.prune_binaries(binaries, lambda s: links.get(s, []))}
    assert kept == {"PySide6/QtCore.pyd", "PySide6/Qt6Core.dll", "PySide6/opengl32sw.dll"}


def test_data_keeps_chinese_qt_translations_and_drops_webengine_and_qml() -> None:
    datas = [
        "PySide6/Qt/translations/qtbase_zh_TW.qm", "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qtwebengine_locales/en-US.pak", "PySide6/Qt/qml/QtQuick/qmldir",
        "PySide6/Qt/resources/qtwebengine_resources.pak", "posapp/resources/fonts/wqy-microhei.ttc",
        "escpos/capabilities.json",
    ]  # fmt: skip
    kept = [dest for dest, _, _ in qt_prune.prune_datas((d, d, "DATA") for d in datas)]
    assert kept == ["PySide6/Qt/translations/qtbase_zh_TW.qm", "posapp/resources/fonts/wqy-microhei.ttc",
                    "escpos/capabilities.json"]  # fmt: skip
