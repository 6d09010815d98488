"""The relay runs on a headless server: importing all of it must not pull in Qt."""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import sys, posapp.relay.app, posapp.relay.cli, posapp.relay.server, posapp.relay.storage.postgres;"
    "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync', 'shiboken6')];"
    "print(bad); sys.exit(1 if bad else 0)"
)


def test_relay_imports_no_qt():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
