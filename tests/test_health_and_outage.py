"""/healthz, /readyz, and what clients get while Neo4j is unreachable."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import httpx
import pytest

from graphdb.driver import open_sync_driver
from graphdb.local.process import LocalNeo4jConfig, start, stop
from graphdb.settings import Neo4jSettings
from tests.support.http import RunningServer, free_port, serve_in_thread


def test_health_and_ready_with_neo4j_up(api_server: RunningServer) -> None:
    assert httpx.get(f"{api_server.base_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{api_server.base_url}/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


def test_neo4j_unreachable_gives_503_and_a_clear_error() -> None:
    nowhere = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}")
    with serve_in_thread(nowhere) as server:
        assert httpx.get(f"{server.base_url}/healthz").status_code == 200
        ready = httpx.get(f"{server.base_url}/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "unavailable"
        assert ready.json()["reason"]

        response = server.graphql('{ paper(slug: "x") { title } }')
        assert response.status_code == 503
        body = response.json()
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        assert "unavailable" in error["message"]
        assert "Traceback" not in response.text and "MATCH" not in response.text


@pytest.mark.slow
def test_the_api_recovers_by_itself_when_neo4j_comes_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Within 5 s of Neo4j answering again; the outage logged once as it starts, once as it
    ends (with the number of requests it failed), never per request."""
    caplog.set_level(logging.INFO)
    port = free_port()
    config = LocalNeo4jConfig(data_dir=tmp_path, port=port, heap="512m", pagecache="64m")
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}")
    with serve_in_thread(settings) as server:
        for _ in range(4):
            down = server.graphql('{ paper(slug: "x") { title } }')
            assert down.status_code == 503
        start(config, quiet=True)
        try:
            with open_sync_driver(settings) as driver:
                driver.execute_query("RETURN 1")  # Neo4j answers from here on
            answering = time.monotonic()
            while time.monotonic() < answering + 30:
                up = server.graphql('{ paper(slug: "x") { title } }')
                if up.status_code == 200:
                    break
                time.sleep(0.1)
            recovered = time.monotonic() - answering
            assert up.status_code == 200 and up.json() == {"data": {"paper": None}}
            assert recovered < 5, f"the API answered {recovered:.1f}s after Neo4j did"
            assert httpx.get(f"{server.base_url}/readyz").status_code == 200
        finally:
            stop(config)
    outage = [r.getMessage() for r in caplog.records
              if r.name == "papers_graph.api" and r.levelno >= logging.WARNING]  # fmt: skip
    assert len(outage) == 2, outage
    assert "unavailable" in outage[0]
    assert "back after" in outage[1] and "4 requests were answered 503" in outage[1]
    assert not [r for r in caplog.records if r.exc_info]
