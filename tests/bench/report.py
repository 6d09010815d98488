"""The benchmark's table: each back-end's figures, and each durable figure against the in-memory baseline."""

from __future__ import annotations

from tests.bench.harness import Figures

# (key, label, target text, lower is better)
ROWS: list[tuple[str, str, str, bool]] = [
    ("ingest_per_s", "verified ingest, pushes/s (32 conns)", ">= 2,000 SQLite / 3,000 PG", False),
    ("ingest_ack_p50_ms", "  ingest ack p50, ms", "", True),
    ("ingest_ack_p99_ms", "  ingest ack p99, ms", "", True),
    ("ingest_non_2xx", "  ingest non-2xx", "0", True),
    ("latency_p50_ms", "webhook->app cache p50, ms (200/s, 1k streams)", "<= 5; <= 1.5x memory", True),
    ("latency_p99_ms", "webhook->app cache p99, ms", "<= 20", True),
    ("latency_real_p50_ms", "  same, real EventApplier subset p50, ms", "", True),
    ("latency_real_p99_ms", "  same, real EventApplier subset p99, ms", "", True),
    ("latency_missing", "  events not seen by the app", "0", True),
    ("latency_rate", "  achieved push rate, /s", "200", False),
    ("catch_up_delivered_ms", "1,000-event backlog after reconnect, ms (delivered)", "<= 1,000", True),
    ("catch_up_applied_ms", "  same, each applied by the real EventApplier, ms", "", True),
    ("idle_kb_per_stream", "idle stream RSS, KB each (5,000 streams)", "<= 50", True),
]


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def table(results: dict[str, Figures], baseline: str) -> str:
    names = list(results)
    base = results.get(baseline)
    header = ["metric", *names, "target"]
    lines = [header]
    for key, label, target, _lower in ROWS:
        row = [label]
        for name in names:
            value = results[name].values.get(key)
            cell = _fmt(value)
            reference = base.values.get(key) if base is not None and name != baseline else None
            if value is not None and reference:
                cell += f" ({value / reference:.2f}x)"
            row.append(cell)
        row.append(target)
        lines.append(row)
    widths = [max(len(r[i]) for r in lines) for i in range(len(header))]
    text = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    text.append("(x) = ratio to the non-durable in-memory relay measured in the same run")
    return "\n".join(text)
