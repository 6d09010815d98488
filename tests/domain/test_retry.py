"""The one retry policy: exponential steps, full jitter within them, Retry-After as a floor."""

from __future__ import annotations

import random

from posapp.domain.retry import NO_RETRY, RetryPolicy, retry_after_seconds


def test_steps_double_up_to_the_ceiling_without_jitter() -> None:
    policy = RetryPolicy(first_delay=1, max_delay=5, max_attempts=4, jitter=False)
    assert [policy.delay(n) for n in range(1, 6)] == [1, 2, 4, 5, 5]
    assert not policy.exhausted(3) and policy.exhausted(4)
    assert NO_RETRY.exhausted(1)
    assert not RetryPolicy(max_attempts=0).exhausted(10_000)


def test_full_jitter_stays_within_each_step() -> None:
    policy = RetryPolicy(first_delay=1, max_delay=8)
    rng = random.Random(7)
    delays = [policy.delay(3, rng) for _ in range(200)]
    assert all(0 <= d <= 4 for d in delays)
    assert max(delays) - min(delays) > 2  # spread out, not lockstep


def test_retry_after_is_a_floor_and_is_read_in_seconds() -> None:
    policy = RetryPolicy(first_delay=1, max_delay=8)
    assert policy.delay(1, random.Random(1), retry_after=30) == 30
    assert retry_after_seconds("12") == 12 and retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None and retry_after_seconds("-1") is None


def test_one_retry_policy_type_exists() -> None:
    """Every retrying part (outbox, clients, printers, relay stream) uses domain.retry.RetryPolicy; a
    second policy class would let their back-off drift apart."""
    import ast
    from pathlib import Path

    import posapp

    found = []
    for path in sorted(Path(posapp.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and "retry" in node.name.lower():
                found.append(f"{path.name}:{node.name}")
    assert found == ["retry.py:RetryPolicy"]
