"""Relay processes, nginx with the shipped config, Keeta-like senders and streaming apps, for the
outage and deploy benchmarks (bench_pg_restart.py, bench_rolling_deploy.py).

Every relay is the real CLI (``python -m posapp.relay``) in a process of its own, stopped with
SIGTERM as systemd does. The proxy is Debian's nginx running ``packaging/relay/nginx.conf`` with only
what a test host must change: plain HTTP on a free port instead of TLS, and the upstream ports.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from posapp.relay.server import free_port
from tests.bench.rawhttp import Connection, SseReader, post_bytes
from tests.relay.helpers import KEETA_APP_ID, KEETA_SECRET, PUBLIC_URL, keeta_push
from tests.waiting import until

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class RelayProc:
    def __init__(self, db_url: str, port: int | None = None, reread: float = 5.0) -> None:
        self.db_url = db_url
        self.port = port or free_port()
        self.reread = reread
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        args = [sys.executable, "-m", "posapp.relay", "--port", str(self.port), "--db", self.db_url]
        args += [
            "--public-url",
            PUBLIC_URL,
            "--keeta-app-id",
            str(KEETA_APP_ID),
            "--reread",
            str(self.reread),
        ]
        args += ["--log-level", "warning"]
        env = {**os.environ, "POSAPP_RELAY_KEETA_SECRET": KEETA_SECRET}
        # The relay's warnings (each push refused while the database is down) go to a file, not the report.
        self.log_path = Path(tempfile.gettempdir()) / f"posapp-bench-relay-{self.port}.log"
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stderr=log)

    async def ready(self, within: float = 60.0) -> float:
        """Waits for /readyz 200; returns the seconds it took."""
        start = time.monotonic()
        while time.monotonic() - start < within:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"relay on {self.port} exited with {self.proc.returncode}")
            try:
                conn = await Connection.open(self.port)
                try:
                    status, _ = await conn.request(
                        f"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode()
                    )
                finally:
                    conn.close()
                if status == 200:
                    return time.monotonic() - start
            except (OSError, asyncio.IncompleteReadError):
                pass
            await asyncio.sleep(0.05)  # the process offers no readiness signal but its port
        raise RuntimeError(f"relay on {self.port} not ready")

    async def stop(self) -> float:
        """SIGTERM, as ``systemctl restart`` sends; returns how long the process took to exit."""
        assert self.proc is not None
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        await asyncio.to_thread(self.proc.wait)
        return time.monotonic() - start

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def nginx_config(upstream_ports: list[int], listen_port: int, work: Path) -> str:
    """The shipped nginx.conf, with TLS swapped for plain HTTP on a test port, in a minimal main file."""
    site = (ROOT / "packaging" / "relay" / "nginx.conf").read_text(encoding="utf-8")
    site = re.sub(r"listen 443 ssl;", f"listen 127.0.0.1:{listen_port};", site)
    site = re.sub(r"^\s*(http2 on|ssl_certificate\S*) .*\n", "", site, flags=re.M)
    site = re.sub(r"^\s*http2 on;\n", "", site, flags=re.M)
    ports = iter(upstream_ports)
    site = re.sub(r"server 127\.0\.0\.1:80\d\d", lambda m: f"server 127.0.0.1:{next(ports)}", site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\nworker_rlimit_nofile 16384;\n"
        f"pid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        "events { worker_connections 8192; }\n"
        "http {\n"
        f"  access_log {work}/access.log;\n"
        f"  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;\n"
        f"  fastcgi_temp_path {work}/fcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;\n"
        f"{site}\n}}\n"
    )


class Nginx:
    def __init__(self, upstream_ports: list[int]) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="posapp-nginx-"))
        self.port = free_port()
        (self.work / "nginx.conf").write_text(nginx_config(upstream_ports, self.port, self.work))
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        conf = str(self.work / "nginx.conf")
        subprocess.run([NGINX, "-t", "-q", "-c", conf, "-p", str(self.work)], check=True)
        self.proc = subprocess.Popen([NGINX, "-c", conf, "-p", str(self.work)])

    async def listening(self, within: float = 10.0) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                (await Connection.open(self.port)).close()
                return
            except OSError:
                await asyncio.sleep(0.05)  # nginx offers no readiness signal but its port
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.work, ignore_errors=True)


@dataclass
class Sent:
    shop: int
    first_ns: int
    ok_ns: int = 0  # send time of the attempt answered 200
    attempts: int = 0
    statuses: list[int] = field(default_factory=list)


class Sender:
    """Keeta: each push has one messageId, sent until answered 200 (Keeta's own retries are a minute
    apart; ``retry_after`` shortens that so a benchmark can watch every push through)."""

    def __init__(self, port: int, shops: list[int], rate: float, retry_after: float | None, lanes: int = 8):
        self.port = port
        self.shops = shops
        self.rate = rate
        self.retry_after = retry_after
        self.lanes = lanes
        self.sent: dict[str, Sent] = {}
        self.non_2xx = 0  # answers other than 2xx (or no answer) that reached the sender
        self._stop = False

    async def _request(self, conn: Connection | None, raw: bytes) -> tuple[Connection | None, int]:
        try:
            if conn is None:
                conn = await Connection.open(self.port)
            status, _ = await asyncio.wait_for(conn.request(raw), 15)
            if conn.server_closes:
                conn.close()
                return None, status
            return conn, status
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            if conn is not None:
                conn.close()
            return None, 0

    async def _send(self, conn: Connection | None, mid: str, shop: int) -> Connection | None:
        raw = post_bytes("/keeta/webhook", keeta_push(1002, shop_id=shop, message_id=mid), self.port)
        record = self.sent[mid]
        while True:
            attempt = time.monotonic_ns()
            conn, status = await self._request(conn, raw)
            record.attempts += 1
            record.statuses.append(status)
            if 200 <= status < 300:
                record.ok_ns = attempt
                return conn
            self.non_2xx += 1
            if self.retry_after is None:
                return conn
            await asyncio.sleep(self.retry_after)  # the sender's retry schedule, not a condition

    async def run(self, seconds: float) -> None:
        count = int(self.rate * seconds)
        t0 = time.monotonic()

        async def lane(k: int) -> None:
            conn: Connection | None = None
            for i in range(k, count, self.lanes):
                delay = t0 + i / self.rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)  # the send schedule itself
                mid = f"p{i}-{uuid.uuid4().hex[:8]}"
                shop = self.shops[i % len(self.shops)]
                self.sent[mid] = Sent(shop, time.monotonic_ns())
                conn = await self._send(conn, mid, shop)
            if conn is not None:
                conn.close()

        await asyncio.gather(*(lane(k) for k in range(self.lanes)))


@dataclass
class StreamLog:
    received: dict[str, int] = field(default_factory=dict)  # messageId → receive time (ns)
    doubled: list[str] = field(default_factory=list)
    connects: int = 0
    cursor: int = 0


class App:
    """One store's app: an SSE stream that reconnects with Last-Event-ID, as posapp's sync does."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.token = token
        self.log = StreamLog()
        self.connected = asyncio.Event()

    async def run(self) -> None:
        while True:
            try:
                reader = await SseReader.open(self.port, self.token, self.log.cursor or None)
            except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError):
                await asyncio.sleep(0.2)  # the app's reconnect delay
                continue
            if reader.status != 200:
                reader.close()
                await asyncio.sleep(0.2)
                continue
            self.log.connects += 1
            self.connected.set()
            try:
                async for message in reader.messages():
                    if message.comment or not message.data:
                        continue
                    now = time.monotonic_ns()
                    seq = int(message.id)
                    if seq <= self.log.cursor:
                        self.log.doubled.append(message.id)
                        continue
                    self.log.cursor = seq
                    mid = _dedup_key("\n".join(message.data))
                    if mid in self.log.received:
                        self.log.doubled.append(mid)
                    self.log.received[mid] = now
            except (OSError, asyncio.IncompleteReadError, ValueError):
                pass
            finally:
                reader.close()
            await asyncio.sleep(0.2)


def _dedup_key(data: str) -> str:
    found = re.search(r'"dedup_key":"([^"]+)"', data)
    return found.group(1) if found else ""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def raise_open_files() -> None:
    """A thousand streams through a proxy hold three thousand sockets on this host."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))


async def stored_keys(db_url: str) -> dict[str, int]:
    """messageId → how many events the database holds for it."""
    import asyncpg

    conn = await asyncpg.connect(db_url)
    try:
        rows = await conn.fetch("SELECT dedup_key, count(*) FROM relay_events GROUP BY dedup_key")
    finally:
        await conn.close()
    return {r[0]: int(r[1]) for r in rows}


@dataclass
class Outcome:
    acked: int
    lost_in_db: int  # answered 2xx, not stored
    doubled_in_db: int
    lost_in_streams: int  # answered 2xx, never reached its store's app
    doubled_in_streams: int

    def line(self) -> str:
        return (
            f"acked {self.acked}, lost: {self.lost_in_db} in the database, {self.lost_in_streams} in the"
            f" apps; doubled: {self.doubled_in_db} in the database, {self.doubled_in_streams} in the apps"
        )


async def settle(sender: Sender, apps: dict[int, App], db_url: str, within: float = 60.0) -> Outcome:
    """Waits until every acknowledged push reached its app (or ``within``), then counts."""
    acked = {mid: s for mid, s in sender.sent.items() if s.ok_ns}

    def missing() -> int:
        return sum(1 for mid, s in acked.items() if mid not in apps[s.shop].log.received)

    with contextlib.suppress(AssertionError):  # what is still missing then is counted as lost
        await until(lambda: not missing(), within=within)
    stored = await stored_keys(db_url)
    return Outcome(
        acked=len(acked),
        lost_in_db=sum(1 for mid in acked if stored.get(mid, 0) == 0),
        doubled_in_db=sum(1 for n in stored.values() if n > 1),
        lost_in_streams=missing(),
        doubled_in_streams=sum(len(app.log.doubled) for app in apps.values()),
    )
