"""Compiled requests answer exactly as graphql-core does, in one statement.

Three servers share the test database: the app as deployed (compiled, then planned,
then graphql-core), one with `compiled_execution=False` and one with
`planned_execution=False` (graphql-core for every request). Responses are compared
byte for byte with the graphql-core one. Generated queries walk the graph from real
nodes through lists, edges, page infos and counts at any depth, with aliases, ids
and type names, and now and then something compilation leaves to the plan.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type, is_leaf_type
from graphql import build_schema as parse_sdl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graphdb.driver import open_async_driver
from graphdb.settings import Neo4jSettings
from schema.build import build_schema, sdl
from schema.context import Context
from schema.data.batch import DataAccess
from schema.data.cursors import encode_id
from schema.data.executor import CypherExecutor
from schema.types.lookahead import CHILD_LISTS
from tests.support.api_archive import PROLIFIC
from tests.support.http import RunningServer, same_answer, serve_in_thread

DOCS = Path(__file__).resolve().parent.parent / "docs" / "queries"
SDL = parse_sdl(sdl())
PAPER = '"attention-is-all-you-need"'


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """The servers read the module's archive."""


@pytest.fixture
def compiled_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements whole requests sent (every server's: they share this process)."""
    sent: list[str] = []
    original = CypherExecutor.run_whole

    async def counted(self: CypherExecutor, cypher: str, params: Any) -> Any:
        sent.append(cypher)
        return await original(self, cypher, params)

    monkeypatch.setattr(CypherExecutor, "run_whole", counted)
    return sent


COMPILED = {
    "paper page": (DOCS / "paper-page.graphql").read_text(),
    "author with co-authors": (DOCS / "author-coauthors.graphql").read_text(),
    "edges, cursors, page info and counts": f"""{{ paper(slug: {PAPER}) {{
        authors(first: 2) {{ __typename totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
          edges {{ __typename cursor node {{ id name }} }} }}
        repositories {{ edges {{ official mentionedInPaper mentionedInGithub node {{ url owner name framework }} }} }}
        related(first: 1) {{ pageInfo {{ hasNextPage endCursor }} edges {{ cursor score sharedAuthors sharedTasks node {{ slug }} }} }} }} }}""",
    "three levels down, with aliases": f"""{{ paper(slug: {PAPER}) {{ authors {{ nodes {{ name
        few: papers(first: 1) {{ nodes {{ title }} }}
        more: papers(first: 5) {{ totalCount nodes {{ slug tasks {{ nodes {{ name paperCount }} }} }} }} }} }} }} }}""",
    "results with their leaderboards' names": """{ paper(arxivId: "https://arxiv.org/abs/1512.03385v2") {
        results { nodes { id model metric value numericValue errorBound higherIsBetter rank usesAdditionalData
          paperTitle paperUrl paperDate codeLinks task { id name __typename } dataset { name } } } } }""",
    "several roots, by id and by key": f"""{{ a: author(name: "{PROLIFIC}") {{ name
        coauthors(first: 3) {{ edges {{ sharedPapers node {{ name }} }} }} tasks {{ nodes {{ name }} }} }}
        t: task(name: "Task 0") {{ __typename name papers(first: 2) {{ nodes {{ title }} }} }}
        d: dataset(name: "ImageNet") {{ name modalities tasks {{ nodes {{ name }} }} }}
        m: method(name: "Adam") {{ name fullName papers {{ nodes {{ slug }} }} }}
        r: repository(url: "https://github.com/tensorflow/tensor2tensor") {{ url papers {{ edges {{ official node {{ slug }} }} }} }}
        missing: paper(slug: "no-such-paper") {{ title }} __typename }}""",
    "fragments, merged as graphql-core merges them": f"""{{ paper(slug: {PAPER}) {{
        authors {{ edges {{ ...E }} edges {{ cursor }} }} ...P }} }}
        fragment E on AuthorEdge {{ node {{ name }} }} fragment P on Paper {{ slug tasks {{ totalCount }} }}""",
    "a page of none": f"""{{ paper(slug: {PAPER}) {{ authors(first: 0) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ name }} }} }} }}""",
}
# Compiled at first, handed to the plan by a request's values.
HANDED_ON = {
    "a page too large": f"{{ paper(slug: {PAPER}) {{ authors(first: 1000) {{ nodes {{ name }} }} }} }}",
    "a cursor": f"""{{ paper(slug: {PAPER}) {{ authors(first: 1, after: "not-a-cursor") {{ nodes {{ name }} }} }} }}""",
    "a filter": f"{{ paper(slug: {PAPER}) {{ repositories(officialOnly: true) {{ nodes {{ url }} }} }} }}",
    "two keys": f'{{ paper(slug: {PAPER}, arxivId: "1706.03762") {{ title }} }}',
    "an id of another type": '{ paper(id: "%s") { title } }' % encode_id("Author", PROLIFIC),
    "not an arXiv id": '{ paper(arxivId: "not-an-id") { title } }',
}
# Never compiled: the plan runs them.
PLANNED = {
    "a search": '{ search(query: "attention") { nodes { title } } }',
    "a lookup of its own": f"{{ paper(slug: {PAPER}) {{ results {{ nodes {{ paper {{ title }} }} }} }} }}",
    "an abstract type": f'{{ paper(slug: {PAPER}) {{ title }} node(id: "{encode_id("Task", "Task 0")}") {{ id }} }}',
}


@pytest.mark.parametrize("name", COMPILED)
def test_compiled_requests_answer_the_same_in_one_statement(
    api_server: RunningServer,
    graphql_core_server: RunningServer,
    compiled_runs: list[str],
    name: str,
) -> None:
    body = same_answer(api_server, graphql_core_server, COMPILED[name]).json()
    assert "errors" not in body and body["data"], body
    assert len(compiled_runs) == 1  # one whole statement answered the request
    assert all(value is not None for key, value in body["data"].items() if key != "missing")


@pytest.mark.parametrize("name", HANDED_ON)
def test_what_a_request_asks_can_hand_it_to_the_plan(
    api_server: RunningServer,
    graphql_core_server: RunningServer,
    compiled_runs: list[str],
    name: str,
) -> None:
    body = same_answer(api_server, graphql_core_server, HANDED_ON[name]).json()
    assert compiled_runs == []  # refused before any statement
    if name != "a filter":
        assert body["errors"], body


@pytest.mark.parametrize("name", PLANNED)
def test_what_compilation_does_not_cover_is_planned(
    api_server: RunningServer,
    graphql_core_server: RunningServer,
    compiled_runs: list[str],
    name: str,
) -> None:
    body = same_answer(api_server, graphql_core_server, PLANNED[name]).json()
    assert "errors" not in body, body
    assert compiled_runs == []


def test_the_statement_is_one_and_reads_only_what_is_selected(
    neo4j_settings: Neo4jSettings,
) -> None:
    """In-process: one statement, the paper and its items projected to what the page shows."""
    sent: list[str] = []

    class Recording(CypherExecutor):
        async def _send(self, cypher: str, params: Any) -> Any:
            sent.append(cypher)
            return await super()._send(cypher, params)

    async def run() -> Any:
        driver = open_async_driver(neo4j_settings)
        try:
            context = Context(DataAccess(Recording(driver)), "t")
            return await build_schema().execute(COMPILED["paper page"], context_value=context)
        finally:
            await driver.close()

    result = asyncio.run(run())
    assert not result.errors and result.data["paper"]["title"] == "Attention Is All You Need"
    (statement,) = sent
    assert "{.*}" not in statement
    assert "n1 {.name}" in statement, statement  # authors, tasks and datasets: their names only


def test_a_database_error_is_reported_as_the_plan_reports_it(
    neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed whole statement hands the request on; the plan's own statements report."""

    async def failing(self: CypherExecutor, cypher: str, params: Any) -> Any:
        raise RuntimeError("the whole statement failed")

    monkeypatch.setattr(CypherExecutor, "run_whole", failing)
    with serve_in_thread(neo4j_settings) as server:
        body = server.graphql(COMPILED["paper page"]).json()
    assert "errors" not in body and body["data"]["paper"]["title"] == "Attention Is All You Need"


# Generated requests --------------------------------------------------------------
ROOTS = [
    f"paper(slug: {PAPER})",
    'paper(arxivId: "1512.03385")',
    f'author(name: "{PROLIFIC}")',
    'author(name: "Ashish Vaswani")',
    'task(name: "Task 0")',
    'task(name: "Image Classification")',
    'dataset(name: "ImageNet")',
    'method(name: "Multi-Head Attention")',
    'repository(url: "https://github.com/tensorflow/tensor2tensor")',
]
# Now and then a field compilation leaves to the plan.
UNCOVERED = {
    "Task": "areas { name }",
    "Result": "paper { title }",
    "Paper": 'results(task: "Image Classification") { totalCount }',
}


def _object_type(name: str) -> GraphQLObjectType:
    found = SDL.type_map[name]
    assert isinstance(found, GraphQLObjectType)
    return found


@st.composite
def selections(draw: st.DrawFn, type_name: str, depth: int) -> str:
    graphql_type = _object_type(type_name)
    leaves = [
        n
        for n, f in graphql_type.fields.items()
        if not f.args and is_leaf_type(get_named_type(f.type))
    ]
    chosen = draw(
        st.lists(st.sampled_from([*leaves, "__typename"]), min_size=1, max_size=5, unique=True)
    )
    parts = [draw(_aliased(name)) for name in chosen]
    if type_name == "Result" and draw(st.booleans()):
        parts.append(
            draw(
                st.sampled_from(
                    ["task { name }", "dataset { name id }", "task { __typename name }"]
                )
            )
        )
    children = CHILD_LISTS.get(type_name, {}) if depth < 3 else {}
    for name in (
        draw(st.lists(st.sampled_from(sorted(children)), max_size=2, unique=True))
        if children
        else []
    ):
        spec, _ = children[name]
        if spec.node_type is None:
            continue
        first = draw(st.sampled_from(["", "(first: 0)", "(first: 1)", "(first: 3)"]))
        parts.append(
            f"{draw(_aliased(name))}{first} {{ {draw(connections(name, type_name, spec.node_type, depth))} }}"
        )
    if type_name in UNCOVERED and draw(st.sampled_from([False] * 9 + [True])):
        parts.append(UNCOVERED[type_name])
    return " ".join(parts)


@st.composite
def connections(draw: st.DrawFn, field: str, parent: str, node_type: str, depth: int) -> str:
    connection_type = get_named_type(_object_type(parent).fields[field].type)
    edge_type = get_named_type(connection_type.fields["edges"].type)  # type: ignore[union-attr]
    edge_leaves = [n for n, f in edge_type.fields.items() if is_leaf_type(get_named_type(f.type))]  # type: ignore[union-attr]
    # nodes or edges (both: left to the plan), then any of the rest
    items = draw(st.sampled_from([["nodes"], ["edges"], []] * 3 + [["nodes", "edges"]]))
    rest = ["pageInfo", "totalCount", "__typename"]
    kinds = items + draw(st.lists(st.sampled_from(rest), min_size=0 if items else 1, unique=True))
    parts = []
    for kind in kinds:
        if kind == "nodes":
            parts.append(f"nodes {{ {draw(selections(node_type, depth + 1))} }}")
        elif kind == "edges":
            extra = draw(st.lists(st.sampled_from(edge_leaves), max_size=3, unique=True))
            node = (
                f"node {{ {draw(selections(node_type, depth + 1))} }}"
                if draw(st.booleans())
                else ""
            )
            parts.append(f"edges {{ {' '.join(extra) or 'cursor'} {node} }}")
        elif kind == "pageInfo":
            parts.append("pageInfo { hasNextPage hasPreviousPage startCursor endCursor }")
        else:
            parts.append(kind)
    return " ".join(parts)


@st.composite
def _aliased(draw: st.DrawFn, name: str) -> str:
    return (
        f"{draw(st.sampled_from(['x', 'y']))}_{name}: {name}"
        if draw(st.integers(0, 4)) == 0
        else name
    )


@st.composite
def requests(draw: st.DrawFn) -> str:
    roots = draw(st.lists(st.sampled_from(ROOTS), min_size=1, max_size=2, unique=True))
    parts = []
    for position, root in enumerate(roots):
        type_name = root.split("(")[0].capitalize()
        parts.append(f"r{position}: {root} {{ {draw(selections(type_name, 1))} }}")
    return "{ " + " ".join(parts) + " }"


@pytest.mark.slow
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(query=requests())
def test_generated_requests_answer_the_same(
    api_server: RunningServer, graphql_core_server: RunningServer, query: str
) -> None:
    same_answer(api_server, graphql_core_server, query)


def test_most_generated_requests_are_compiled(
    api_server: RunningServer, compiled_runs: list[str]
) -> None:
    """The comparison above is of compiled answers, not of the plan's."""
    examples: list[str] = []

    @settings(max_examples=30, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(query=requests())
    def collect(query: str) -> None:
        examples.append(query)

    collect()
    for query in examples:
        assert "errors" not in api_server.graphql(query).json(), query
    assert len(compiled_runs) >= len(examples) * 0.6, (len(compiled_runs), len(examples))
