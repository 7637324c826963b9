"""Planned execution answers exactly as graphql-core's executor does, byte for byte over HTTP.

Two servers share the test database: the app as deployed (plans on) and one with
`planned_execution=False` (graphql-core for every request). Every request goes to
both with the same request id, and the two responses must be identical: status,
body bytes (so key order too), errors and their paths. Generated queries cover
the schema; the hand-picked ones cover what generators rarely make: fragments on
the Node interface, aliases, directives, errors raised mid-list, introspection.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries
from neo4j import Driver
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphdb.driver import open_async_driver
from graphdb.settings import Neo4jSettings
from schema.build import build_schema, sdl
from schema.context import Context
from schema.data.batch import DataAccess
from schema.data.executor import CypherExecutor
from tests.support.http import RunningServer, same_answer

DOCS = Path(__file__).resolve().parent.parent / "docs" / "queries"
DATES = st.dates().map(lambda d: nodes.String(d.isoformat()))


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Both servers read the module's archive."""


@pytest.fixture
def graphql_core_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the operations graphql-core's own executor ran (both servers' runs)."""
    ran: list[str] = []
    original = StrawberryGraphQLCoreExecutionContext.execute_operation

    def counted(self: Any, serially: bool | None = None) -> Any:
        ran.append(self.operation.name.value if self.operation.name else "")
        return original(self, serially)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_operation", counted)
    return ran


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.graphql")), ids=lambda p: p.stem)
def test_documented_queries_are_planned_and_answer_the_same(
    api_server: RunningServer,
    graphql_core_server: RunningServer,
    graphql_core_runs: list[str],
    path: Path,
) -> None:
    paper_id = api_server.data(f"{{ paper(slug: {PAPER}) {{ id }} }}")["paper"]["id"]
    variables = {"neighborhood": {"id": paper_id}, "search": {"query": "residual image"}}
    graphql_core_runs.clear()
    response = same_answer(
        api_server, graphql_core_server, path.read_text(), variables.get(path.stem)
    )
    body = response.json()
    assert "errors" not in body and body["data"], body
    assert len(graphql_core_runs) == 1  # the reference server's run only: the plan answered


PAPER = '"attention-is-all-you-need"'
SAME_ANSWERS = {
    "aliases and fragments": f"""query Aliased {{
        first: paper(slug: {PAPER}) {{ ...Card t: tasks {{ nodes {{ name }} }} }}
        again: paper(slug: {PAPER}) {{ title ...Card }}
      }}
      fragment Card on Paper {{ title published authors(first: 2) {{ edges {{ cursor node {{ name }} }} }} }}""",
    "Node interface": f"""query Nodes {{ paper(slug: {PAPER}) {{ id }}
        search(query: "attention", first: 3) {{ edges {{ node {{ ... on Node {{ __typename id }} }} }} }} }}""",
    "neighbourhood of mixed types": f"""query Around {{ paper(slug: {PAPER}) {{
        related(first: 2) {{ totalCount edges {{ score node {{ slug }} }} pageInfo {{ hasNextPage endCursor }} }} }} }}""",
    "missing paper is null": 'query Missing { paper(slug: "no-such-paper") { title } }',
    "deep nesting": f"""query Deep {{ paper(slug: {PAPER}) {{ authors {{ nodes {{ name
        papers(first: 3) {{ nodes {{ title tasks {{ nodes {{ name leaderboards(first: 2) {{ nodes {{ metric }} }} }} }} }} }} }} }} }} }}""",
}
GRAPHQL_CORE_ANSWERS = {
    "a directive": f"""query Directive($full: Boolean!) {{ paper(slug: {PAPER}) {{
        title abstract @include(if: $full) }} }}""",
    "introspection": "query Introspect { __schema { queryType { name } } }",
    "an argument error": f"query TooMany {{ paper(slug: {PAPER}) {{ authors(first: 1000) {{ nodes {{ name }} }} }} }}",
    "an error deep in a list": f"""query BadCursor {{ paper(slug: {PAPER}) {{ title
        authors(first: 2) {{ nodes {{ name papers(after: "not-a-cursor") {{ nodes {{ title }} }} }} }} }} }}""",
}


@pytest.mark.parametrize("name", SAME_ANSWERS)
def test_planned_requests_answer_the_same(
    api_server: RunningServer,
    graphql_core_server: RunningServer,
    graphql_core_runs: list[str],
    name: str,
) -> None:
    body = same_answer(api_server, graphql_core_server, SAME_ANSWERS[name]).json()
    assert "errors" not in body, body
    assert len(graphql_core_runs) == 1  # only the reference server's


@pytest.mark.parametrize("name", GRAPHQL_CORE_ANSWERS)
def test_what_plans_do_not_cover_goes_to_graphql_core(
    api_server: RunningServer,
    graphql_core_server: RunningServer,
    graphql_core_runs: list[str],
    name: str,
) -> None:
    body = same_answer(
        api_server, graphql_core_server, GRAPHQL_CORE_ANSWERS[name], {"full": False}
    ).json()
    assert len(graphql_core_runs) == 2  # both servers: no plan, or the plan gave way
    if name in ("an argument error", "an error deep in a list"):
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
        assert body["data"] is not None  # the error nulls its field, not the whole answer


def statements_and_answer(settings: Neo4jSettings, planned: bool, query: str) -> tuple[int, Any]:
    """In-process: the Cypher statements a query sends, and its answer."""
    schema = build_schema(planned=planned)

    async def run() -> tuple[int, Any]:
        driver = open_async_driver(settings)
        try:
            executor = CypherExecutor(driver)
            result = await schema.execute(query, context_value=Context(DataAccess(executor), "t"))
            return executor.queries_run, (result.data, [e.formatted for e in result.errors or []])
        finally:
            await driver.close()

    return asyncio.run(run())


@pytest.mark.parametrize("name", ["an error deep in a list", "an argument error"])
def test_a_request_handed_to_graphql_core_sends_no_statement_twice(
    neo4j_settings: Neo4jSettings, name: str
) -> None:
    query = GRAPHQL_CORE_ANSWERS[name]
    planned_count, planned_answer = statements_and_answer(neo4j_settings, True, query)
    plain_count, plain_answer = statements_and_answer(neo4j_settings, False, query)
    assert planned_answer == plain_answer and planned_answer[1]  # the same error, reported
    assert planned_count == plain_count >= 1


@pytest.mark.slow
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(query=queries(sdl(), custom_scalars={"Date": DATES}))
def test_generated_queries_answer_the_same(
    api_server: RunningServer, graphql_core_server: RunningServer, query: str
) -> None:
    same_answer(api_server, graphql_core_server, query)
