"""The proxy examples carry the relay's limits, and nginx accepts its file as shipped (Debian 12's 1.22)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

RELAY = Path(__file__).resolve().parents[2] / "packaging" / "relay"


def test_nginx_example_has_the_limits_and_passes_nginx_t(tmp_path: Path) -> None:
    text = (RELAY / "nginx.conf").read_text(encoding="utf-8")
    for directive in ("client_max_body_size 1m;", "client_header_timeout 10s;", "client_body_timeout 10s;"):
        assert directive in text
    assert not re.search(r"^\s*http2 on;", text, re.MULTILINE)  # nginx < 1.25.1 rejects it
    if shutil.which("nginx") is None or shutil.which("openssl") is None:
        pytest.skip("nginx or openssl not installed")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=relay",
         "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = text.replace("/etc/letsencrypt/live/relay.example.com/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_caddy_example_has_the_limits() -> None:
    text = (RELAY / "Caddyfile").read_text(encoding="utf-8")
    assert re.search(r"request_body\s*\{\s*max_size 1MiB\s*\}", text)
    assert re.search(r"read_header 10s", text) and re.search(r"read_body 10s", text)
    assert text.lstrip().startswith("#") and text.index("{") < text.index("relay.example.com {")
