"""``posapp --selftest``: every part a shop relies on, tried for real in the installed app, one line each.

The chime plays through QtMultimedia, text-to-speech is there or clearly absent, a ticket becomes a PDF
with the Chinese font embedded, a serial printer takes a test page, the USB back end loads, the keyring
is a real one, the delivery map draws its markers and path, the translations load. A part missing from
a build (a Qt module the spec left out, a library, a resource) fails its line and the exit code.
The opening drill runs the same checks (:data:`DRILL_CHECKS`).
"""

from __future__ import annotations

import asyncio
import importlib
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QColor, QImage

from posapp.assets import translation_path
from posapp.runtime.drill import CheckResult, CheckState
from posapp.runtime.install_checks import check_keyring, check_serial_printer, check_usb_backend
from posapp.ui.alerts import Chime

Check = Callable[[], Awaitable[CheckResult]]
LABELS = {CheckState.OK: "ok", CheckState.SKIPPED: "absent", CheckState.PROBLEM: "FAILED"}
# A string every release translates (the drill's title): the .qm must turn it into Chinese.
PROBE = ("OpeningDrill", "Opening check")


async def check_chime(chime: Chime | None = None) -> CheckResult:
    chime = chime or Chime()
    if chime.problem:
        return CheckResult(CheckState.PROBLEM, chime.problem)
    problem = await chime.play_and_confirm()
    if problem:
        return CheckResult(CheckState.PROBLEM, problem)
    return CheckResult(CheckState.OK, "the chime played through QtMultimedia")


async def check_speech() -> CheckResult:
    try:
        speech = importlib.import_module("PySide6.QtTextToSpeech")
    except ImportError as exc:
        return CheckResult(CheckState.PROBLEM, f"QtTextToSpeech is missing from this build: {exc}")
    engines = [name for name in speech.QTextToSpeech.availableEngines() if name != "mock"]
    for engine in engines:
        voice = speech.QTextToSpeech(engine)
        ready = speech.QTextToSpeech.State.Ready
        if voice.state() != ready:
            await _state_settles(voice)
        if voice.state() == ready:
            return CheckResult(CheckState.OK, f"text-to-speech ready ({engine})")
    tried = ", ".join(engines) or "none installed"
    return CheckResult(
        CheckState.SKIPPED, f"no text-to-speech voice on this computer (engines: {tried}); prompts stay off"
    )


async def _state_settles(voice: object, within_s: float = 3.0) -> None:
    changed = asyncio.Event()
    voice.stateChanged.connect(lambda *_: changed.set())  # type: ignore[attr-defined]
    try:
        await asyncio.wait_for(changed.wait(), within_s)
    except TimeoutError:
        return


async def check_ticket_pdf() -> CheckResult:
    from posapp.printing.layouts import test_page
    from posapp.printing.pdf import write_pdf

    with tempfile.TemporaryDirectory(prefix="posapp-selftest-") as folder:
        path = write_pdf([test_page("pdf")], Path(folder) / "ticket.pdf")
        data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data or b"WenQuanYi" not in data:
        return CheckResult(CheckState.PROBLEM, "the ticket PDF lacks the embedded Chinese font")
    return CheckResult(CheckState.OK, f"ticket PDF written ({len(data) // 1024} KiB, Chinese font embedded)")


async def check_map() -> CheckResult:
    from posapp.ui.delivery.map_scene import MapScene
    from posapp.ui.delivery.map_view import make_map_view
    from posapp.ui.delivery.plain_map import CUSTOMER, STORE

    view = make_map_view("")  # no tiles: markers and the path must draw offline
    view.resize(480, 320)
    view.show()
    try:
        store, customer, partner = (22.2866, 114.1508), (22.2820, 114.1590), (22.2850, 114.1540)
        view.show_scene(MapScene("selftest", store, customer, partner, "", [store, partner]))  # type: ignore[attr-defined]
        if not await view.wait_loaded():  # type: ignore[attr-defined]
            return CheckResult(CheckState.PROBLEM, "the map page did not load")
        for _ in range(50):  # a web map paints in another process, a few frames later
            image = view.grab().toImage()
            if _has_colour(image, STORE) and _has_colour(image, CUSTOMER):
                kind = getattr(view, "kind", "map")
                return CheckResult(CheckState.OK, f"map drew the shop, customer and path ({kind})")
            await asyncio.sleep(0.1)
        return CheckResult(CheckState.PROBLEM, "the map drew no markers")
    finally:
        view.close()
        view.deleteLater()


def _has_colour(image: QImage, colour: str, tolerance: int = 24) -> bool:
    target = QColor(colour)
    step = 3
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red()) <= tolerance
                and abs(pixel.green() - target.green()) <= tolerance
                and abs(pixel.blue() - target.blue()) <= tolerance
            ):
                return True
    return False


async def check_translations() -> CheckResult:
    translator = QTranslator()
    path = translation_path("zh_HK")
    if not translator.load(str(path)):
        return CheckResult(CheckState.PROBLEM, f"繁體中文 could not be loaded from {path.name}")
    translated = translator.translate(*PROBE)
    if not translated or translated == PROBE[1]:
        return CheckResult(CheckState.PROBLEM, f"{path.name} loaded but translates nothing")
    return CheckResult(CheckState.OK, f"繁體中文 loaded ({PROBE[1]!r} → {translated!r})")


async def _in_thread(check: Callable[[], CheckResult]) -> CheckResult:
    return await asyncio.get_running_loop().run_in_executor(None, check)  # blocking device/keyring I/O


async def _serial() -> CheckResult:
    return await _in_thread(check_serial_printer)


async def _usb() -> CheckResult:
    return await _in_thread(check_usb_backend)


async def _keyring() -> CheckResult:
    return await _in_thread(check_keyring)


CHECKS: dict[str, Check] = {
    "chime": check_chime,
    "speech": check_speech,
    "ticket-pdf": check_ticket_pdf,
    "serial-printer": _serial,
    "usb-backend": _usb,
    "keyring": _keyring,
    "map": check_map,
    "translations": check_translations,
}
# What the opening drill's "This computer" row runs (the chime and the password store have their own
# rows; the map is the delivery tab's business and shows for itself).
DRILL_CHECKS = ("speech", "usb-backend", "translations")


async def run_checks(names: tuple[str, ...], say: Callable[[str], None]) -> dict[str, CheckResult]:
    results: dict[str, CheckResult] = {}
    for name in names:
        try:
            result = await CHECKS[name]()
        except Exception as exc:  # a broken part must fail its own line, not the whole run
            result = CheckResult(CheckState.PROBLEM, f"{type(exc).__name__}: {exc}")
        results[name] = result
        say(f"selftest: {name} {LABELS[result.state]}: {result.detail}")
    return results


def summary(results: dict[str, CheckResult]) -> tuple[int, str]:
    failed = [name for name, result in results.items() if result.state is CheckState.PROBLEM]
    if failed:
        return 1, f"selftest: FAILED ({len(failed)} of {len(results)}: {', '.join(failed)})"
    return 0, f"selftest: ok ({len(results)} checks)"
