"""How long contributions take over HTTP on a loaded graph: a token's check, a submission, and
an approval (its result written and its board's metric ranked again, in one transaction).

    NEO4J_URI=bolt://... python bench/contrib_benchmark.py [--runs 40]

The server runs in this process (uvicorn in a thread) against the graph at NEO4J_URI. The
results go on the graph's largest board; the script removes them afterwards (and ranks that
board again, as before), and revokes the two tokens it made.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphdb.contributions import rerank_sync  # noqa: E402
from graphdb.driver import open_sync_driver  # noqa: E402
from graphdb.settings import Neo4jSettings  # noqa: E402
from graphdb.tokens import create_token, revoke_tokens  # noqa: E402
from schema.limits import Limits  # noqa: E402
from tests.support.contrib import REVIEW, SUBMIT_RESULT, Client  # noqa: E402
from tests.support.http import serve_in_thread  # noqa: E402

LARGEST_BOARD = """
MATCH (r:Result)
WITH r.task AS task, r.dataset AS dataset, r.metric AS metric, count(*) AS rows
ORDER BY rows DESC, task LIMIT 1
RETURN task, dataset, metric, rows,
       COLLECT { MATCH (p:Paper) WHERE p.stub IS NULL RETURN p.slug ORDER BY p.slug LIMIT 1 }[0] AS paper
"""
CLEAN = """
MATCH (s:Submission) WHERE s.model STARTS WITH 'bench-contrib-'
OPTIONAL MATCH (r:Result {submission: s.id})
DETACH DELETE s, r
"""


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms  max {ordered[-1]:6.1f} ms"


def timed(call: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = call()
    return (time.perf_counter() - started) * 1000, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    settings = Neo4jSettings.from_env()
    with open_sync_driver(settings) as driver:
        records, _, _ = driver.execute_query(LARGEST_BOARD, database_=settings.database)
        if not records:
            print("the graph has no leaderboard result: load an archive first")
            return 1
        b = records[0]
        papers, _, _ = driver.execute_query("MATCH (p:Paper) RETURN count(p) AS n")
        print(f"graph: {papers[0]['n']:,} papers; board: {b['task']} / {b['dataset']} / "
              f"{b['metric']}, {b['rows']:,} rows")  # fmt: skip
        contributor = create_token(driver, "bench-contributor", "contributor")
        moderator = create_token(driver, "bench-moderator", "moderator")
        try:
            with serve_in_thread(settings, limits=Limits(mutations_per_minute=100_000)) as server:
                anonymous = Client(server.base_url)
                alice = Client(server.base_url, contributor)
                mia = Client(server.base_url, moderator)
                query = "{ __typename }"
                for c in (anonymous, alice):  # warm up
                    c.data(query)
                plain = [timed(lambda: anonymous.data(query))[0] for _ in range(args.runs)]
                checked = [timed(lambda: alice.data(query))[0] for _ in range(args.runs)]
                submits, reviews = [], []
                for i in range(args.runs):
                    given = {"paper": b["paper"], "task": b["task"], "dataset": b["dataset"],
                             "metric": b["metric"], "value": f"{1000 + i}.5",
                             "model": f"bench-contrib-{i}",
                             "evidenceUrl": "https://example.org/evidence"}  # fmt: skip
                    ms, made = timed(lambda g=given: alice.data(SUBMIT_RESULT, {"input": g}))
                    submits.append(ms)
                    sid = made["submitResult"]["id"]
                    ms, _ = timed(lambda s=sid: mia.data(REVIEW, {"id": s, "decision": "APPROVE"}))
                    reviews.append(ms)
            print(f"{'{ __typename } without a token':42} {percentiles(plain)}")
            print(f"{'{ __typename } with a token (its check)':42} {percentiles(checked)}")
            print(f"{'submitResult':42} {percentiles(submits)}")
            print(f"{'reviewSubmission APPROVE (+ rerank)':42} {percentiles(reviews)}")
        finally:
            driver.execute_query(CLEAN, database_=settings.database)
            with driver.session(database=settings.database) as session:
                session.execute_write(rerank_sync, b["task"], b["dataset"], b["metric"])
            for token in (contributor, moderator):
                revoke_tokens(driver, token[4:20], settings.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
