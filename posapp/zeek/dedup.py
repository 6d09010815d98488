"""What makes two Zeek callbacks the same event: the one dedupe key, shared by the relay and the app.

Zeek sends no message id; a retry re-signs the same ``data`` with a fresh ``auth``, so the key is a
SHA-256 over the whole ``data`` in canonical JSON (sorted keys, no spaces, UTF-8; a lone surrogate
is hashed as its code unit rather than failing); the relay has always keyed callbacks this way.
Every field counts: a callback re-posted with ``partner`` or ``cancel`` changed is not "the same"
as the one it was copied from, so neither side can drop one silently while the other keeps it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def callback_key(data: Mapping[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
