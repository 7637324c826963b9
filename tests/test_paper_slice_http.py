"""The first slice end to end: papers from a .json.gz dump come back over HTTP GraphQL."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from neo4j import Driver

from server.cli import main
from tests.conftest import FIXTURES
from tests.support.http import RunningServer

PAPER_QUERY = """
query ($slug: String, $arxivId: String) {
  paper(slug: $slug, arxivId: $arxivId) { slug arxivId title abstract published authors { nodes { name } } }
}
"""
VASWANI_ET_AL = [
    "Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit",
    "Llion Jones", "Aidan N. Gomez", "Lukasz Kaiser", "Illia Polosukhin",
]  # fmt: skip


@pytest.fixture
def loaded(driver: Driver, neo4j_env: object, tmp_path: Path) -> Driver:
    dump = tmp_path / "jul-28-papers-with-abstracts.json.gz"
    with (FIXTURES / "papers-with-abstracts.json").open("rb") as src, gzip.open(dump, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert main(["load", str(dump), "--rejects", str(tmp_path / "rejects.jsonl")]) == 0
    assert not (tmp_path / "rejects.jsonl").exists()
    return driver


def test_paper_by_slug_has_authors_in_order(loaded: Driver, api_server: RunningServer) -> None:
    paper = api_server.data(PAPER_QUERY, {"slug": "attention-is-all-you-need"})["paper"]
    assert paper["title"] == "Attention Is All You Need"
    assert paper["arxivId"] == "1706.03762"
    assert paper["published"] == "2017-06-12"
    assert paper["abstract"].startswith("The dominant sequence transduction models")
    assert [a["name"] for a in paper["authors"]["nodes"]] == VASWANI_ET_AL


@pytest.mark.parametrize(
    "arxiv_id",
    [
        "1512.03385",
        "1512.03385v1",
        "https://arxiv.org/abs/1512.03385v2",
        "arxiv.org/pdf/1512.03385",
    ],
)
def test_paper_by_arxiv_id_in_any_spelling(
    loaded: Driver, api_server: RunningServer, arxiv_id: str
) -> None:
    paper = api_server.data(PAPER_QUERY, {"arxivId": arxiv_id})["paper"]
    assert paper["slug"] == "deep-residual-learning-for-image-recognition"
    assert [a["name"] for a in paper["authors"]["nodes"]] == [
        "Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun",
    ]  # fmt: skip


def test_unknown_paper_is_null_and_paper_without_authors_is_empty(
    loaded: Driver, api_server: RunningServer
) -> None:
    assert api_server.data(PAPER_QUERY, {"slug": "no-such-paper"})["paper"] is None
    paper = api_server.data(PAPER_QUERY, {"slug": "a-paper-without-arxiv"})["paper"]
    assert paper == {
        "slug": "a-paper-without-arxiv", "arxivId": None, "title": "A Paper Without arXiv",
        "abstract": None, "published": None, "authors": {"nodes": []},
    }  # fmt: skip


def test_bad_arguments_are_named_errors(loaded: Driver, api_server: RunningServer) -> None:
    body = api_server.graphql(PAPER_QUERY, {"arxivId": "not-an-id"}).json()
    assert body["data"] == {"paper": None}
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "arxivId: 'not-an-id'" in body["errors"][0]["message"]
    body = api_server.graphql(PAPER_QUERY, {}).json()
    assert "give exactly one of id, slug, arxivId" in body["errors"][0]["message"]


def test_reloading_the_same_dump_changes_nothing(loaded: Driver, tmp_path: Path) -> None:
    def snapshot() -> list[object]:
        records, _, _ = loaded.execute_query(
            "MATCH (p:Paper) OPTIONAL MATCH (p)-[r:AUTHORED_BY]->(a) "
            "WITH p, r, a ORDER BY r.position "
            "RETURN p.slug AS slug, properties(p) AS props, collect([r.position, a.name]) AS authors "
            "ORDER BY slug"
        )
        return [r.data() for r in records]

    before = snapshot()
    dump = tmp_path / "papers-with-abstracts.json"
    shutil.copy(FIXTURES / "papers-with-abstracts.json", dump)
    assert main(["load", str(dump)]) == 0
    assert snapshot() == before
