"""The shipped systemd units start the relay as written: their ExecStart lines, expanded the way
systemd expands them with the example env file, parse as ``posapp relay`` arguments."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from posapp.relay import cli

RELAY_DIR = Path(__file__).resolve().parents[2] / "packaging" / "relay"
INSTALL = "/opt/posapp-relay/.venv/bin/posapp"  # the one install path, also in README and the comments
# Units a clean Debian provides; anything else a unit names must be shipped beside it.
STANDARD_UNITS = {"network-online.target", "multi-user.target", "postgresql.service"}


def unit_lines(path: Path) -> dict[str, list[str]]:
    """``Key=value`` settings of a unit file (continuation lines joined), comments dropped."""
    settings: dict[str, list[str]] = {}
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith(("#", ";", "["))):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        key, _, value = (pending + line).partition("=")
        settings.setdefault(key.strip(), []).append(value.strip())
        pending = ""
    return settings


def env_file(text: str) -> dict[str, str]:
    env: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip().strip('"')
    return env


def systemd_argv(command: str, env: dict[str, str], instance: str) -> list[str]:
    """systemd.service(5): ``$VAR`` alone is split at whitespace (zero or more words), ``${VAR}`` is
    replaced in place and stays exactly one word, even when empty; ``%i`` is the instance name."""
    argv: list[str] = []
    for word in shlex.split(command.replace("%i", instance)):
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole:
            argv.extend(env.get(whole.group(1), "").split())
            continue
        argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word))
    return argv


UNITS = [("posapp-relay.service", ""), ("posapp-relay@.service", "8081")]


def _example_env() -> dict[str, str]:
    return env_file((RELAY_DIR / "relay.env.example").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("unit", "instance"), UNITS)
@pytest.mark.parametrize("zeek_appid", ["example", ""])
def test_exec_start_with_the_example_env_file_parses_as_relay_arguments(
    unit: str, instance: str, zeek_appid: str, monkeypatch: pytest.MonkeyPatch
):
    env = _example_env()
    if zeek_appid != "example":
        env["ZEEK_APPID"] = zeek_appid  # a shop without Zeek leaves it empty
    for key, value in env.items():
        monkeypatch.setenv(key, value)  # systemd puts the env file in the process environment
    (exec_start,) = unit_lines(RELAY_DIR / unit)["ExecStart"]
    argv = systemd_argv(exec_start, env, instance)
    assert argv[:2] == [INSTALL, "relay"]
    args = cli._serve_parser().parse_args(argv[2:])
    assert args.port == int(instance or 8080) and args.host == "127.0.0.1"
    assert args.db == env["RELAY_DB"] and args.public_url == env["RELAY_PUBLIC_URL"]
    assert args.keeta_app_id == int(env["KEETA_APP_ID"])
    assert args.keeta_secret == env["POSAPP_RELAY_KEETA_SECRET"]
    assert args.zeek_appid == (int(env["ZEEK_APPID"]) if env["ZEEK_APPID"] else None)


@pytest.mark.parametrize(("unit", "instance"), UNITS)
def test_units_name_only_units_that_exist_and_the_one_install_path(unit: str, instance: str):
    settings = unit_lines(RELAY_DIR / unit)
    shipped = {p.name for p in RELAY_DIR.iterdir()}
    for key in ("After", "Wants", "Requires", "PartOf", "BindsTo", "WantedBy"):
        for value in settings.get(key, []):
            for name in value.split():
                assert name in STANDARD_UNITS or name in shipped, f"{unit}: {key}={name} is not shipped"
    assert settings["EnvironmentFile"] == ["/etc/posapp-relay.env"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in RELAY_DIR.iterdir())
    venv = INSTALL.split("/bin/")[0]
    assert "/opt/posapp/" not in text and venv in (RELAY_DIR / "README.md").read_text(encoding="utf-8")
