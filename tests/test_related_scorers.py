"""The two related-paper scorers give the same links: numpy's (the online step's, in the
loader's process) and the compiled kernel (the bulk path's scorer processes).

A bulk load and an online load must write the same RELATED_TO links (tests/test_bulk_load.py
compares whole exports); here every paper of a generated archive, read back from Neo4j, is
scored both ways with hubs at several thresholds, so that the hub bonus and the pruning of
candidates that no hub could lift are both exercised.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from neo4j import Driver, NotificationDisabledClassification

from loaders.generate import generate_archive
from loaders.related import SCORING_CHUNK, PaperFeatureGraph, RelatedSettings
from server.cli import main


@pytest.fixture
def loaded(driver: Driver, neo4j_env: object, tmp_path: Path) -> Driver:
    archive = tmp_path / "archive"
    generate_archive(archive, papers=1500, seed=5)
    assert main(["load", "--online", "--rejects", os.devnull, str(archive)]) == 0
    return driver


@pytest.mark.parametrize("hub_degree", [4, 25, RelatedSettings().hub_degree])
@pytest.mark.parametrize("k", [1, 10])
def test_numpy_and_compiled_scorers_give_the_same_links(
    loaded: Driver, hub_degree: int, k: int
) -> None:
    with loaded.session(
        notifications_disabled_classifications=[NotificationDisabledClassification.DEPRECATION]
    ) as session:
        graph = PaperFeatureGraph.read(session, hub_degree)
    if hub_degree < RelatedSettings().hub_degree:
        assert graph.is_hub.sum() > 10  # the hub bonus is exercised
    papers = np.arange(len(graph.paper_ids), dtype=np.int64)
    links = 0
    for start in range(0, len(papers), SCORING_CHUNK):
        chunk = papers[start : start + SCORING_CHUNK]
        by_numpy = graph.top_related(chunk, k)
        by_kernel = graph.top_related_compiled(chunk, k)
        assert by_numpy == by_kernel, f"papers {start}-{start + len(chunk) - 1}"
        links += sum(map(len, by_numpy))
    assert links >= len(papers) * min(k, 2) // 2  # not a graph of lonely papers


def test_the_online_load_writes_what_the_kernel_scores(loaded: Driver) -> None:
    """The written links (numpy's) are the kernel's, score for score, reasons included."""
    with loaded.session(
        notifications_disabled_classifications=[NotificationDisabledClassification.DEPRECATION]
    ) as session:
        graph = PaperFeatureGraph.read(session, RelatedSettings().hub_degree)
    records, _, _ = loaded.execute_query(
        "MATCH (p:Paper)-[r:RELATED_TO]->(q:Paper) "
        "RETURN id(p) AS p, id(q) AS q, r.score AS score, r.reasons AS reasons"
    )
    written = {(r["p"], r["q"]): (r["score"], r["reasons"]) for r in records}
    expected = {}
    papers = np.arange(len(graph.paper_ids), dtype=np.int64)
    for start in range(0, len(papers), SCORING_CHUNK):
        chunk = papers[start : start + SCORING_CHUNK]
        for paper, top in zip(chunk.tolist(), graph.top_related_compiled(chunk, 10), strict=True):
            for other, score, shared in top:
                key = (int(graph.paper_ids[paper]), int(graph.paper_ids[other]))
                expected[key] = (score, graph.reasons(shared))
    assert len(written) > 1000
    assert written == expected
