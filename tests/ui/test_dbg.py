import asyncio, traceback
import pytest
from tests.ui.harness import build_stack
import pytestqt.plugin

@pytest.fixture
async def st(sim, receiver, db, tmp_path):
    s = await build_stack(sim, receiver, tmp_path)
    print("fixture end", sim.ctx.clock._task.done(), pytestqt.plugin._process_events)
    yield s
    await s.close()

async def test_e(st) -> None:
    print("E", st.sim.ctx.clock._task.done())
    t = st.sim.ctx.clock._task
    if t.done():
        try: t.result()
        except BaseException: traceback.print_exc()
