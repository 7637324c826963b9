"""The API's statements against their floors inside Neo4j alone: no HTTP, no GraphQL.

    python bench/statement_benchmark.py      (after bench/api_benchmark.py has loaded .bench/)

For each request kind of bench/api_benchmark.py, the lane translates the request once and its
statement runs through the sync driver beside the floor's hand-written query, on the same
inputs, in alternating passes until the medians settle; it prints both medians, their ratio
and the db hits of one PROFILE of each. It splits the API benchmark's ratio into what the
statement's shape costs in Neo4j and what HTTP and Python add on top.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphql import get_variable_values  # noqa: E402
from neo4j import GraphDatabase  # noqa: E402

from bench.api_benchmark import (  # noqa: E402
    FILTERED_LIST,
    FLOORS,
    LEADERBOARD,
    PAPERS_LIST,
    QUERIES,
    samples,
)
from graphdb.local.process import LocalNeo4jConfig, start, stop  # noqa: E402
from schema.build import sdl  # noqa: E402
from schema.lane.run import Lane, _operation, graphql_schema  # noqa: E402

REQUESTS = {"leaderboard": LEADERBOARD, "papers-list": PAPERS_LIST, "filtered-list": FILTERED_LIST}


def _db_hits(plan: Any) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(c) for c in plan.get("children", []))


def main() -> int:
    config = LocalNeo4jConfig(
        data_dir=ROOT / ".bench" / "api-neo4j", port=0, heap="4g", pagecache="6g"
    )
    address = config.data_dir / "neo4j" / "run" / "bolt-address"
    started_here = not address.exists()
    if started_here:
        start(config, quiet=True)
    uri = "bolt://" + address.read_text().strip()
    lane = Lane(graphql_schema(sdl()), lambda: None)  # type: ignore[arg-type,return-value]
    inputs = samples(uri, random.Random(1))
    try:
        with GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver:
            for kind, floor in FLOORS.items():
                query = REQUESTS.get(kind) or QUERIES[kind]
                pairs = []
                for given in inputs[kind][:100]:
                    variables = {k: v for k, v in given.items() if k != "position"}
                    prepared = lane.prepare(query)
                    assert prepared.document is not None
                    operation = _operation(prepared.document, None)
                    coerced = get_variable_values(
                        lane.schema, operation.variable_definitions or (), variables
                    )
                    assert not isinstance(coerced, list), coerced
                    translated, params = lane._translated(query, operation, prepared, coerced)
                    statement = translated.statement
                    floor_params = (
                        {"after": given["position"]} if "position" in given else variables
                    )
                    pairs.append((statement, params, floor_params))
                medians: list[tuple[float, float]] = []
                for _ in range(12):
                    api_times, floor_times = [], []
                    for statement, params, floor_params in pairs:
                        began = time.perf_counter()
                        driver.execute_query(statement, params)
                        api_times.append(time.perf_counter() - began)
                        began = time.perf_counter()
                        driver.execute_query(floor, floor_params)
                        floor_times.append(time.perf_counter() - began)
                    medians.append((statistics.median(api_times), statistics.median(floor_times)))
                api_ms, floor_ms = (
                    statistics.median(m[i] for m in medians[-4:]) * 1000 for i in (0, 1)
                )
                statement, params, floor_params = pairs[0]
                api_hits = _db_hits(
                    driver.execute_query("PROFILE " + statement, params).summary.profile
                )
                floor_hits = _db_hits(
                    driver.execute_query("PROFILE " + floor, floor_params).summary.profile
                )
                print(f"{kind:17} statement {api_ms:6.2f} ms ({api_hits:>5} db hits) | floor {floor_ms:6.2f} ms "
                      f"({floor_hits:>5} db hits) | ratio {api_ms / floor_ms:.2f}", flush=True)  # fmt: skip
    finally:
        if started_here:
            stop(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
