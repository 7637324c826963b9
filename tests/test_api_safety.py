"""Bounded round trips, limits refused before Cypher, injection, timeouts, masked errors."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graphdb.driver import open_async_driver
from graphdb.settings import Neo4jSettings
from schema.build import build_schema, sdl
from schema.data.executor import CypherExecutor, QueryTimeout
from schema.lane.run import Lane, graphql_schema
from tests.support.api_archive import N_PROLIFIC, PROLIFIC
from tests.support.graph import count
from tests.support.http import RunningServer, serve_in_thread

SCHEMA = build_schema()
LANE_SCHEMA = graphql_schema(sdl())


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """Every test here reads the module's archive."""


def execute(settings: Neo4jSettings, query: str, variables: dict[str, Any] | None = None,
            timeout: float = 10.0) -> tuple[dict[str, Any], int]:  # fmt: skip
    """Run a query in-process through the lane; returns (result as JSON, number of Cypher
    statements it ran)."""

    async def run() -> tuple[dict[str, Any], int]:
        driver = open_async_driver(settings)
        try:
            executor = CypherExecutor(driver, timeout_seconds=timeout)
            lane = Lane(LANE_SCHEMA, lambda: executor)
            answer = await lane.answer(query, variables, None, "test")
            return answer.body, executor.queries_run
        finally:
            await driver.close()

    return asyncio.run(run())


DEEP = (
    """
query Deep {
  author(name: "%s") {
    papers(first: 60) {
      nodes {
        title
        authors(first: 3) { nodes { name
          papers(first: 5) { nodes { slug
            tasks(first: 2) { nodes { name
              leaderboards(first: 3) { nodes { metric rows(first: 3) { nodes { value rank } } } }
            } }
          } }
        } }
      }
    }
  }
}
"""
    % PROLIFIC
)


def test_deep_request_runs_one_query_per_level(neo4j_settings: Neo4jSettings) -> None:
    body, queries = execute(neo4j_settings, DEEP)
    assert "errors" not in body, body
    papers = body["data"]["author"]["papers"]["nodes"]
    assert len(papers) == 60
    authors = [a for p in papers for a in p["authors"]["nodes"]]
    assert len(authors) == 180  # 3 per paper: every level fans out over 50+ parents
    tasks = [t for a in authors for p in a["papers"]["nodes"] for t in p["tasks"]["nodes"]]
    assert len(tasks) > 50
    boards = [b for t in tasks for b in t["leaderboards"]["nodes"]]
    assert any(b["rows"]["nodes"] for b in boards)
    assert queries == 1, queries  # the whole request, every level of it, in one statement


def test_paper_page_is_one_statement(neo4j_settings: Neo4jSettings) -> None:
    """The paper, its eight lists and the code count: one statement."""
    page = (Path(__file__).parent.parent / "docs" / "queries" / "paper-page.graphql").read_text()
    body, queries = execute(neo4j_settings, page)
    assert "errors" not in body, body
    paper = body["data"]["paper"]
    assert paper["title"] == "Attention Is All You Need"
    assert [a["name"] for a in paper["authors"]["nodes"]][:1] == ["Ashish Vaswani"]
    assert paper["repositories"]["totalCount"] == 2 and paper["related"]["edges"]
    assert queries == 1, queries


LOOKAHEAD_FIELDS = [
    "authors { totalCount nodes { name } }",
    "tasks { nodes { name } }",
    "results(first: 2) { totalCount edges { cursor node { metric value } } }",
    "repositories(officialOnly: true) { totalCount nodes { url } }",
    "related(first: 3) { edges { score node { slug } } }",
]


@pytest.mark.parametrize("arxiv_id", ["1706.03762", "1512.03385"])
def test_lists_asked_ahead_answer_as_lists_asked_level_by_level(
    neo4j_settings: Neo4jSettings, arxiv_id: str
) -> None:
    """`paper(...)` asks for its lists with its own lookup (one statement, lists found through
    the arXiv id or the slug); the same lists reached from a root list, which asks level by level,
    must be identical, field by field and all together."""
    selection = " ".join(LOOKAHEAD_FIELDS)
    by_arxiv, statements = execute(neo4j_settings, query='{ paper(arxivId: "%s") { slug %s } }' % (arxiv_id, selection))  # fmt: skip
    assert statements == 1 and "errors" not in by_arxiv, by_arxiv
    ahead = by_arxiv["data"]["paper"]
    by_slug, statements = execute(neo4j_settings, query='{ paper(slug: "%s") { slug %s } }' % (ahead["slug"], selection))  # fmt: skip
    assert statements == 1 and by_slug["data"]["paper"] == ahead
    level_by_level, statements = execute(
        neo4j_settings,
        query='{ papers(where: {arxivId: "%s"}, first: 1) { nodes { slug %s } } }'
        % (arxiv_id, selection),
    )
    assert statements == 1 and level_by_level["data"]["papers"]["nodes"] == [ahead]
    for field in LOOKAHEAD_FIELDS:  # and each list asked for alone (compiled, where it can be)
        alone, _ = execute(neo4j_settings, '{ paper(arxivId: "%s") { %s } }' % (arxiv_id, field))
        name = field.split("(")[0].split(" ")[0]
        assert alone["data"]["paper"][name] == ahead[name], name
    assert ahead["authors"]["totalCount"] >= 3
    if arxiv_id == "1706.03762":  # in the test archive: the Transformer has related papers,
        assert ahead["related"]["edges"]
    else:  # and ResNet leaderboard results
        assert len(ahead["results"]["edges"]) == ahead["results"]["totalCount"] == 2


def test_a_bad_list_argument_under_a_root_is_its_own_error(neo4j_settings: Neo4jSettings) -> None:
    """Lookahead skips a child it cannot plan: the child's resolver reports it, the rest loads."""
    body, _ = execute(
        neo4j_settings,
        '{ bad: paper(arxivId: "1706.03762") { title authors(first: 1000) { nodes { name } } } '
        'good: paper(arxivId: "1706.03762") { title tasks { nodes { name } } } }',
    )
    assert body["data"]["bad"] is None  # a connection is never null: the error reaches the paper
    assert body["data"]["good"]["title"] == "Attention Is All You Need"
    assert body["data"]["good"]["tasks"]["nodes"]
    [error] = body["errors"]
    assert error["path"] == ["bad", "authors"] and "at most 100" in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_an_author_page_is_one_statement(neo4j_settings: Neo4jSettings) -> None:
    query = """{ author(name: "%s") { name paperCount papers(first: 5) { totalCount nodes { title } }
        coauthors(first: 3) { edges { sharedPapers node { name } } } tasks { nodes { name } } } }""" % PROLIFIC  # fmt: skip
    body, statements = execute(neo4j_settings, query)
    assert "errors" not in body, body
    author = body["data"]["author"]
    assert author["papers"]["totalCount"] == N_PROLIFIC and len(author["papers"]["nodes"]) == 5
    assert author["coauthors"]["edges"][0]["sharedPapers"] > 1
    assert statements == 1, statements


def test_a_leaderboard_with_its_papers_is_one_statement(neo4j_settings: Neo4jSettings) -> None:
    """The board's metrics with their directions, and its rows with their papers, in one
    statement: the rows looked ahead through the first metric, or through the metric given."""
    query = """{ leaderboard(task: "Image Classification", dataset: "ImageNet"%s) { metric higherIsBetter
        rows(first: 5) { totalCount nodes { rank model value higherIsBetter paper { slug title } } } } }"""
    body, statements = execute(neo4j_settings, query % "")
    assert "errors" not in body, body
    board = body["data"]["leaderboard"]
    rows = board["rows"]["nodes"]
    assert rows and any(r["paper"] for r in rows)
    assert {r["higherIsBetter"] for r in rows} == {board["higherIsBetter"]}
    assert statements == 1, statements
    named, statements = execute(neo4j_settings, query % f', metric: "{board["metric"]}"')
    assert named["data"]["leaderboard"] == board and statements == 1, statements


def test_counts_and_single_fields_batch_too(neo4j_settings: Neo4jSettings) -> None:
    query = """{ papers(where: {author: "%s"}, first: 60) { totalCount nodes {
        authors { totalCount } repositories(officialOnly: true) { totalCount }
        related(first: 2) { nodes { slug } } results { totalCount nodes { paper { slug } task { name } } } } } }""" % PROLIFIC  # fmt: skip
    body, queries = execute(neo4j_settings, query)
    assert "errors" not in body, body
    # papers with its count; then every list and count of the 60 papers; then results' papers
    assert queries <= 3, queries


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("{ paper(slug: \"x\") { " + "related { nodes { " * 9 + "slug" + " } }" * 9 + " } }", "exceeds maximum operation depth of 16"),
        ("{ " + " ".join(f"a{i}: paper(slug: \"x\") {{ slug }}" for i in range(31)) + " }", "31 aliases found. Allowed: 30"),
        ("{ paper(slug: \"x\") { " + "slug " * 3000 + "} }", "3000 tokens"),
        ("""{ papers(first: 100) { nodes { authors(first: 100) { nodes { papers(first: 100) { nodes { slug } } } } } } }""",
         "exceeds the limit of 100,000"),
    ],
)  # fmt: skip
def test_limits_refuse_before_any_cypher(
    neo4j_settings: Neo4jSettings, query: str, fragment: str
) -> None:
    body, queries = execute(neo4j_settings, query)
    assert queries == 0
    messages = [error["message"] for error in body["errors"]]
    assert any(fragment in message for message in messages), messages


def test_limit_refusals_over_http_carry_their_code(api_server: RunningServer) -> None:
    for query in ("{ paper(slug: \"x\") { " + "slug " * 3000 + "} }",
                  "{ " + " ".join(f"a{i}: paper(slug: \"x\") {{ slug }}" for i in range(31)) + " }"):  # fmt: skip
        body = api_server.graphql(query).json()
        assert [e["extensions"]["code"] for e in body["errors"]] == ["QUERY_TOO_COMPLEX"]
    syntax = api_server.graphql("{ paper(slug: ").json()
    assert syntax["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_limits_over_http_name_the_limit(api_server: RunningServer) -> None:
    nested = "query ($n: Int) { papers(first: $n) { nodes { authors(first: $n) { nodes { papers(first: $n) { nodes { slug } } } } } } }"  # fmt: skip
    # the same text with other page sizes: the cost is cached per document and page sizes
    for n, refused in ((100, True), (5, False), (100, True)):
        body = api_server.graphql(nested, {"n": n}).json()
        assert ("errors" in body) is refused, (n, body)
    body = api_server.graphql(nested, {"n": 100}).json()
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "estimated cost 2,020,201 exceeds the limit of 100,000" in body["errors"][0]["message"]


INJECTIONS = [
    "x' OR 1=1 //",
    '"}) MATCH (n) DETACH DELETE n //',
    "x` ) DETACH DELETE n WITH 1 AS x MATCH (y",
    "' + ''}) RETURN 1 UNION MATCH (n) RETURN n //",
    "$keys",
    "\\u0027; CALL dbms.shutdown() //",
]

STRING_ARGUMENTS = [
    'paper(slug: $s) { slug }', 'paper(arxivId: $s) { slug }', 'paper(id: $s) { slug }', 'node(id: $s) { id }',
    'author(name: $s) { name }', 'author(id: $s) { name }', 'task(name: $s) { name }', 'dataset(name: $s) { name }',
    'method(name: $s) { name }', 'repository(url: $s) { url }', 'search(query: $s) { totalCount }',
    'leaderboard(task: $s, dataset: $s, metric: $s) { metric }', 'neighborhood(id: $s) { nodes { id } }',
    'path(from: $s, to: $s) { nodes { id } }', 'papers(after: $s) { totalCount }',
    'papers(where: {titleContains: $s, task: $s, dataset: $s, method: $s, author: $s}) { totalCount }',
    'papers(where: {arxivId: $s}) { totalCount }',
    'authors(where: {name: $s, nameContains: $s}) { totalCount }', 'tasks(where: {nameContains: $s}) { totalCount }',
    'datasets(where: {name: $s}) { totalCount }', 'methods(where: {nameContains: $s}) { totalCount }',
    'paper(slug: "attention-is-all-you-need") { results(task: $s, dataset: $s) { totalCount } authors(after: $s) { totalCount } }',
]  # fmt: skip


def test_injection_strings_through_every_string_argument(
    api_server: RunningServer, api_graph: Driver
) -> None:
    before = (
        count(api_graph, "MATCH (n) RETURN count(n)"),
        count(api_graph, "MATCH ()-[r]->() RETURN count(r)"),
    )
    for field in STRING_ARGUMENTS:
        for value in INJECTIONS:
            response = api_server.graphql(
                f"query ($s: String!) {{ {field} }}".replace("$s: String!", "$s: String!")
                if "id:" not in field and "from:" not in field
                else f"query ($s: ID!) {{ {field} }}",
                {"s": value},
            )
            assert response.status_code == 200, (field, value, response.text)
            body = response.json()
            for error in body.get("errors", []):
                assert error["extensions"]["code"] == "BAD_USER_INPUT", (field, value, error)
    after = (
        count(api_graph, "MATCH (n) RETURN count(n)"),
        count(api_graph, "MATCH ()-[r]->() RETURN count(r)"),
    )
    assert after == before


def test_every_query_has_a_transaction_timeout(neo4j_settings: Neo4jSettings) -> None:
    # The API's own queries are fast on this small graph, so a deliberately slow one
    # goes through the same executor every resolver uses.
    async def run() -> None:
        driver = open_async_driver(neo4j_settings)
        try:
            executor = CypherExecutor(driver, timeout_seconds=0.2)
            with pytest.raises(QueryTimeout, match=r"longer than the 0\.2s limit"):
                await executor.run_whole("UNWIND range(1, 1000000000) AS x RETURN sum(x) AS s", {})
        finally:
            await driver.close()

    asyncio.run(run())


def test_unexpected_errors_are_masked_and_logged(
    neo4j_settings: Neo4jSettings, caplog: pytest.LogCaptureFixture
) -> None:
    # A Cypher error the API does not expect: a database name that does not exist.
    with serve_in_thread(Neo4jSettings(uri=neo4j_settings.uri, database="nosuchdb")) as server:
        response = server.graphql('{ paper(slug: "attention-is-all-you-need") { title } }')
    body = response.json()
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["message"].startswith("Internal server error (request id ")
    text = json.dumps(body)
    assert "Traceback" not in text and "MATCH" not in text and "nosuchdb" not in text
    request_id = error["message"].split("request id ")[1].rstrip(")")
    assert any(request_id in record.getMessage() for record in caplog.records)


def test_every_type_and_field_is_described() -> None:
    introspection = SCHEMA.introspect()
    missing = []
    for kind in introspection["__schema"]["types"]:
        if kind["name"].startswith("__") or kind["kind"] == "SCALAR":
            continue
        if not kind.get("description"):
            missing.append(kind["name"])
        for field in (kind.get("fields") or []) + (kind.get("inputFields") or []):
            if not field.get("description"):
                missing.append(f"{kind['name']}.{field['name']}")
    assert missing == []


def test_example_queries_run_and_answer(api_server: RunningServer) -> None:
    folder = Path(__file__).parent.parent / "docs" / "queries"
    queries = {path.stem: path.read_text() for path in folder.glob("*.graphql")}
    assert set(queries) == {
        "paper-page",
        "author-coauthors",
        "task-leaderboards",
        "search",
        "neighborhood",
        "conferences",
        # run on the site archive by tests/test_site_explore.py
        "leaderboard-progression",
        "areas",
        "suggest",
        # run on the trends archive by tests/test_trends.py
        "trends",
    }
    page = api_server.data(queries["paper-page"])["paper"]
    assert page["title"] == "Attention Is All You Need" and len(page["authors"]["nodes"]) == 3
    assert page["repositories"]["totalCount"] == 2 and page["related"]["edges"]
    author = api_server.data(queries["author-coauthors"])["author"]
    assert [e["node"]["name"] for e in author["coauthors"]["edges"]] == [
        "Niki Parmar",
        "Noam Shazeer",
    ]
    task = api_server.data(queries["task-leaderboards"])["task"]
    assert task["leaderboards"]["nodes"][0]["rows"]["nodes"][0]["model"] == "Mystery Net"
    found = api_server.data(queries["search"], {"query": "residual image recognition"})["search"]
    assert found["edges"][0]["node"]["arxivId"] == "1512.03385"
    around = api_server.data(queries["neighborhood"], {"id": page["id"]})["neighborhood"]
    assert around["nodes"][0]["title"] == "Attention Is All You Need" and around["edges"]
    venues = api_server.data(queries["conferences"])
    conferences = {c["name"]: c for c in venues["conferences"]["nodes"]}
    assert list(conferences) == ["AISTATS", "CVPR", "NAACL", "NeurIPS", "UAI"]
    aistats = conferences["AISTATS"]
    assert aistats["years"] == [2019, 2020] and aistats["paperCount"] == 12
    assert [p["name"] for p in aistats["proceedings"]["nodes"]] == ["AISTATS 2020", "AISTATS 2019"]
    assert venues["proceeding"]["conference"] == {"name": "NeurIPS"}
    assert venues["proceeding"]["papers"]["nodes"] == [{
        "title": "Attention Is All You Need", "published": "2017-06-12",
        "conferenceUrlAbs": "http://papers.nips.cc/paper/7181-attention-is-all-you-need",
        "repositories": {"nodes": [{"url": "https://github.com/tensorflow/tensor2tensor"}]}}]  # fmt: skip
