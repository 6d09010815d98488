"""Placeholder until the Keeta simulator lands; replaced by its real routes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from posapp.sim.server import SimContext


def keeta_routes(ctx: SimContext) -> list[BaseRoute]:
    return []
