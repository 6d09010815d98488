"""An attacked relay, measured: the relay process under a 1024 fd limit, hostile clients, and a normal
store's round trips through it. Used by ``bench_relay_attack.py``.

The relay runs from any source tree (``src``), so the same figures can be taken on the code before a
change (a checkout of main in a temporary worktree) and after it, in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.bench.relayproc import FIRST_SHOP, bench_token
from tests.relay.helpers import keeta_push

HOST = "127.0.0.1"
RELAY_FD_LIMIT = 1024  # as deployed with systemd's default LimitNOFILE soft limit
BIG_BODY = 100 * 1024 * 1024
CHUNK = b"x" * (1024 * 1024)


@dataclass
class RelayProcess:
    proc: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_bytes(self) -> int:
        return self.log_path.stat().st_size

    def memory_mb(self, field_name: str = "VmHWM") -> float:
        """Peak (VmHWM) or current (VmRSS) resident memory of the relay process, MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {field_name} for pid {self.proc.pid}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _fd_limit() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (RELAY_FD_LIMIT, RELAY_FD_LIMIT))


def start_relay(src: Path, port: int, log_path: Path) -> RelayProcess:
    """``tests.bench.relayproc`` from ``src``: an in-memory relay with one store, fd limit 1024."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    args = [
        sys.executable,
        "-m",
        "tests.bench.relayproc",
        "--db",
        "memory://",
        "--port",
        str(port),
        "--seed",
        "1",
    ]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(args, cwd=src, env=env, stdout=log, stderr=log, preexec_fn=_fd_limit)
    relay = RelayProcess(proc, port, log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"relay exited: {log_path.read_text()[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(relay.base_url + "/healthz", timeout=1).status_code == 200:
                return relay
        time.sleep(0.1)  # the process offers no readiness signal but its port
    relay.stop()
    raise RuntimeError("relay did not start")


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {bench_token(FIRST_SHOP)}"}


@dataclass
class RoundTrips:
    """Webhook → ``/v1/events`` round trips of a normal store, seconds; failures counted apart."""

    seconds: list[float] = field(default_factory=list)
    failed: int = 0

    def quantile(self, q: float) -> float | None:
        if len(self.seconds) < 2:
            return self.seconds[0] if self.seconds else None
        return statistics.quantiles(self.seconds, n=100, method="inclusive")[int(q * 100) - 1]


async def round_trips(base_url: str, count: int, budget_s: float, timeout_s: float = 20.0) -> RoundTrips:
    """Push one order, then read it back from ``/v1/events`` after the last cursor; one at a time.

    Each request on a new connection, as pushes from a platform's many senders arrive: a relay out of
    fds or accept slots shows here, not only in a slower answer on an old keep-alive connection.
    """
    found = RoundTrips()
    cursor = 0
    deadline = time.monotonic() + budget_s
    fresh = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=timeout_s, limits=fresh) as client:
        while len(found.seconds) + found.failed < count and time.monotonic() < deadline:
            push = keeta_push(1002, shop_id=FIRST_SHOP)
            began = time.perf_counter()
            try:
                posted = await client.post(base_url + "/keeta/webhook", content=push)
                read = await client.get(f"{base_url}/v1/events?after={cursor}&wait=10", headers=auth())
            except httpx.HTTPError:
                found.failed += 1
                continue
            if posted.status_code != 200 or read.status_code != 200:
                found.failed += 1
                continue
            found.seconds.append(time.perf_counter() - began)
            cursor = int(read.json()["cursor"])
    return found


async def healthz_seconds(base_url: str, timeout_s: float) -> float | None:
    """One ``/healthz`` on a fresh connection; None when it got no answer within ``timeout_s``."""
    began = time.perf_counter()
    try:
        async with httpx.AsyncClient(timeout=timeout_s) as client:
            answer = await client.get(base_url + "/healthz")
    except httpx.HTTPError:
        return None
    return time.perf_counter() - began if answer.status_code == 200 else None


def bad_requests() -> list[tuple[str, str, bytes]]:
    """Requests that answered 500 with a traceback before issue 12 (method, path, body)."""
    valid = json.loads(keeta_push(1002, shop_id=FIRST_SHOP))
    huge_app_id = json.dumps(valid).replace(f'"appId": {valid["appId"]}', '"appId": 1e309').encode()
    surrogate_sig = json.dumps(valid).replace(valid["sig"], "\\ud83c").encode()
    return [
        ("POST", "/keeta/webhook", huge_app_id),
        ("POST", "/keeta/webhook", surrogate_sig),
        ("POST", "/keeta/webhook", b"[" * 100_000 + b"]" * 100_000),
        ("GET", "/v1/events?after=99999999999999999999&wait=0", b""),
        ("GET", "/v1/events?wait=nan", b""),
        ("POST", "/v1/ack", b'{"cursor": 9223372036854775808}'),
    ]


async def log_bytes_per_bad_request(relay: RelayProcess, rounds: int) -> tuple[float, dict[str, int]]:
    before = relay.log_bytes()
    statuses: dict[str, int] = {}
    async with httpx.AsyncClient(timeout=20) as client:
        for _ in range(rounds):
            for method, path, body in bad_requests():
                try:
                    answer = await client.request(
                        method, relay.base_url + path, content=body or None, headers=auth()
                    )
                    status = str(answer.status_code)
                except httpx.HTTPError:
                    status = "no answer"
                statuses[status] = statuses.get(status, 0) + 1
    await asyncio.sleep(0.5)  # the relay's log handler writes after answering; let it flush
    sent = rounds * len(bad_requests())
    return (relay.log_bytes() - before) / sent, statuses


@dataclass
class Attack:
    """8 clients sending 100 MB bodies and 1,100 sockets kept half-open, until stopped."""

    port: int
    big_clients: int = 8
    half_open: int = 1100
    bodies_started: int = 0
    sockets_opened: int = 0
    in_place: asyncio.Event = field(default_factory=asyncio.Event)  # every socket and body under way
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks += [loop.create_task(self._big_bodies()) for _ in range(self.big_clients)]
        self._tasks += [loop.create_task(self._hold_half_open()) for _ in range(self.half_open)]

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _check_in_place(self) -> None:
        if self.sockets_opened >= self.half_open and self.bodies_started >= self.big_clients:
            self.in_place.set()

    async def _big_bodies(self) -> None:
        head = (
            f"POST /keeta/webhook HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {BIG_BODY}\r\n\r\n"
        ).encode()
        while not self._stop.is_set():
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, self.port), 10)
            except (OSError, TimeoutError):
                await asyncio.sleep(0.1)  # the relay accepts nothing: retry as an attacker would
                continue
            self.bodies_started += 1
            self._check_in_place()
            try:
                writer.write(head)
                for _ in range(BIG_BODY // len(CHUNK)):
                    writer.write(CHUNK)
                    await writer.drain()
                await asyncio.wait_for(reader.read(65536), 30)
            except (OSError, TimeoutError):
                pass  # refused and closed mid-body: start the next one
            finally:
                writer.close()

    async def _hold_half_open(self) -> None:
        partial = f"POST /keeta/webhook HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 100\r\n".encode()
        while not self._stop.is_set():
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, self.port), 10)
            except (OSError, TimeoutError):
                await asyncio.sleep(0.5)
                continue
            self.sockets_opened += 1
            self._check_in_place()
            try:
                writer.write(partial)
                await reader.read()  # until the relay closes it; then open the next one
            except OSError:
                pass
            finally:
                writer.close()
            await asyncio.sleep(0.1)  # reconnect, as a slowloris does


class AttackProcess:
    """:class:`Attack` in a process of its own, so the attacker's work does not slow the measuring
    client's event loop (the relay alone must bear it)."""

    def __init__(self, port: int) -> None:
        args = [sys.executable, "-m", "tests.bench.attack", "--port", str(port)]
        # Niced: on a real network the attacker's CPU is its own, not the relay host's; here the two
        # share this machine's cores, and the attack should cost the relay only what it makes it do.
        # POSAPP_BENCH_ATTACKER_NICE=0 measures the harsher case of an attacker competing for the CPU.
        niceness = int(os.environ.get("POSAPP_BENCH_ATTACKER_NICE", "19"))
        self.proc = subprocess.Popen(
            args,
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.PIPE,
            preexec_fn=lambda: os.nice(niceness),
        )

    async def ready(self, timeout_s: float) -> float:
        """Seconds until every half-open socket has connected and every big body has started."""
        began = time.monotonic()
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(self.proc.stdout.readline), timeout_s)
        if line.strip() != b"ready":
            raise RuntimeError(f"attack process said {line!r}")
        return time.monotonic() - began

    def stop(self) -> dict[str, int]:
        self.proc.send_signal(signal.SIGINT)
        try:
            out, _ = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        lines = out.decode().strip().splitlines()
        return dict(json.loads(lines[-1])) if lines else {"bodies_started": -1, "sockets_opened": -1}


async def _attack_until_interrupted(port: int) -> None:
    attack = Attack(port)
    attack.start()
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stop.set)
    await attack.in_place.wait()
    print("ready", flush=True)
    await stop.wait()
    print(json.dumps({"bodies_started": attack.bodies_started, "sockets_opened": attack.sockets_opened}))
    sys.stdout.flush()
    os._exit(0)  # exiting closes every socket at once; a niced, busy loop cancels 1,108 tasks slowly


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    resource.setrlimit(
        resource.RLIMIT_NOFILE, (8192, max(8192, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    )
    asyncio.run(_attack_until_interrupted(args.port))


if __name__ == "__main__":
    main()
