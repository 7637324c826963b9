"""Many valid queries generated from the schema: none may give HTTP 500 or an unmasked error."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries
from neo4j import Driver

from schema.build import sdl
from tests.support.http import RunningServer

ALLOWED_CODES = {
    "BAD_USER_INPUT",
    "QUERY_TOO_COMPLEX",
    "GRAPHQL_VALIDATION_FAILED",
    "QUERY_TIMEOUT",
}
DATES = st.dates().map(lambda d: nodes.String(d.isoformat()))


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Generated queries run against the module's archive."""


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(query=queries(sdl(), custom_scalars={"Date": DATES}))
def test_generated_queries_never_fail_unmasked(api_server: RunningServer, query: str) -> None:
    response = api_server.graphql(query)
    body = response.json()
    if response.status_code == 401:  # `viewer` asked without a token: refused as a whole
        assert "viewer" in query, (query, response.text[:500])
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
        return
    assert response.status_code == 200, (query, response.status_code, response.text[:500])
    text = json.dumps(body)
    assert "Traceback" not in text and "Neo.ClientError" not in text, query
    for error in body.get("errors", []):
        code = error.get("extensions", {}).get("code")
        assert code in ALLOWED_CODES, (query, error)
