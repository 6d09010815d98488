"""Reading Keeta JSON with a path for every field, so a bad payload names exactly what is wrong.

Required fields are strict (missing, null or the wrong type is an error). Optional fields are lenient:
missing or null gives the default, and a value of the wrong type is coerced if that is unambiguous
(``"123"`` → 123) or else replaced by the default with a warning, so one odd optional field never
costs the restaurant an order.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)


class KeetaPayloadError(ValueError):
    """A Keeta payload is malformed; ``field`` is the dotted path of the offending value."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def as_int(value: Any) -> int | None:
    """An integer from JSON that may carry it as a number or a string; ``None`` if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit() and len(text) <= 40:
            return int(text)
    return None


def ms_to_seconds(value: int) -> int:
    """Keeta times are epoch milliseconds; a value already in seconds (before year 5138) is kept."""
    return value // 1000 if abs(value) >= 100_000_000_000 else value


class Obj:
    """A JSON object plus the path that leads to it."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise KeetaPayloadError(path or "body", f"expected an object, got {_kind(data)}")
        self.data: dict[str, Any] = data
        self.path = path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def req_int(self, key: str) -> int:
        value = self._required(key)
        number = as_int(value)
        if number is None:
            raise KeetaPayloadError(self.where(key), f"expected an integer, got {_kind(value)}")
        return number

    def req_str(self, key: str) -> str:
        value = self._required(key)
        if isinstance(value, str):
            return value
        if as_int(value) is not None:
            return str(value)
        raise KeetaPayloadError(self.where(key), f"expected a string, got {_kind(value)}")

    def req_list(self, key: str) -> list[Any]:
        value = self._required(key)
        if not isinstance(value, list):
            raise KeetaPayloadError(self.where(key), f"expected a list, got {_kind(value)}")
        return value

    def opt_int(self, key: str, default: int = 0) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        number = as_int(value)
        if number is None:
            self._ignored(key, value)
            return default
        return number

    def opt_str(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        self._ignored(key, value)
        return default

    def opt_obj(self, key: str) -> Obj:
        value = self.data.get(key)
        if isinstance(value, dict):
            return Obj(value, self.where(key))
        if value is not None:
            self._ignored(key, value)
        return Obj({}, self.where(key))

    def opt_list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if isinstance(value, list):
            return value
        if value is not None:
            self._ignored(key, value)
        return []

    def objects(self, key: str) -> Iterator[Obj]:
        """The object entries of an optional list; non-object entries are skipped with a warning."""
        for index, item in enumerate(self.opt_list(key)):
            if isinstance(item, dict):
                yield Obj(item, f"{self.where(key)}[{index}]")
            else:
                log.warning("keeta payload: %s[%d] is %s, skipped", self.where(key), index, _kind(item))

    def first_int(self, keys: tuple[str, ...], default: int = 0) -> int:
        """The first of several candidate fields that holds an integer (for STAND-IN field names)."""
        for key in keys:
            number = as_int(self.data.get(key))
            if number is not None:
                return number
        return default

    def _required(self, key: str) -> Any:
        value = self.data.get(key)
        if value is None:
            raise KeetaPayloadError(self.where(key), "missing")
        return value

    def _ignored(self, key: str, value: Any) -> None:
        log.warning("keeta payload: ignoring %s, unexpected %s", self.where(key), _kind(value))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list"}.get(
        type(value), "an object" if isinstance(value, dict) else type(value).__name__
    )
