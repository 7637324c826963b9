"""A list reads only the properties its items' selected fields need, and answers the same.

The items of every list type are read through a list with every field of their type
selected, and compared with the same nodes read whole by their root field: a field
made from a property the projection table forgot would come back empty and differ.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLObjectType
from graphql import build_schema as parse_sdl
from neo4j import Driver

from graphdb.driver import open_async_driver
from graphdb.settings import Neo4jSettings
from schema.build import build_schema
from schema.context import Context
from schema.data.batch import DataAccess
from schema.data.executor import CypherExecutor
from schema.data.lists import ListSpec, page_query
from schema.types.projection import FIELD_PROPERTIES
from tests.support.api_archive import PROLIFIC
from tests.support.http import RunningServer, serve_in_thread

SCHEMA = build_schema(compiled=False)  # lists read by their resolvers (compiled: its own tests)
SDL = parse_sdl(SCHEMA.as_str())

FIELDS = {
    "Paper": "id slug arxivId title abstract published urlAbs urlPdf proceeding conference "
    "pwcUrl isStub __typename",
    "Author": "id name paperCount __typename",
    "Task": "id name description synonyms paperCount __typename",
    "Dataset": "id name fullName description homepage modalities languages introducedDate "
    "paperCount __typename",
    "Method": "id name fullName description introducedYear paperCount __typename",
    "Repository": "id url owner name framework __typename",
    "Result": "id model metric value numericValue errorBound higherIsBetter rank "
    "usesAdditionalData paperTitle paperUrl paperDate codeLinks task { name } "
    "dataset { name } __typename",
}
# The root field that reads a node of each type whole, by the key its items show.
WHOLE = {
    "Paper": ('paper(slug: "{}")', "slug"),
    "Author": ('author(name: "{}")', "name"),
    "Task": ('task(name: "{}")', "name"),
    "Dataset": ('dataset(name: "{}")', "name"),
    "Method": ('method(name: "{}")', "name"),
    "Repository": ('repository(url: "{}")', "url"),
    "Result": ('node(id: "{}") {{ ... on Result', "id"),
}


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Every test here reads the module's archive."""


@pytest.fixture(scope="module")
def api_server(neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    """Without whole-request compilation: a root field reads its node whole (`p {.*}`), and
    the lists read their items through their resolvers, as planned and graphql-core do."""
    with serve_in_thread(neo4j_settings, compiled_execution=False) as server:
        yield server


def test_every_field_of_a_projected_type_is_in_the_table() -> None:
    """A field added to a type must say which properties it is made from (else, silently, its
    lists would all read every property again), and this module must select it."""
    for type_name, fields in FIELD_PROPERTIES.items():
        graphql_type = SDL.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType)
        assert set(fields) == {*graphql_type.fields, "__typename"}, type_name
        selected = set(re.sub(r"\{[^}]*\}", "", FIELDS[type_name]).split())
        stored = {name for name, properties in fields.items() if properties}
        assert stored <= selected, (type_name, stored - selected)


def _items_through(api_server: RunningServer, path: str, type_name: str) -> list[dict[str, Any]]:
    """The items of a list (`path` opens the list's selection), every field selected."""
    query = "{ %s { nodes { %s } } %s }" % (path, FIELDS[type_name], "}" * path.count(") {"))
    data = api_server.data(query)
    while isinstance(data, dict) and "nodes" not in data:
        (data,) = data.values()
    items: list[dict[str, Any]] = data["nodes"]
    return items


LISTS = [
    ("Paper", 'author(name: "%s") { papers(first: 100)' % PROLIFIC),
    ("Paper", 'paper(slug: "attention-is-all-you-need") { related(first: 100)'),
    ("Paper", "papers(first: 100, where: {hasCode: true})"),
    ("Author", 'paper(slug: "attention-is-all-you-need") { authors(first: 100)'),
    ("Author", "authors(first: 100)"),
    ("Task", 'paper(slug: "attention-is-all-you-need") { tasks(first: 100)'),
    ("Task", "tasks(first: 100)"),
    ("Dataset", "datasets(first: 100)"),
    ("Method", "methods(first: 100)"),
    ("Repository", 'paper(slug: "attention-is-all-you-need") { repositories(first: 100)'),
    ("Result", 'paper(slug: "deep-residual-learning-for-image") { results(first: 100)'),
    ("Result", 'leaderboard(task: "Task 0", dataset: "Bench 0") { rows(first: 100)'),
]


@pytest.mark.parametrize(("type_name", "path"), LISTS, ids=[f"{t}: {p}" for t, p in LISTS])
def test_items_of_a_list_equal_the_nodes_read_whole(
    api_server: RunningServer, type_name: str, path: str
) -> None:
    items = _items_through(api_server, path, type_name)
    assert items, f"the archive has no items for {path}"
    lookup, key = WHOLE[type_name]
    for item in items[:25]:
        query = "{ %s { %s } %s }" % (
            lookup.format(item[key]),
            FIELDS[type_name],
            "}" if "{{" in lookup else "",
        )
        whole = next(iter(api_server.data(query).values()))
        assert item == whole, (path, item[key])


def test_the_items_properties_are_all_set_somewhere(api_server: RunningServer) -> None:
    """The comparisons above mean something only if the archive sets the properties."""
    papers = _items_through(api_server, "papers(first: 100)", "Paper")
    for field in ("arxivId", "abstract", "published", "urlAbs"):
        assert any(p[field] for p in papers), field
    results = _items_through(
        api_server,
        'paper(slug: "deep-residual-learning-for-image") { results(first: 100)',
        "Result",
    )
    for field in ("model", "value", "numericValue", "rank", "paperUrl"):
        assert any(r[field] for r in results), field


def statements_of(settings: Neo4jSettings, query: str) -> list[str]:
    """The Cypher a request sends (run in-process, each statement as text)."""
    sent: list[str] = []

    class Recording(CypherExecutor):
        async def _send(self, cypher: str, params: dict[str, Any]) -> Any:
            sent.append(cypher)
            return await super()._send(cypher, params)

    async def run() -> None:
        driver = open_async_driver(settings)
        try:
            context = Context(data=DataAccess(Recording(driver)), request_id="test")
            result = await SCHEMA.execute(query, context_value=context)
            assert not result.errors, result.errors
        finally:
            await driver.close()

    asyncio.run(run())
    return sent


def test_a_list_reads_only_what_its_items_select(neo4j_settings: Neo4jSettings) -> None:
    (statement,) = statements_of(
        neo4j_settings,
        """{ paper(slug: "deep-residual-learning-for-image") {
            title
            authors { nodes { name } }
            results { edges { cursor node { metric value task { name } } } }
            related { totalCount edges { score node { title } } }
        } }""",
    )
    assert "node: n {.name}" in statement
    assert "node: n {.key, .metric, .task, .value}" in statement
    assert "node: n {.slug, .title}" in statement
    assert statement.count("n {.*}") == 0 and "p {.*}" in statement  # the paper itself: whole


def test_a_fragment_on_the_items_reads_them_whole(neo4j_settings: Neo4jSettings) -> None:
    (statement,) = statements_of(
        neo4j_settings,
        """{ paper(slug: "attention-is-all-you-need") {
            authors { nodes { ...Named } }
            tasks { nodes { name } }
        } }
        fragment Named on Author { name paperCount }""",
    )
    assert statement.count("node: n {.*}") == 1 and "node: n {.name}" in statement


def test_a_property_name_that_is_not_plain_is_refused() -> None:
    spec = ListSpec(
        "x", "MATCH (parent:Paper {slug: key})", "MATCH (parent)-->(n)", (), node_type="Paper"
    )
    with pytest.raises(ValueError, match="not a property name"):
        page_query(spec, after=False, properties=("slug", "title} RETURN 1 //"))
