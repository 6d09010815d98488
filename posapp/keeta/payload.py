"""Reading Keeta JSON with a path for every field, so a bad payload names exactly what is wrong.

Required fields are strict (missing, null or the wrong type is an error). Optional fields are lenient:
missing or null gives the default, and a value of the wrong type is coerced if that is unambiguous
(``"123"`` → 123) or else replaced by the default with a warning, so one odd optional field never
costs the restaurant an order. Every value is read through :mod:`posapp.domain.bounds`: integers stay
in 64 bits, ids and cents are never negative, times lie in 2000–2100, text has no lone surrogates and
a bounded length.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from posapp.domain.bounds import TEXT_LIMIT, as_cents, as_count, as_epoch, as_id, as_int64, as_text

log = logging.getLogger(__name__)

# nameI18n keys tried for the Chinese name, Hong Kong first (keeta.md §11.9: HK keys unconfirmed).
ZH_KEYS = ("zh-HK", "zh_HK", "zh-TW", "zh_TW", "zh", "zh-CN", "default")


class KeetaPayloadError(ValueError):
    """A Keeta payload is malformed; ``field`` is the dotted path of the offending value."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def as_int(value: Any) -> int | None:
    """A 64-bit integer from JSON that may carry it as a number or a string; ``None`` if it is not one."""
    return as_int64(value)


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

    def req_id(self, key: str) -> int:
        """A required platform id: a non-negative 64-bit integer."""
        value = self._required(key)
        number = as_id(value)
        if number is None:
            raise KeetaPayloadError(self.where(key), f"expected an id (0 to 2^63-1), got {_kind(value)}")
        return number

    def req_str(self, key: str, limit: int = TEXT_LIMIT) -> str:
        value = self._required(key)
        text = as_text(value, limit) if isinstance(value, str) or as_int(value) is not None else None
        if text is None:
            raise KeetaPayloadError(self.where(key), f"expected a string, got {_kind(value)}")
        return text

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

    def opt_id(self, key: str, default: int = 0) -> int:
        """An optional id; a negative or huge one is ignored with a warning."""
        value = self.data.get(key)
        if value is None:
            return default
        number = as_id(value)
        if number is None:
            self._ignored(key, value)
            return default
        return number

    def opt_cents(self, key: str) -> int | None:
        """An amount in cents, or ``None`` when it is missing or cannot be a shop's amount."""
        value = self.data.get(key)
        if value is None:
            return None
        cents = as_cents(value)
        if cents is None:
            self._ignored(key, value)
        return cents

    def opt_time(self, key: str) -> int | None:
        """Epoch seconds from seconds or ms; 0, missing or outside 2000–2100 gives ``None``."""
        value = self.data.get(key)
        if value is None or value == 0 or value == "":
            return None
        seconds = as_epoch(value)
        if seconds is None:
            self._ignored(key, value)
        return seconds

    def opt_count(self, key: str = "count") -> int:
        """A quantity; missing is 1, and a count no counter could hold reads as 1 with a warning."""
        value = self.data.get(key)
        if value is None:
            return 1
        count = as_count(value)
        if count is None:
            self._ignored(key, value)
            return 1
        return count

    def zh(self) -> str:
        """The Chinese text of a ``nameI18n``-like object, Hong Kong first."""
        return next((self.opt_str(key) for key in ZH_KEYS if self.opt_str(key)), "")

    def opt_str(self, key: str, default: str = "", limit: int = TEXT_LIMIT) -> str:
        value = self.data.get(key)
        if value is None:
            return default
        text = as_text(value, limit)
        if text is None:
            self._ignored(key, value)
            return default
        return text

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

    def first_cents(self, keys: tuple[str, ...]) -> int | None:
        """The first of several candidate fields that holds a readable amount; ``None`` if none does."""
        for key in keys:
            cents = as_cents(self.data.get(key))
            if cents is not None:
                return cents
        return None

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
