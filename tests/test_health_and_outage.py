"""/healthz, /readyz, and what clients get while Neo4j is unreachable."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

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
def test_the_api_recovers_by_itself_when_neo4j_comes_back(tmp_path: Path) -> None:
    port = free_port()
    config = LocalNeo4jConfig(data_dir=tmp_path, port=port, heap="512m", pagecache="64m")
    with serve_in_thread(Neo4jSettings(uri=f"bolt://127.0.0.1:{port}")) as server:
        down = server.graphql('{ paper(slug: "x") { title } }')
        assert down.status_code == 503
        start(config, quiet=True)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                up = server.graphql('{ paper(slug: "x") { title } }')
                if up.status_code == 200:
                    break
                time.sleep(0.5)
            assert up.status_code == 200 and up.json() == {"data": {"paper": None}}
            assert httpx.get(f"{server.base_url}/readyz").status_code == 200
        finally:
            stop(config)
