"""Customer photos for simulated refund requests, served by the simulator itself.

Real requests carry up to nine photo URLs on Keeta's image host; the simulator points at its own
``/sim/keeta/photos/...`` so the refund desk shows real images offline and in the demo.
"""

from __future__ import annotations

import hashlib
import io
import random

from PIL import Image, ImageDraw
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

_SIZE = (320, 240)
_PLATES = [(236, 201, 143), (214, 138, 89), (246, 226, 180), (181, 122, 76)]


def picture_urls(rng: random.Random, base_url: str, after_sale_order_id: int) -> list[str]:
    return [f"{base_url}/sim/keeta/photos/{after_sale_order_id}/{i}.png" for i in range(rng.randint(1, 3))]


def render(after_sale_order_id: int, index: int) -> bytes:
    """A plate of food on a table, varied per request and photo, as PNG bytes."""
    seed = int.from_bytes(hashlib.sha256(f"{after_sale_order_id}/{index}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    image = Image.new("RGB", _SIZE, (120 + rng.randint(0, 40), 86, 60))
    draw = ImageDraw.Draw(image)
    cx, cy = _SIZE[0] // 2 + rng.randint(-30, 30), _SIZE[1] // 2 + rng.randint(-20, 20)
    draw.ellipse((cx - 110, cy - 85, cx + 110, cy + 85), fill=(245, 245, 240), outline=(200, 200, 200))
    for _ in range(14):
        x, y = cx + rng.randint(-70, 70), cy + rng.randint(-50, 50)
        r = rng.randint(8, 22)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(_PLATES))
    if index % 2 == 0:  # a spill: what customers photograph
        draw.ellipse((cx + 40, cy + 30, cx + 150, cy + 90), fill=(150, 60, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


async def _photo(request: Request) -> Response:
    after_sale = int(request.path_params["after_sale"])
    index = int(request.path_params["index"])
    if not 0 <= index < 9:
        return Response(status_code=404)
    return Response(render(after_sale, index), media_type="image/png")


def photo_routes() -> list[Route]:
    return [Route("/sim/keeta/photos/{after_sale:int}/{index:int}.png", _photo, methods=["GET"])]
