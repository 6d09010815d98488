"""Placeholder until the Zeek simulator lands; replaced by its real routes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from posapp.sim.server import SimContext


def zeek_routes(ctx: SimContext) -> list[BaseRoute]:
    return []
