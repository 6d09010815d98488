"""A throwaway PostgreSQL server of the test's own, to stop and start at will.

The shared server on 5432 serves every helper's tests; a test about database outages needs a server
it may stop. This one is made with Debian's ``initdb``/``pg_ctl`` (``/usr/lib/postgresql/<v>/bin``,
the ``postgresql`` package that .ci/run installs) in a temporary directory, on a free port, with a
Unix socket in that directory. initdb refuses to run as root, so as root the commands run as the
``postgres`` user that the package creates.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from posapp.serving import free_port

_PG_ROOT = Path("/usr/lib/postgresql")


def _bin_dir() -> Path | None:
    if not _PG_ROOT.is_dir():
        return None
    versions = sorted(
        (p for p in _PG_ROOT.iterdir() if (p / "bin" / "initdb").exists()), key=lambda p: p.name
    )
    return versions[-1] / "bin" if versions else None


def unavailable_reason() -> str | None:
    """Why a cluster cannot be made here (None: it can)."""
    if _bin_dir() is None:
        return f"no PostgreSQL server binaries under {_PG_ROOT} (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user to run initdb as"
    return None


class PgCluster:
    def __init__(self) -> None:
        bin_dir = _bin_dir()
        if bin_dir is None:
            raise RuntimeError(unavailable_reason())
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="posapp-pgcluster-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.root.chmod(0o700)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _command(self, tool: str, *args: str) -> list[str]:
        command = [str(self.bin / tool), *args]
        return ["runuser", "-u", "postgres", "--", *command] if self._as_postgres else command

    def _ctl(self, *args: str) -> list[str]:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self._command(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options, *args
        )

    def create(self) -> None:
        """initdb and start (about two seconds)."""
        subprocess.run(
            self._command("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync"),
            check=True,
            capture_output=True,
        )
        subprocess.run(self._ctl("-w", "start"), check=True, capture_output=True)

    async def _run(self, command: list[str]) -> None:
        proc = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
        )
        _, err = await proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"{command[-1]} failed: {err.decode(errors='replace')}")

    async def stop(self) -> None:
        """Fast shutdown, the way a restart or a failover ends every session; returns once it is down."""
        await self._run(self._ctl("-m", "fast", "-w", "stop"))

    async def start(self) -> None:
        """Returns once the server accepts connections."""
        await self._run(self._ctl("-w", "start"))

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(self._ctl("-m", "immediate", "-w", "stop"), capture_output=True, timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)
