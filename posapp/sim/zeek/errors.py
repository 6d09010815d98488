"""The one exception the simulator's handlers raise; routes turn it into Zeek's error envelope."""

from __future__ import annotations

from typing import Any

from posapp.sim.zeek.codes import Error


class ZeekApiError(Exception):
    def __init__(self, code: Error, message: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def envelope(self) -> dict[str, Any]:
        return {"error": int(self.code), "err_msg": self.message, "data": self.data}
