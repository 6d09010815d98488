"""The Qt type of a signal that carries an orderViewId (or another platform id).

``Signal(int)`` is a C++ ``int``: 32 bits, and Keeta's orderViewIds are above 2**31. Every id the app
reads is bounded to 0 … 2**63-1 at the parsing edge (``domain/bounds.py``), so Qt's signed 64-bit
integer carries each one exactly, and the slot receives a Python ``int``.
"""

from __future__ import annotations

from typing import cast

# Qt's own name of the C++ type: PySide takes it where its stubs only say ``type``.
ORDER_ID = cast(type, "qint64")
