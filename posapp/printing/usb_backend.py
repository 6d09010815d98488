"""The libusb that pyusb talks through: the one ``libusb-package`` ships inside the wheel.

Windows has no system libusb, and the frozen Linux app must not depend on the shop PC having
``libusb-1.0-0`` installed; the system library is only the fallback.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def usb_backend() -> Any:
    """pyusb's libusb1 backend (None when no libusb can be loaded: ``usb.core.find`` then says so)."""
    import usb.backend.libusb1

    try:
        import libusb_package
    except ImportError as exc:
        log.warning("libusb-package unavailable (%s): using the system libusb", exc)
        return usb.backend.libusb1.get_backend()
    backend = usb.backend.libusb1.get_backend(find_library=libusb_package.find_library)
    return backend if backend is not None else usb.backend.libusb1.get_backend()


def describe_backend() -> str:
    """Which libusb file the backend loaded, for ``--selftest`` (raises when none loads)."""
    backend = usb_backend()
    if backend is None:
        raise RuntimeError("no libusb could be loaded (libusb-package missing from the build?)")
    library = getattr(getattr(backend, "lib", None), "_name", "libusb")
    return str(library)
