"""The chime through a real sound server: a private PulseAudio with a null sink (skipped where
PulseAudio is not installed; CI installs it). Ringing again and again must not leave the Qt thread
spinning (QSoundEffect did: "QSocketNotifier: Invalid socket … disabling", millions of times)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
needs_pulse = pytest.mark.skipif(
    shutil.which("pulseaudio") is None or shutil.which("pactl") is None, reason="apt-get install pulseaudio"
)


@pytest.fixture
def sound_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(tmp_path)}
    env.pop("PULSE_SERVER", None)
    server = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n", "--log-target=stderr",
         "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=posapp_test",
         "--load=module-always-sink"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        # The server's socket appears when it is ready; pactl asking is the only way to know.
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            assert time.monotonic() < deadline and server.poll() is None, "PulseAudio did not start"
            time.sleep(0.1)
        yield env
    finally:
        server.terminate()
        server.wait(10)


@needs_pulse
def test_the_chime_plays_again_and_again_and_the_app_then_idles(sound_server: dict[str, str]) -> None:
    env = {**sound_server, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.chime_run"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, done.stderr[-2000:]
    result = json.loads(line.removeprefix("RESULT "))
    assert result["problem"] is None and result["confirmed"] is None
    assert "Invalid socket" not in done.stderr and "cannot be enabled or disabled" not in done.stderr
    assert result["idle_cpu_s"] < 0.5  # asleep, not spinning (a spin burns the whole 2 s)
