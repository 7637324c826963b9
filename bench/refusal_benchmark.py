"""How long the lane takes to refuse the worst hostile requests of tests/test_abuse.py.

    python bench/refusal_benchmark.py

In process, no database (each is refused before any Cypher runs): the best of 5 runs of each,
a fresh text every run (so the parse cache does not answer), beside the time of a small valid
text's preparation in the same run as the floor.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schema.build import sdl  # noqa: E402
from schema.lane.run import Lane, graphql_schema  # noqa: E402
from tests.test_abuse import fan_out, fan_out_aliases, nested  # noqa: E402


def _best_ms(lane: Lane, text: str, variables: dict | None = None) -> tuple[float, str]:  # type: ignore[type-arg]
    best, message = float("inf"), ""
    for run in range(5):
        started = time.perf_counter()
        answer = asyncio.run(lane.answer(text + " " * run, variables, None, "bench"))
        best = min(best, time.perf_counter() - started)
        message = (answer.body.get("errors") or [{"message": "(served)"}])[0]["message"]
    return best * 1000, message


def main() -> int:
    lane = Lane(graphql_schema(sdl()), lambda: None)  # type: ignore[arg-type,return-value]
    floor, _ = _best_ms(lane, "{ __schema { queryType { name } } }")
    print(f"floor (a small introspection query, parsed and answered): {floor:.2f} ms")
    rows = [
        ("fragments fanning out to 2^18 fields", fan_out(18), None),
        ("fragments fanning out to 2^30 fields", fan_out(30), None),
        ("fragments fanning out to 2^60 fields", fan_out(60), None),
        ("2^30 aliases through fragments", fan_out_aliases(30), None),
        ("depth 60", nested(60), None),
        ("3,001 tokens", "{ " + "__typename " * 3001 + "}", None),
        ("60,000 characters of comment", "#" + "x" * 60_000 + "\n{ __typename }", None),
    ]
    for name, text, variables in rows:
        ms, message = _best_ms(lane, text, variables)
        print(f"{name:45} {len(text):>7,} bytes  {ms:8.2f} ms  {ms / floor:6.1f}x  {message[:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
