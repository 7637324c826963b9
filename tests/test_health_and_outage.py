"""/healthz, /readyz, and what clients get while Neo4j is unreachable."""

from __future__ import annotations

import httpx

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
