"""Lane benchmark: a request's Python time, with its translation kept and made anew.

    python bench/executor_benchmark.py --papers 100000

The API's own ASGI app is called in this process (no sockets), and its Cypher
statement is answered from a cache filled on the first pass: what is left is the
Python of a request (Starlette, reading the request, variables, cost, translation,
shaping, encoding), which is where the API spends its time beyond its floor's (see
api_benchmark.py). Each input is served twice per pass: as deployed (the translation
of a query text with the same variables is kept), and with the translations
forgotten before each request (what a request with new values pays).
It uses the benchmark Neo4j of api_benchmark.py (.bench/api-neo4j), only to fill
the cache.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
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

from api_benchmark import (  # noqa: E402
    FILTERED_LIST,
    LEADERBOARD,
    PAPERS_LIST,
    QUERIES,
    ensure_loaded,
    samples,
)

from graphdb.local.process import stop  # noqa: E402
from graphdb.settings import Neo4jSettings  # noqa: E402
from schema.data.executor import CypherExecutor  # noqa: E402
from server.app import create_app  # noqa: E402
from server.config import ApiSettings  # noqa: E402

KINDS = {
    "paper-page": QUERIES["paper-page"],
    "author-coauthors": QUERIES["author-coauthors"],
    "leaderboard": LEADERBOARD,
    "papers-list": PAPERS_LIST,
    "filtered-list": FILTERED_LIST,
    "search": QUERIES["search"],
}


def replay_cypher() -> None:
    """Answer each statement (text and parameters) from a cache after its first run."""
    answers: dict[tuple[str, bytes], list[Any]] = {}
    send = CypherExecutor.run_whole

    async def cached(self: CypherExecutor, cypher: str, params: Mapping[str, Any]) -> list[Any]:
        key = (cypher, orjson.dumps(params, option=orjson.OPT_SORT_KEYS, default=str))
        if key not in answers:
            answers[key] = await send(self, cypher, params)
        self.queries_run += 1
        return answers[key]

    CypherExecutor.run_whole = cached  # type: ignore[method-assign]


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
    app = create_app(ApiSettings(neo4j=Neo4jSettings(uri=uri)))
    lane = app.state.lane
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    try:
        for kind, query in KINDS.items():
            bodies = [
                orjson.dumps({"query": query, "variables": variables})
                for variables in inputs[kind][:100]
            ]

            async def one_pass(cold: bool, bodies: list[bytes] = bodies) -> float:
                began = time.perf_counter()
                for body in bodies:
                    if cold:
                        lane.forget_translations()
                    await post(app, body)
                return (time.perf_counter() - began) / len(bodies) * 1000

            for _ in range(3):  # fills the cache, then warms it
                await one_pass(False)
            gc.collect()
            kept = [await one_pass(False) for _ in range(passes)]
            cold = [await one_pass(True) for _ in range(passes)]
            print(f"{kind:17} | translation kept {statistics.median(kept):5.2f} ms"
                  f" | made anew {statistics.median(cold):5.2f} ms", flush=True)  # fmt: skip
    finally:
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
        logging.getLogger("papers_graph.requests").setLevel(logging.WARNING)  # a line per request
        print(f"{args.papers:,} papers; median ms per request over {args.passes} passes each")
        for kind in ("papers-list",):  # its inputs carry the floor's own position too
            inputs[kind] = [{k: v for k, v in i.items() if k != "position"} for i in inputs[kind]]
        asyncio.run(compare(uri, inputs, args.passes))
    finally:
        stop(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
