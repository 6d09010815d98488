"""A fake network printer: a real TCP server on 127.0.0.1 that records every byte it is sent.

It runs in its own thread, so both blocking callers (the CLI) and the queue's executor can use it.
Like an Epson printer it answers the real-time status queries DLE EOT 1 and DLE EOT 4.
"""

from __future__ import annotations

import socket
import socketserver
import threading
from dataclasses import dataclass, field

DLE_EOT_PRINTER = b"\x10\x04\x01"
DLE_EOT_OFFLINE_CAUSE = b"\x10\x04\x02"
DLE_EOT_PAPER = b"\x10\x04\x04"
ONLINE = 0x12  # fixed bits only: online, no error
OFFLINE = 0x1A  # bit 3
NO_CAUSE = 0x12
COVER_OPEN = 0x16  # DLE EOT 2, bit 2
PAPER_OK = 0x12
PAPER_OUT = 0x72


@dataclass
class Recorder:
    answer_status: bool = True
    status: int = ONLINE  # what DLE EOT 1 answers: 0x48 plays a web server's "H" of "HTTP"
    offline_cause: int = NO_CAUSE
    paper: int = PAPER_OK
    connections: list[bytes] = field(default_factory=list)
    lock: threading.Condition = field(default_factory=threading.Condition)

    def add(self, received: bytes) -> None:
        with self.lock:
            self.connections.append(received)
            self.lock.notify_all()

    def wait_tickets(self, count: int, timeout: float = 10.0) -> list[bytes]:
        """Block until ``count`` tickets have been fully received (the client closed its connection)."""
        with self.lock:
            self.lock.wait_for(lambda: len(self._printed(self.connections)) >= count, timeout)
        return self.tickets

    @property
    def tickets(self) -> list[bytes]:
        """What each connection printed, status queries removed; connections that printed nothing dropped."""
        with self.lock:
            return self._printed(self.connections)

    @staticmethod
    def _printed(raw: list[bytes]) -> list[bytes]:
        queries = (DLE_EOT_PRINTER, DLE_EOT_OFFLINE_CAUSE, DLE_EOT_PAPER)
        cleaned = [_without(c, queries) for c in raw]
        return [c for c in cleaned if c]


def _without(data: bytes, parts: tuple[bytes, ...]) -> bytes:
    for part in parts:
        data = data.replace(part, b"")
    return data


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        recorder: Recorder = self.server.recorder  # type: ignore[attr-defined]
        received = bytearray()
        while chunk := self.request.recv(65536):
            received += chunk
            if recorder.answer_status and chunk.endswith(DLE_EOT_PRINTER):
                self.request.sendall(bytes([recorder.status]))
            elif recorder.answer_status and chunk.endswith(DLE_EOT_OFFLINE_CAUSE):
                self.request.sendall(bytes([recorder.offline_cause]))
            elif recorder.answer_status and chunk.endswith(DLE_EOT_PAPER):
                self.request.sendall(bytes([recorder.paper]))
        recorder.add(bytes(received))


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class PrinterServer:
    """Start with ``port=0`` for a free port, or a given port to bring a "down" printer back."""

    def __init__(self, port: int = 0, recorder: Recorder | None = None) -> None:
        self.recorder = recorder or Recorder()
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.recorder = self.recorder  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connecting is refused, like a printer switched off."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
