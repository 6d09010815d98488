"""The relay runs on a headless server installed from packaging/relay/requirements.txt (no Qt):
importing all of it, and running its admin commands through ``posapp relay``, must not need the GUI."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Imported only when present, never needed: httpx's optional command line pulls pygments; setuptools'
# _distutils_hack is loaded by a .pth file in every virtual environment.
OPTIONAL = {"pygments", "setuptools"}

CHECK = (
    "import sys, posapp.relay.app, posapp.relay.cli, posapp.relay.server, posapp.relay.storage.postgres;"
    "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync', 'shiboken6')];"
    "print(bad); sys.exit(1 if bad else 0)"
)

# Runs `posapp relay …` with every GUI package made unimportable, as on a server that never had them,
# then reports which installed distributions the process loaded.
BLOCKED_RUN = """
import importlib.abc, importlib.metadata, json, sys
BLOCKED = ("PySide6", "shiboken6", "qasync")
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is not installed on the relay server")
        return None
sys.meta_path.insert(0, Blocker())
from posapp.__main__ import main
import posapp.relay.app, posapp.relay.server, posapp.relay.storage.postgres, posapp.relay.storage.sqlite
db = sys.argv[1]
codes = [
    main(["relay", "gen-key"]),
    main(["relay", "add-store", "--db", db, "--shop-id", "880001", "--name", "Shop"]),
    main(["relay", "list-stores", "--db", db]),
    main(["relay", "revoke-store", "--db", db, "--shop-id", "880001"]),
]
owners = importlib.metadata.packages_distributions()
loaded = sorted({d for m in list(sys.modules) for d in owners.get(m.split(".")[0], [])})
print(json.dumps({"codes": codes, "distributions": loaded}))
"""


def test_relay_imports_no_qt():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_relay_commands_run_without_the_gui_and_need_only_the_relay_lock(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'relay.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_RUN, db], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["codes"] == [0, 0, 0, 0]
    spec = importlib.util.spec_from_file_location("posapp_locks", ROOT / "packaging" / "locks.py")
    assert spec is not None and spec.loader is not None
    locks = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = locks  # its dataclasses look their module up while being defined
    spec.loader.exec_module(locks)
    relay_lock = locks.pins(ROOT / "packaging/relay/requirements.txt")
    loaded = {name.lower().replace("_", "-") for name in report["distributions"]} - {"posapp"} - OPTIONAL
    assert loaded <= set(relay_lock), f"the relay imports {loaded - set(relay_lock)}, missing from its lock"
