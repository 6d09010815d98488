from collections.abc import Callable
from posapp.settings import Settings
from posapp.ui.settings_dialog import SettingsDialog
from posapp.secrets import SecretStore
from tests.printing.recorder import PrinterServer, closed_port
from tests.printing_ui.conftest import open_printing, printer_entry
from tests.printing_ui.test_board_printing import _accept_on_board
from tests.ui.harness import until
from posapp.printing.service import OrderPrintState

async def test_snap(env, printer: Callable[..., PrinterServer]) -> None:
    k = printer()
    settings = Settings(printers=[printer_entry("kitchen", k.uri, "kitchen"), printer_entry("counter", f"tcp://127.0.0.1:{closed_port()}", "receipt", failover="kitchen")])
    async with open_printing(env, settings) as ps:
        oid = await _accept_on_board(ps)
        await until(ps.screens.alert.isVisible)
        ps.stack.window.board.select(oid)
        await until(lambda: ps.screens.badge.state is OrderPrintState.PRINTED)
        ps.stack.window.grab().save("/tmp/snap/board.png")
        d = SettingsDialog(settings, SecretStore())
        d.show()
        d.printers.status.setText("Test page sent to kitchen.")
        d.grab().save("/tmp/snap/settings.png")
        d.close()
