"""One posapp per user and data folder: a second launch asks the first to come to the front and exits.

The running app listens on a QLocalServer (a named pipe on Windows, a Unix socket on Linux). A new
launch first tries to connect: if someone answers, it sends ``raise`` and quits. A socket file left by
a crashed run answers nobody, so it is removed and taken over.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
TIMEOUT_MS = 1500


def server_name(data_dir: Path) -> str:
    """Per user and per data folder, so the demo and tests never meet the shop's real app."""
    key = f"{getpass.getuser()}|{data_dir.resolve()}".encode()
    return f"posapp-{hashlib.sha256(key).hexdigest()[:16]}"


def notify_running(name: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Ask a running instance to raise its window; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    delivered = socket.waitForBytesWritten(timeout_ms)
    if socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
        socket.disconnectFromServer()  # waits for the first instance to read and hang up
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
    return bool(delivered)


class SingleInstance(QObject):
    """Listens for later launches; ``activated`` fires once per launch that asked us to come forward."""

    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            log.info("single instance: listening as %s", self.name)
            return True
        QLocalServer.removeServer(self.name)  # a socket file left behind by a crash
        ok = bool(self._server.listen(self.name))
        log.info("single instance: listening as %s after clean-up: %s", self.name, ok)
        return ok

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        # The new launch writes right after connecting and then waits for us: a short blocking read
        # keeps this free of per-socket callbacks that could outlive the server.
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket.bytesAvailable() or socket.waitForReadyRead(TIMEOUT_MS):
                message = bytes(socket.readAll().data())
            else:
                message = b""
            socket.disconnectFromServer()
            socket.deleteLater()
            if message.startswith(RAISE.strip()):
                log.info("single instance: a second launch asked for the window")
                self.activated.emit()


def claim(name: str, parent: QObject | None = None) -> SingleInstance | None:
    """The guard for this run, or None when another instance is running (and has been told to raise)."""
    if notify_running(name):
        log.info("posapp is already running: brought its window to the front")
        return None
    guard = SingleInstance(name, parent)
    guard.listen()
    return guard
