"""A search's first page asks Lucene for its best hits only (schema/data/cypher.py,
SEARCH_FIRST_ROWS); these are the cases where that alone would be wrong, over real HTTP:
stubs (papers known only from a code link, never listed) taking the best places, and ties at
the page's edge, which Lucene breaks by its own order, the API by slug."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from tests.conftest import load_emptied
from tests.support.http import RunningServer

SEARCH = """query S($q: String!, $first: Int) {
  search(query: $q, first: $first) { totalCount nodes { slug } pageInfo { endCursor } } }"""
NEXT = """query S($q: String!, $after: String) {
  search(query: $q, first: 100, after: $after) { nodes { slug } } }"""


def _paper(slug: str, title: str, abstract: str) -> dict[str, Any]:
    return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "arxiv_id": None,
            "title": title, "abstract": abstract, "authors": ["Search Tester"], "tasks": [],
            "date": "2020-01-01", "url_abs": None, "url_pdf": None, "proceeding": None,
            "conference": None, "methods": []}  # fmt: skip


def _stub_link(slug: str, title: str) -> dict[str, Any]:
    return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "paper_title": title,
            "paper_arxiv_id": None, "paper_url_abs": None, "paper_url_pdf": None,
            "repo_url": f"https://github.com/stubs/{slug}", "is_official": False,
            "mentioned_in_paper": False, "mentioned_in_github": True, "framework": "none"}  # fmt: skip


@pytest.fixture(scope="module")
def searched(session_driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    folder: Path = tmp_path_factory.mktemp("search-archive")
    papers = [_paper(f"zebra-paper-{i:02d}", f"Zebra findings {i}", "A study of many things.")
              for i in range(5)]  # fmt: skip
    # twelve papers whose titles and abstracts are the same: the same score for "quokka"
    papers += [_paper(f"quokka-{c}", "Quokka Study", "Quokka.") for c in "lkjihgfedcba"]
    # thirty stubs whose titles hold nothing but the word: the best hits for "zebra"
    stubs = [_stub_link(f"zebra-stub-{i:02d}", "Zebra Zebra Zebra") for i in range(30)]
    (folder / "papers-with-abstracts.json").write_text(json.dumps(papers))
    (folder / "links-between-papers-and-code.json").write_text(json.dumps(stubs))
    load_emptied(session_driver, folder)
    return session_driver


def test_stubs_in_the_best_hits_do_not_shorten_the_first_page(
    searched: Driver, api_server: RunningServer
) -> None:
    stubs = searched.execute_query("MATCH (p:Paper {stub: true}) RETURN count(p) AS n").records
    assert stubs[0]["n"] == 30
    page = api_server.data(SEARCH, {"q": "zebra", "first": 2})["search"]
    whole = api_server.data(SEARCH, {"q": "zebra", "first": 100})["search"]
    assert page["totalCount"] == whole["totalCount"] == 5
    assert len(whole["nodes"]) == 5
    assert {n["slug"] for n in whole["nodes"]} == {f"zebra-paper-{i:02d}" for i in range(5)}
    assert page["nodes"] == whole["nodes"][:2]


def test_ties_at_the_edge_of_the_first_page_go_by_slug(
    searched: Driver, api_server: RunningServer
) -> None:
    expected = [f"quokka-{c}" for c in "abcdefghijkl"]
    for first in (1, 3, 5, 11, 12):
        page = api_server.data(SEARCH, {"q": "quokka", "first": first})["search"]
        assert [n["slug"] for n in page["nodes"]] == expected[:first], first
        rest = api_server.data(NEXT, {"q": "quokka", "after": page["pageInfo"]["endCursor"]})
        assert [n["slug"] for n in rest["search"]["nodes"]] == expected[first:], first


HITS = """query H($q: String!, $atMost: Int!) {
  search(query: $q, first: 1) { totalCount hitCount(atMost: $atMost) { count exact } } }"""


@pytest.mark.parametrize(
    ("word", "at_most", "expected"),
    [
        ("zebra", 2, {"count": 2, "exact": False}),  # the best 5 hits are stubs: all counted
        ("zebra", 5, {"count": 5, "exact": True}),  # the same, and no more than atMost
        ("zebra", 1000, {"count": 5, "exact": True}),  # every hit came back
        ("quokka", 3, {"count": 3, "exact": False}),  # more papers than atMost among the best
        ("quokka", 11, {"count": 11, "exact": False}),  # every hit came back, one too many
        ("quokka", 12, {"count": 12, "exact": True}),
        ("nothing-at-all", 1, {"count": 0, "exact": True}),
    ],
)
def test_hit_count_is_exact_up_to_at_most_whatever_the_stubs(
    searched: Driver, api_server: RunningServer, word: str, at_most: int, expected: dict[str, Any]
) -> None:
    found = api_server.data(HITS, {"q": word, "atMost": at_most})["search"]
    assert found["hitCount"] == expected
    assert found["totalCount"] == {"zebra": 5, "quokka": 12}.get(word, 0)


def test_hit_count_out_of_bounds_names_the_argument(
    searched: Driver, api_server: RunningServer
) -> None:
    for at_most in (0, 10_001):
        body = api_server.graphql(HITS, {"q": "quokka", "atMost": at_most}).json()
        assert body["data"] is None  # search is non-null: the error reaches the root
        (error,) = body["errors"]
        assert error["message"] == f"atMost: from 1 to 10,000 (got {at_most:,})"
        assert error["path"] == ["search", "hitCount"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
