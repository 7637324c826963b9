"""Executor benchmark: a request's Python time compiled, planned, and by graphql-core.

    python bench/executor_benchmark.py --papers 100000

The API's own ASGI app is called in this process (no sockets), and every Cypher
statement is answered from a cache filled on the first pass: what is left is the
Python of a request (Starlette, Strawberry, the executor, the resolvers, the
data layer), which is where the API spends its time beyond its floor's (see
api_benchmark.py). Three apps serve the same inputs in turns: as deployed (whole
requests compiled, and the fast lane after the first), compiled execution off
(planned), and planned execution off (graphql-core); beside each median, the
median of its per-pass ratios to graphql-core's.
It uses the benchmark Neo4j of api_benchmark.py (.bench/api-neo4j), only to fill
the cache.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_benchmark import LEADERBOARD, QUERIES, ensure_loaded, samples  # noqa: E402

from graphdb.local.process import stop  # noqa: E402
from graphdb.settings import Neo4jSettings  # noqa: E402
from schema.data.executor import CypherExecutor  # noqa: E402
from server.app import create_app  # noqa: E402
from server.config import ApiSettings  # noqa: E402

KINDS = {
    "paper-page": QUERIES["paper-page"],
    "author-coauthors": QUERIES["author-coauthors"],
    "leaderboard": LEADERBOARD,
    "search": QUERIES["search"],
}


def replay_cypher() -> None:
    """Answer each statement (text and parameters) from a cache after its first run."""
    answers: dict[tuple[str, bytes], list[Any]] = {}
    send = CypherExecutor._send

    async def cached(self: CypherExecutor, cypher: str, params: Mapping[str, Any]) -> list[Any]:
        key = (cypher, orjson.dumps(params, option=orjson.OPT_SORT_KEYS, default=str))
        if key not in answers:
            answers[key] = await send(self, cypher, params)
        self.queries_run += 1
        return answers[key]

    CypherExecutor._send = cached  # type: ignore[method-assign]


async def post(app: Any, body: bytes) -> None:
    """One POST /graphql through the ASGI app; it must answer 200 without errors."""
    sent: list[dict[str, Any]] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/graphql", "raw_path": b"/graphql", "query_string": b"",
        "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        "headers": [(b"host", b"bench"), (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    }  # fmt: skip
    await app(scope, receive, send)
    answer = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    if sent[0]["status"] != 200 or b'"errors"' in answer:
        raise RuntimeError(f"{sent[0]['status']}: {answer[:300]!r}")


async def compare(uri: str, inputs: dict[str, list[dict[str, Any]]], passes: int) -> None:
    settings = Neo4jSettings(uri=uri)
    apps = {
        "compiled": create_app(ApiSettings(neo4j=settings)),
        "planned": create_app(ApiSettings(neo4j=settings, compiled_execution=False)),
        "graphql-core": create_app(ApiSettings(neo4j=settings, planned_execution=False)),
    }
    lifespans = [app.router.lifespan_context(app) for app in apps.values()]
    for lifespan in lifespans:
        await lifespan.__aenter__()
    try:
        for kind, query in KINDS.items():
            bodies = [
                orjson.dumps({"query": query, "variables": variables})
                for variables in inputs[kind][:100]
            ]

            async def one_pass(mode: str, bodies: list[bytes] = bodies) -> float:
                began = time.perf_counter()
                for body in bodies:
                    await post(apps[mode], body)
                return (time.perf_counter() - began) / len(bodies) * 1000

            for _ in range(3):  # fills the cache, then warms them all
                for mode in apps:
                    await one_pass(mode)
            gc.collect()
            times: dict[str, list[float]] = {mode: [] for mode in apps}
            order = list(apps)
            for turn in range(passes):
                for mode in order[turn % len(order) :] + order[: turn % len(order)]:
                    times[mode].append(await one_pass(mode))
            base = times["graphql-core"]
            line = f"{kind:17}"
            for mode in apps:
                ratio = statistics.median(a / b for a, b in zip(times[mode], base, strict=True))
                line += f" | {mode} {statistics.median(times[mode]):5.2f} ms ({ratio:.2f})"
            print(line, flush=True)
    finally:
        for lifespan in lifespans:
            await lifespan.__aexit__(None, None, None)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--passes", type=int, default=20, help="measured passes per executor")
    args = parser.parse_args()
    config, uri = ensure_loaded(args.papers, args.seed, "4g", "6g")
    try:
        inputs = samples(uri, random.Random(args.seed))
        replay_cypher()
        print(f"{args.papers:,} papers; median ms per request over {args.passes} passes each")
        asyncio.run(compare(uri, inputs, args.passes))
    finally:
        stop(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
