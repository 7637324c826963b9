"""The fast lane answers a query text answered whole before, byte for byte as the full path.

Each request goes to the deployed server twice or more (the first answer teaches the
fast lane, the next come from it) and once to a server running graphql-core for
every request; status, body bytes and the response headers must be the same. What
the fast lane must not answer (variables that do not coerce, a cost over the limit,
a page size out of range, another content type) goes to the full path, which
reports it as it always does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from server.app import create_app
from server.config import ApiSettings
from server.fast_lane import FastLane
from tests.support.api_archive import PROLIFIC
from tests.support.http import RunningServer, serve_in_thread

PAGE = (
    "query Page($slug: String!, $n: Int) { paper(slug: $slug) { title published "
    "authors(first: $n) { totalCount edges { cursor node { name } } } "
    "related(first: $n) { edges { score sharedAuthors node { slug } } } } }"
)
NESTED = (
    'query Nested($n: Int) { author(name: "%s") { papers(first: $n) { nodes { '
    "authors(first: $n) { nodes { papers(first: $n) { nodes { title } } } } } } } }" % PROLIFIC
)
ORIGIN = "https://papers.example.org"


@pytest.fixture(autouse=True)
def _graph(api_graph: Driver) -> None:
    """The servers read the module's archive."""


@pytest.fixture(scope="module")
def deployed(neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    with serve_in_thread(neo4j_settings, cors_origins=(ORIGIN,)) as server:
        yield server


@pytest.fixture(scope="module")
def reference(neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    with serve_in_thread(neo4j_settings, cors_origins=(ORIGIN,), planned_execution=False) as server:
        yield server


@pytest.fixture
def fast_answers(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The answers the fast lane gave (any server's: they share this process)."""
    given: list[bytes] = []
    original = FastLane.answer

    async def recorded(self: FastLane, key: Any, variables: dict[str, Any]) -> bytes | None:
        answer = await original(self, key, variables)
        if answer is not None:
            given.append(answer)
        return answer

    monkeypatch.setattr(FastLane, "answer", recorded)
    return given


def post(server: RunningServer, query: str, variables: dict[str, Any] | None = None,
         **headers: str) -> httpx.Response:  # fmt: skip
    return httpx.post(
        f"{server.base_url}/graphql",
        json={"query": query, "variables": variables},
        headers={"x-request-id": "the-same", **headers},
        timeout=30.0,
    )


def same(mine: httpx.Response, theirs: httpx.Response) -> None:
    assert mine.status_code == theirs.status_code, (mine.text, theirs.text)
    assert mine.content == theirs.content, (mine.text, theirs.text)
    for header in ("content-type", "content-length", "access-control-allow-origin"):
        assert mine.headers.get(header) == theirs.headers.get(header), header


def test_a_query_answered_whole_is_answered_again_by_the_fast_lane(
    deployed: RunningServer, reference: RunningServer, fast_answers: list[bytes]
) -> None:
    slugs = ["attention-is-all-you-need", "bert-pre-training-of-deep-bidirectional",
             "deep-residual-learning-for-image", "prolific-study-03", "no-such-paper"]  # fmt: skip
    for n in (2, None, 0):
        for slug in slugs:
            variables = {"slug": slug, "n": n}
            expected = post(reference, PAGE, variables, origin=ORIGIN)
            for _ in range(2):
                same(post(deployed, PAGE, variables, origin=ORIGIN), expected)
    assert expected.json()["data"] == {"paper": None}
    assert len(fast_answers) >= 2 * len(slugs) * 3 - 1  # all but the very first request
    assert b'"title":"Attention Is All You Need"' in fast_answers[0]


def test_a_query_over_get_takes_the_fast_lane_too(
    deployed: RunningServer, reference: RunningServer, fast_answers: list[bytes]
) -> None:
    def get(server: RunningServer, slug: str) -> httpx.Response:
        variables = orjson.dumps({"slug": slug, "n": 1}).decode()
        return httpx.get(
            f"{server.base_url}/graphql",
            params={"query": PAGE, "variables": variables, "operationName": "Page"},
            headers={"origin": ORIGIN},
        )

    for slug in ("attention-is-all-you-need", "deep-residual-learning-for-image"):
        expected = get(reference, slug)
        for _ in range(2):
            same(get(deployed, slug), expected)
    assert len(fast_answers) >= 3


@pytest.mark.parametrize(
    ("case", "variables"),
    [
        ("a variable that does not coerce", {"slug": "attention-is-all-you-need", "n": "two"}),
        ("a required variable missing", {"n": 2}),
        ("a page size out of range", {"slug": "attention-is-all-you-need", "n": 1000}),
        ("a negative page size", {"slug": "attention-is-all-you-need", "n": -1}),
    ],
)
def test_what_the_fast_lane_cannot_answer_the_full_path_reports(
    deployed: RunningServer,
    reference: RunningServer,
    fast_answers: list[bytes],
    case: str,
    variables: dict[str, Any],
) -> None:
    same(post(deployed, PAGE, {"slug": "attention-is-all-you-need", "n": 1}), post(reference, PAGE, {"slug": "attention-is-all-you-need", "n": 1}))  # fmt: skip
    fast_answers.clear()
    mine = post(deployed, PAGE, variables)
    same(mine, post(reference, PAGE, variables))
    assert fast_answers == [] and mine.json()["errors"], (case, mine.text)


def test_a_cost_over_the_limit_is_refused_even_for_a_known_text(
    deployed: RunningServer, reference: RunningServer, fast_answers: list[bytes]
) -> None:
    for _ in range(2):
        same(post(deployed, NESTED, {"n": 2}), post(reference, NESTED, {"n": 2}))
    assert len(fast_answers) == 1
    fast_answers.clear()
    refused = post(deployed, NESTED, {"n": 100})  # 100 x 100 x 100 items: over the cost limit
    same(refused, post(reference, NESTED, {"n": 100}))
    assert refused.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert fast_answers == []


def test_other_requests_take_the_full_path(
    deployed: RunningServer, reference: RunningServer, fast_answers: list[bytes]
) -> None:
    query = '{ paper(slug: "attention-is-all-you-need") { title } }'
    for _ in range(2):
        same(post(deployed, query), post(reference, query))
    fast_answers.clear()

    def other_requests(server: RunningServer) -> list[httpx.Response]:
        url = f"{server.base_url}/graphql"
        return [
            httpx.post(url, content=query, headers={"content-type": "application/graphql"}),
            httpx.post(url, content=b"{not json", headers={"content-type": "application/json"}),
            httpx.post(url, json={"query": query, "unknown": 1}),
            httpx.post(url, json={"query": query, "operationName": "Missing"}),
            httpx.get(url, params=[("query", query), ("query", "{ __typename }")]),
            httpx.get(url, params={"query": query, "variables": "{not json"}),
            httpx.get(url, headers={"accept": "text/html"}),  # GraphiQL
        ]

    for mine, theirs in zip(other_requests(deployed), other_requests(reference), strict=True):
        same(mine, theirs)
    assert fast_answers == []


@pytest.mark.parametrize(
    ("settings", "lane"),
    [({}, True), ({"compiled_execution": False}, False), ({"planned_execution": False}, False)],
)
def test_the_fast_lane_comes_with_compilation(
    neo4j_settings: Neo4jSettings, settings: dict[str, bool], lane: bool
) -> None:
    app = create_app(ApiSettings(neo4j=neo4j_settings, **settings))
    (view,) = [route.endpoint for route in app.routes if getattr(route, "path", "") == "/graphql"]
    assert (view.fast_lane is not None) is lane
