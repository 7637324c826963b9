"""Writes that overlap (two loads past the lock, or a lock taken over too early) add nothing twice.

Each test runs one write statement in two transactions at once against the real
Neo4j: the first holds its writes uncommitted while the second reads the same
state and then waits on the first's locks, the moment at which a check made
before a CREATE is stale.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, LiteralString

import pytest
from neo4j import Driver, Transaction

from loaders.generate import generate_archive
from loaders.phases import DERIVE_PAPER_DATASETS, JOIN_RESULTS
from loaders.related import WRITE_RELATED
from loaders.write.papers import UPSERT_PAPERS
from server.cli import main
from tests.support.graph import count

DUPLICATE_LINKS = """
MATCH (a)-[r]->(b)
WITH a, b, type(r) AS type, properties(r) AS props, count(*) AS n WHERE n > 1
RETURN type, count(*) AS pairs ORDER BY type
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate_archive(out, papers=200, seed=3)
    return out


def duplicates(driver: Driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(DUPLICATE_LINKS)
    return {r["type"]: r["pairs"] for r in records}


def twice_at_once(driver: Driver, work: Callable[[Transaction], Any]) -> None:
    """`work` in two transactions: the second starts while the first is still open."""
    with driver.session() as first, driver.session() as second:
        tx1 = first.begin_transaction()
        work(tx1)
        failure: list[BaseException] = []

        def run_second() -> None:
            try:
                with second.begin_transaction() as tx2:
                    work(tx2)
                    tx2.commit()
            except BaseException as exc:  # reported in the test's thread
                failure.append(exc)

        thread = threading.Thread(target=run_second)
        thread.start()
        time.sleep(1.0)  # the second has read the state and waits on the first's locks
        tx1.commit()
        thread.join(timeout=60)
        assert not thread.is_alive()
    if failure:
        raise failure[0]


def run(query: LiteralString, **params: Any) -> Callable[[Transaction], Any]:
    return lambda tx: tx.run(query, params).consume()


def test_the_result_join_twice_at_once_reports_each_result_once(
    driver: Driver, neo4j_env: object, archive: Path, tmp_path: Path
) -> None:
    assert main(["load", str(archive), "--rejects", str(tmp_path / "r.jsonl")]) == 0
    joined = count(driver, "MATCH ()-[r:REPORTS]->() RETURN count(r)")
    assert joined > 0
    driver.execute_query("MATCH ()-[r:REPORTS]->() DELETE r")

    twice_at_once(driver, run(JOIN_RESULTS, after="", batch=100_000))

    assert duplicates(driver) == {}
    assert count(driver, "MATCH ()-[r:REPORTS]->() RETURN count(r)") == joined


def test_paper_datasets_twice_at_once_link_each_dataset_once(
    driver: Driver, neo4j_env: object, archive: Path, tmp_path: Path
) -> None:
    assert main(["load", str(archive), "--rejects", str(tmp_path / "r.jsonl")]) == 0
    derived = count(driver, "MATCH ()-[r:USES_DATASET]->() RETURN count(r)")
    assert derived > 0
    driver.execute_query("MATCH (p:Paper)-[r:USES_DATASET]->() DELETE r SET p.datasetsStale = true")

    twice_at_once(driver, run(DERIVE_PAPER_DATASETS, batch=100_000))

    assert duplicates(driver) == {}
    assert count(driver, "MATCH ()-[r:USES_DATASET]->() RETURN count(r)") == derived


def test_papers_written_twice_at_once_link_each_author_task_and_method_once(
    driver: Driver,
) -> None:
    rows = [
        {
            "slug": f"paper-{i}",
            "hash": f"h{i}",
            "props": {"title": f"Paper {i}"},
            "authors": [f"Author {i}", "Shared Author"],
            "tasks": ["Shared Task"],
            "methods": [{"name": "Shared Method", "props": {}, "collection": None}],
        }
        for i in range(50)
    ]
    # stubs (from code links, say): the paper exists before its record is written
    driver.execute_query(
        "UNWIND $rows AS row CREATE (:Paper {slug: row.slug, stub: true})", rows=rows
    )

    twice_at_once(driver, run(UPSERT_PAPERS, rows=rows))

    assert duplicates(driver) == {}
    assert count(driver, "MATCH ()-[r:AUTHORED_BY]->() RETURN count(r)") == 100
    assert count(driver, "MATCH ()-[r:ADDRESSES]->() RETURN count(r)") == 50
    assert count(driver, "MATCH ()-[r:USES_METHOD]->() RETURN count(r)") == 50


def test_related_links_written_twice_at_once_link_each_pair_once(driver: Driver) -> None:
    # papers of a flagged feature are rewritten without a flag of their own
    driver.execute_query("UNWIND range(0, 49) AS i CREATE (:Paper {slug: 'p' + i})")
    records, _, _ = driver.execute_query("MATCH (p:Paper) RETURN id(p) AS id ORDER BY p.slug")
    ids = [r["id"] for r in records]
    rows = [
        {"paper": ids[i], "links": [{"paper": ids[(i + 1) % 50], "score": 1.0, "reasons": ["x"]}]}
        for i in range(50)
    ]

    twice_at_once(driver, run(WRITE_RELATED, rows=rows))

    assert duplicates(driver) == {}
    assert count(driver, "MATCH ()-[r:RELATED_TO]->() RETURN count(r)") == 50
