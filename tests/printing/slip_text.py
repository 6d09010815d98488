"""The words on a slip, one block a line: what a test reads off a ticket it did not print."""

from __future__ import annotations

from posapp.printing.ticket import Qr, Row, Text, Ticket


def slip_text(ticket: Ticket) -> str:
    out: list[str] = []
    for block in ticket.blocks:
        if isinstance(block, Text):
            out.append(block.text)
        elif isinstance(block, Row):
            out.append(f"{block.left} {block.right}")
        elif isinstance(block, Qr):
            out.append(f"[QR {block.data}] {block.caption}".rstrip())
    return "\n".join(out)
