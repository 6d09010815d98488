"""The Keeta part of the simulator: the Order API under /keeta/api/open and its control routes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import BaseRoute, Route

from posapp.sim.keeta.api import api_endpoint
from posapp.sim.keeta.control import control_routes
from posapp.sim.keeta.photos import photo_routes
from posapp.sim.keeta.sim import KeetaSim

if TYPE_CHECKING:
    from posapp.sim.server import SimContext


def keeta_routes(ctx: SimContext) -> list[BaseRoute]:
    """Create the simulated platform (kept on ``ctx.keeta`` for in-process use) and its routes."""
    sim = KeetaSim(ctx)
    ctx.keeta = sim
    return [
        Route("/keeta/api/open/{path:path}", api_endpoint(sim), methods=["POST"]),
        *control_routes(sim),
        *photo_routes(),
    ]
