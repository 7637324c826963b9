"""Related-paper scores on a hand-made graph, and leaderboard ranks by metric direction."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from server.cli import main

W2, W3 = 1 / math.log(2), 1 / math.log(3)  # weights of features of 2 and 3 papers


def paper(
    slug: str, authors: list[str], tasks: list[str], methods: list[str] = ()
) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        "paper_url": f"https://paperswithcode.com/paper/{slug}", "arxiv_id": None, "title": slug.upper(),
        "abstract": None, "authors": authors, "tasks": tasks, "date": "2020-01-01",
        "methods": [{"name": m} for m in methods],
    }  # fmt: skip


HAND_MADE = [
    paper("p1", ["A", "B"], ["T1"], ["M1"]),
    paper("p2", ["A"], ["T1"]),
    paper("p3", ["B"], ["T2"], ["M1"]),
    paper("p4", ["C"], ["T1", "T2"]),
    paper("p5", ["D"], ["T3"]),
]


def write(folder: Path, name: str, records: list[Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.open(folder / name, "wt") as f:
        json.dump(records, f)
    return folder


def related(driver: Driver, slug: str) -> list[tuple[str, float, list[str]]]:
    records, _, _ = driver.execute_query(
        "MATCH (:Paper {slug: $slug})-[r:RELATED_TO]->(q) RETURN q.slug AS q, r.score AS score, r.reasons AS reasons "
        "ORDER BY r.score DESC, q.slug",
        slug=slug,
    )
    return [(r["q"], r["score"], r["reasons"]) for r in records]


def test_adamic_adar_order_scores_and_reasons(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    assert main(["load", str(write(tmp_path, "papers-with-abstracts.json.gz", HAND_MADE))]) == 0
    p1 = related(driver, "p1")
    assert [q for q, _, _ in p1] == ["p3", "p2", "p4"]
    assert [s for _, s, _ in p1] == pytest.approx([W2 + W2, W2 + W3, W3], abs=1e-8)
    assert p1[0][2] == ["author:B", "method:M1"]
    assert p1[1][2] == ["author:A", "task:T1"]
    # ties are broken by slug: p1 and p2 both share only T1 with p4
    assert [q for q, _, _ in related(driver, "p4")] == ["p3", "p1", "p2"]
    assert related(driver, "p5") == []  # shares nothing


def test_top_k_is_respected(driver: Driver, neo4j_env: object, tmp_path: Path) -> None:
    assert (
        main(
            [
                "load",
                str(write(tmp_path, "papers-with-abstracts.json.gz", HAND_MADE)),
                "--related-k",
                "1",
            ]
        )
        == 0
    )
    assert [q for q, _, _ in related(driver, "p1")] == ["p3"]


def test_hubs_count_in_scores_but_do_not_find_candidates(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    # with hubs above 2 papers, T1 (3 papers) is a hub
    assert (
        main(
            [
                "load",
                str(write(tmp_path, "papers-with-abstracts.json.gz", HAND_MADE)),
                "--hub-degree",
                "2",
            ]
        )
        == 0
    )
    p2 = related(driver, "p2")
    assert [q for q, _, _ in p2] == ["p1"]  # found through A; p4 shares only the hub T1
    assert p2[0][1] == pytest.approx(W2 + W3, abs=1e-8)  # the hub still adds its weight
    assert p2[0][2] == ["author:A", "task:T1"]


def test_a_new_link_recomputes_the_neighbourhood(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    assert (
        main(["load", str(write(tmp_path / "v1", "papers-with-abstracts.json.gz", HAND_MADE))]) == 0
    )
    newer = [*HAND_MADE[:4], paper("p5", ["D", "A"], ["T3"])]  # p5 now shares author A
    assert main(["load", str(write(tmp_path / "v2", "papers-with-abstracts.json.gz", newer))]) == 0
    # A now has 3 papers: every pair through A is re-weighted, and p5 is related
    assert [q for q, _, _ in related(driver, "p5")] == ["p1", "p2"]
    p1 = dict((q, s) for q, s, _ in related(driver, "p1"))
    assert p1["p2"] == pytest.approx(W3 + W3, abs=1e-8)
    assert p1["p5"] == pytest.approx(W3, abs=1e-8)


def test_leaderboard_ranks_follow_the_metric_direction(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    def row(model: str, acc: str, err: str) -> dict[str, Any]:
        return {"model_name": model, "paper_title": "", "paper_url": "", "paper_date": None, "code_links": [],
                "model_links": [], "metrics": {"Accuracy": acc, "Error": err}, "uses_additional_data": False}  # fmt: skip

    table = [{
        "task": "Image Classification", "categories": ["Computer Vision"], "description": "", "subtasks": [],
        "datasets": [{"dataset": "ImageNet", "description": "", "dataset_links": [], "dataset_citations": [],
                      "subdatasets": [], "sota": {"metrics": ["Accuracy", "Error"], "rows": [
                          row("a", "80.1%", "19.9"), row("b", "85.0 ± 0.2", "15.0"),
                          row("c", "Please tell us", "-"), row("d", "85.0", "15")]}}],
    }]  # fmt: skip
    assert main(["load", str(write(tmp_path, "evaluation-tables.json.gz", table))]) == 0
    records, _, _ = driver.execute_query(
        "MATCH (r:Result)-[:ON_TASK]->(:Task {name: 'Image Classification'}) "
        "MATCH (r)-[:ON_DATASET]->(:Dataset {name: 'ImageNet'}) "
        "RETURN r.model AS model, r.metric AS metric, r.rank AS rank, r.value AS value, "
        "r.numericValue AS number, r.errorBound AS bound, r.higherIsBetter AS higher"
    )
    got = {(r["model"], r["metric"]): r.data() for r in records}
    assert {m: got[(m, "Accuracy")]["rank"] for m in "abcd"} == {"a": 3, "b": 1, "c": None, "d": 1}
    assert {m: got[(m, "Error")]["rank"] for m in "abcd"} == {"a": 3, "b": 1, "c": None, "d": 1}
    assert (
        got[("b", "Accuracy")]["value"] == "85.0 ± 0.2" and got[("b", "Accuracy")]["bound"] == 0.2
    )
    assert (
        got[("c", "Accuracy")]["value"] == "Please tell us"
        and got[("c", "Accuracy")]["number"] is None
    )
    assert got[("a", "Accuracy")]["higher"] is True and got[("a", "Error")]["higher"] is False


def test_real_samples_load_and_join_to_papers(
    driver: Driver, neo4j_env: object, tmp_path: Path
) -> None:
    from tests.support.graph import fixture_tables

    tables = fixture_tables(tmp_path / "tables")
    papers = [paper("sagn", ["X"], ["Node Property Prediction"])]
    papers[0]["arxiv_id"] = "2104.09376"
    papers[0]["title"] = "On Scalable and Effective Graph Neural Networks"
    write(tmp_path / "tables", "papers-with-abstracts.json.gz", papers)
    assert main(["load", str(tmp_path / "tables")]) == 0
    assert len(tables) == 8
    records, _, _ = driver.execute_query(
        "MATCH (:Paper {slug: 'sagn'})-[:REPORTS]->(r:Result {metric: 'Test Accuracy'}) "
        "RETURN r.dataset AS dataset, r.value AS value"
    )
    assert {"dataset": "ogbn-products", "value": "0.8428 ± 0.0014"} in [r.data() for r in records]
    squad = driver.execute_query(
        "MATCH (r:Result {task: 'Question Answering', dataset: 'SQuAD1.1'}) RETURN count(r) AS n"
    ).records[0]["n"]
    assert squad > 100  # the sota_rows leaderboard
