"""What the screens may know of Zeek's contract, handed to them by the engine.

The screens import only ``domain`` and ``engine`` (tests/domain/test_layers.py): Zeek's error codes
(a stand-in table, zeek.md §7) and the errors the delivery tab puts in cashier words live in
``posapp/zeek/``; this module is the one door to them.
"""

from __future__ import annotations

from posapp.zeek import codes as zeek_codes
from posapp.zeek.errors import (
    ZeekAuthError,
    ZeekCancelRefused,
    ZeekError,
    ZeekNotFound,
    ZeekParameterError,
    ZeekProtocolError,
    ZeekRateLimited,
    ZeekServerError,
    ZeekTransportError,
    error_for_code,
)

__all__ = [
    "ZeekAuthError",
    "ZeekCancelRefused",
    "ZeekError",
    "ZeekNotFound",
    "ZeekParameterError",
    "ZeekProtocolError",
    "ZeekRateLimited",
    "ZeekServerError",
    "ZeekTransportError",
    "error_for_code",
    "zeek_codes",
]
