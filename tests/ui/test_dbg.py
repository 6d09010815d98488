import asyncio
from tests.ui.harness import Stack, until

async def test_dbg(stack: Stack) -> None:
    answer = await stack.http.post(f"{stack.sim.base_url}/sim/keeta/orders", json={"mode": "delivery"})
    oid = answer.json()["orderViewId"]
    for _ in range(100):
        await asyncio.sleep(0.05)
        if stack.cursor: break
    view = await stack.sim_view(oid)
    print("pushes", view["pushes"][0]["state"], view["pushes"][0]["attempts"])
    print("cursor", stack.cursor, stack.receiver.bodies.qsize())
    print(stack.window.model.orders())
