"""A sentence for the cashier that carries values, kept translatable without the engine knowing Qt.

A :class:`Message` *is* the English sentence (a ``str``, so logs, ``in`` checks and joins keep working),
and also remembers its template (``{0}``-style placeholders) and the values. The screen translates the
template and puts the values back (``posapp/ui/messages.py``); a value may itself be a Message.
"""

from __future__ import annotations

from collections.abc import Iterable


class Message(str):
    template: str
    args: tuple[str, ...]

    def __new__(cls, template: str, *args: object) -> Message:
        values = tuple(a if isinstance(a, str) else str(a) for a in args)
        message = super().__new__(cls, template.format(*values) if values else template)
        message.template = template
        message.args = values
        return message

    @classmethod
    def joined(cls, parts: Iterable[str], separator: str = "; ") -> Message:
        """Several sentences as one, each still translated on its own."""
        items = list(parts)
        return cls(separator.join(f"{{{i}}}" for i in range(len(items))), *items)

    def __repr__(self) -> str:
        return f"Message({self.template!r}, {', '.join(repr(a) for a in self.args)})"

    def __reduce__(self) -> tuple[object, ...]:
        return (Message, (self.template, *self.args))
