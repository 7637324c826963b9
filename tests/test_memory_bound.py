"""Many distinct large requests do not grow the server without bound.

The server runs as `papers-graph serve` in a process of its own (its RSS is read from /proc),
with a small cache budget (16 MB); 300 distinct texts of about 45 KB each and 300 requests
carrying about 360 KB of variables each are sent after a warm-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from tests.support.http import free_port

pytestmark = pytest.mark.slow

CACHE_BYTES = 16_000_000
ROOT = Path(__file__).resolve().parent.parent


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.fixture
def served(api_graph: Driver, neo4j_settings: Neo4jSettings) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri,
           "PAPERS_GRAPH_MAX_CACHE_BYTES": str(CACHE_BYTES)}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def _large_text(i: int) -> str:
    """About 45 KB, distinct per i, parsed into a document dense in string values."""
    fields = " ".join(
        f'a{j}: search(query: "{i} {j} ' + "w" * 960 + '") { totalCount }' for j in range(30)
    )
    return f"query Q{i} {{ {fields} }}"


def test_distinct_large_requests_keep_memory_bounded(served: tuple[str, int]) -> None:
    base, pid = served
    with httpx.Client(timeout=60) as client:

        def send(i: int) -> None:
            text = _large_text(i)
            answer = client.post(f"{base}/graphql", json={"query": text})
            assert answer.status_code == 200
            unused = {f"v{k}": f"{i}-{k}-" + "x" * 900 for k in range(400)}
            answer = client.post(f"{base}/graphql", json={
                "query": "query($s: String) { paper(slug: $s) { title } }",
                "variables": {"s": f"slug-{i}", **unused}})  # fmt: skip
            assert answer.status_code == 200 and "errors" not in answer.json()

        for i in range(40):
            send(i)
        warm = _rss_mb(pid)
        for i in range(40, 340):
            send(i)
        grown = _rss_mb(pid) - warm
    sent_mb = 300 * (len(_large_text(0)) + 400 * 910) / 1e6
    # Measured: 2 MB with this budget; 82 MB with an unbounded one (entries alone bounded).
    assert grown < 30, f"RSS grew {grown:.0f} MB over {sent_mb:.0f} MB sent"
