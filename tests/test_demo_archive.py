"""The demo archive (samples/demo, what `scripts/demo.sh` loads) makes every kind of page worth
looking at: its real papers have results, official code, related papers and tasks with
leaderboards, asked of the API over HTTP as the site asks them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from tests.conftest import load_emptied
from tests.support.http import RunningServer, serve_in_thread

DEMO = Path(__file__).resolve().parent.parent / "samples" / "demo"

# The real papers of the demo, each with the official repository the archive links.
REAL_WITH_RESULTS = {
    "attention-is-all-you-need": "https://github.com/tensorflow/tensor2tensor",
    "bert-pre-training-of-deep-bidirectional": "https://github.com/google-research/bert",
    "semi-supervised-classification-with-graph": "https://github.com/tkipf/gcn",
    "inductive-representation-learning-on-large": "https://github.com/williamleif/GraphSAGE",
    "how-powerful-are-graph-neural-networks": "https://github.com/weihua916/powerful-gnns",
    "node2vec-scalable-feature-learning-for": "https://github.com/aditya-grover/node2vec",
    "deepwalk-online-learning-of-social": "https://github.com/phanein/deepwalk",
}

PAGE = """query Page($slug: String!) { paper(slug: $slug) {
  title authors { nodes { name } }
  tasks { nodes { name leaderboards(first: 5) { nodes { dataset { name } } } } }
  repositories { edges { official node { url } } }
  results(first: 50) { totalCount nodes { rank task { name } dataset { name } } }
  related(first: 5) { edges { node { slug } } } } }"""


@pytest.fixture(scope="module")
def demo(
    session_driver: Driver, neo4j_settings: Neo4jSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    folder = tmp_path_factory.mktemp("demo")
    for dump in DEMO.glob("*.json.gz"):
        shutil.copy(dump, folder / dump.name)
    load_emptied(session_driver, folder)
    with serve_in_thread(neo4j_settings) as server:
        yield server


@pytest.mark.parametrize("slug", REAL_WITH_RESULTS)
def test_each_real_paper_of_the_demo_has_a_full_page(demo: RunningServer, slug: str) -> None:
    paper = demo.data(PAGE, {"slug": slug})["paper"]
    assert paper is not None, f"{slug} is not in the demo archive"
    assert paper["authors"]["nodes"], f"{slug} has no authors"
    assert {"official": True, "node": {"url": REAL_WITH_RESULTS[slug]}} in paper["repositories"][
        "edges"
    ]
    assert paper["results"]["totalCount"] > 0, f"{slug} reports no results"
    assert any(r["rank"] is not None for r in paper["results"]["nodes"]), (
        f"{slug} is ranked nowhere"
    )
    assert paper["related"]["edges"], f"{slug} has no related papers"
    boards = [b for t in paper["tasks"]["nodes"] for b in t["leaderboards"]["nodes"]]
    assert boards, f"no task of {slug} has a leaderboard"


def test_the_graph_papers_are_related_through_their_shared_author(demo: RunningServer) -> None:
    author = demo.data(
        '{ author(name: "Jure Leskovec") { papers { nodes { slug } } coauthors(first: 20) { nodes { name } } } }'
    )["author"]
    assert {p["slug"] for p in author["papers"]["nodes"]} == {
        "inductive-representation-learning-on-large",
        "how-powerful-are-graph-neural-networks",
        "node2vec-scalable-feature-learning-for",
    }
    assert {"William L. Hamilton", "Aditya Grover", "Stefanie Jegelka"} <= {
        a["name"] for a in author["coauthors"]["nodes"]
    }


def test_the_transformer_tops_its_reported_leaderboard(demo: RunningServer) -> None:
    board = demo.data(
        """{ leaderboard(task: "Machine Translation", dataset: "WMT2014 English-German") {
             metric rows(first: 3) { nodes { rank model value paper { slug } } } } }"""
    )["leaderboard"]
    assert board["metric"] == "BLEU score"
    assert board["rows"]["nodes"][0] == {
        "rank": 1, "model": "Transformer (big)", "value": "28.4",
        "paper": {"slug": "attention-is-all-you-need"},
    }  # fmt: skip
