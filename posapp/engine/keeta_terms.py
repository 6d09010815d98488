"""What the screens may know of Keeta's contract, handed to them by the engine.

The screens import only ``domain`` and ``engine`` (tests/domain/test_layers.py): the reason codes a
cashier chooses from, the refund preview the partial-refund dialog shows and the errors the screens
put in cashier words all live in ``posapp/keeta/`` (one module per platform unknown, see keeta.md);
this module is the one door to them, so a change there shows here.
"""

from __future__ import annotations

from posapp.keeta import codes as keeta_codes
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode, reason_required
from posapp.keeta.errors import (
    KeetaAuthError,
    KeetaBusinessError,
    KeetaError,
    KeetaServerError,
    KeetaTransportError,
    MissingReasonError,
)
from posapp.keeta.order_parser import PreviewLine, RefundPreview

__all__ = [
    "CancelCode",
    "KeetaAuthError",
    "KeetaBusinessError",
    "KeetaError",
    "KeetaServerError",
    "KeetaTransportError",
    "MissingReasonError",
    "PartRefundType",
    "PreviewLine",
    "RefundPreview",
    "RejectCode",
    "keeta_codes",
    "reason_required",
]
