import pytest
from tests.ui.conftest import Env
from tests.ui.harness import open_stack

@pytest.mark.parametrize("i", range(8))
async def test_x(env, i) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        o = await stack.new_order()
        stack.window.board.select(o.order_view_id)
