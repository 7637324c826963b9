"""Loading venues and the fields the archive gives: conferences and proceedings as nodes,
idempotent, incremental (a paper moved to another proceeding moves), counts kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import Driver
from rich.console import Console

from loaders.pipeline import LoadReport, load_dumps
from loaders.progress import LineProgress
from loaders.rejects import RejectsFile
from tests.support.graph import count, empty, snapshot


def paper(slug: str, proceeding: str | None, **more: Any) -> dict[str, Any]:
    return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "title": slug.title(),
            "authors": ["Ann"], "tasks": ["T"], "date": "2018-06-01", "proceeding": proceeding} | more  # fmt: skip


def write(folder: Path, papers: list[Any], code: list[Any] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "papers-with-abstracts.json").write_text(json.dumps(papers))
    if code is not None:
        (folder / "links-between-papers-and-code.json").write_text(json.dumps(code))
    return folder


def load(driver: Driver, folder: Path) -> tuple[LoadReport, list[dict[str, Any]]]:
    path = folder.parent / f"{folder.name}-rejects.jsonl"
    with RejectsFile(path) as rejects:
        report = load_dumps(driver, [folder], rejects=rejects, progress=LineProgress(Console(quiet=True)))  # fmt: skip
    assert report.ok
    lines = path.read_text().splitlines() if rejects.count else []
    return report, [json.loads(line) for line in lines]


def venues(driver: Driver) -> dict[str, Any]:
    """Every conference with its years and count, every proceeding with its papers."""
    conferences, _, _ = driver.execute_query(
        "MATCH (c:Conference) RETURN c.name AS name, c.years AS years, c.paperCount AS n ORDER BY name"
    )
    proceedings, _, _ = driver.execute_query(
        "MATCH (p:Proceeding)-[:OF_CONFERENCE]->(c:Conference) RETURN p.name AS name, c.name AS conference, "
        "p.year AS year, p.paperCount AS n, COLLECT { MATCH (x:Paper)-[:PUBLISHED_IN]->(p) RETURN x.slug ORDER BY x.slug } AS papers "
        "ORDER BY name"
    )  # fmt: skip
    return {
        "conferences": [(r["name"], r["years"], r["n"]) for r in conferences],
        "proceedings": [(r["name"], r["conference"], r["year"], r["n"], r["papers"]) for r in proceedings],
    }  # fmt: skip


def link(slug: str, repo: str) -> dict[str, Any]:
    return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "paper_title": slug,
            "repo_url": repo, "is_official": True, "framework": "pytorch"}  # fmt: skip


V1 = [
    paper("a", "NeurIPS 2018 12"),
    paper("b", "ICML 2018 7", openreview_id="rJb", nips_id="8192"),
    paper("c", "ICML 2019 6", reproduces_paper="https://paperswithcode.com/paper/not-loaded"),
    paper("d", "ICLR"),  # names no proceeding: kept as text only
    paper("e", "NeurIPS 2018 12", reproduces_paper="b"),
]
CODE = [link("a", "https://github.com/x/one"), link("b", "https://github.com/x/one"),
        link("e", "https://github.com/x/two")]  # fmt: skip


def test_conferences_and_proceedings_load_once_and_a_reload_changes_nothing(
    driver: Driver, tmp_path: Path
) -> None:
    folder = write(tmp_path / "v1", V1, CODE)
    first, rejected = load(driver, folder)
    assert rejected == []
    assert venues(driver) == {
        "conferences": [("ICML", [2018, 2019], 2), ("NeurIPS", [2018], 2)],
        "proceedings": [("ICML 2018", "ICML", 2018, 1, ["b"]), ("ICML 2019", "ICML", 2019, 1, ["c"]),
                        ("NeurIPS 2018", "NeurIPS", 2018, 2, ["a", "e"])],
    }  # fmt: skip
    assert count(driver, "MATCH (p:Paper {slug: 'd'}) WHERE p.proceeding = 'ICLR' AND NOT (p)-[:PUBLISHED_IN]->() RETURN count(p)") == 1  # fmt: skip
    # reproductions: a paper not loaded is a stub
    reproduced, _, _ = driver.execute_query(
        "MATCH (p:Paper)-[:REPRODUCES]->(q:Paper) RETURN p.slug AS p, q.slug AS q, q.stub AS stub ORDER BY p"
    )
    assert [(r["p"], r["q"], r["stub"]) for r in reproduced] == [
        ("c", "not-loaded", True),
        ("e", "b", None),
    ]
    # a repository's papers are counted
    repos, _, _ = driver.execute_query(
        "MATCH (r:Repository) RETURN r.url AS url, r.paperCount AS n ORDER BY url"
    )
    assert [(r["url"], r["n"]) for r in repos] == [
        ("https://github.com/x/one", 2),
        ("https://github.com/x/two", 1),
    ]
    assert count(driver, "MATCH (n) WHERE n.countStale IS NOT NULL RETURN count(n)") == 0
    assert first.counts.nodes_created > 0

    before = snapshot(driver)
    again, _ = load(driver, folder)
    assert (again.counts.nodes_created, again.counts.nodes_deleted, again.counts.relationships_created,
            again.counts.relationships_deleted) == (0, 0, 0, 0)  # fmt: skip
    assert {p.name: p.detail for p in again.phases}["proceedings"].startswith("nothing to update")
    assert snapshot(driver) == before


def test_a_newer_dump_moves_a_paper_to_another_proceeding(driver: Driver, tmp_path: Path) -> None:
    v2 = [dict(p) for p in V1]
    v2[0]["proceeding"] = "ICML 2018 7"  # a: NeurIPS 2018 -> ICML 2018
    v2[4]["proceeding"] = "ICML 2018 7"  # e too: NeurIPS 2018 is left empty, and NeurIPS
    v2[2]["proceeding"] = "ICLR"  # c: names no proceeding any more: ICML 2019 is left empty
    v2[3]["proceeding"] = "CVPR 2018 6"  # d: gains one
    load(driver, write(tmp_path / "v1", V1, CODE))
    report, _ = load(driver, write(tmp_path / "v2", v2, CODE))
    assert venues(driver) == {
        "conferences": [("CVPR", [2018], 1), ("ICML", [2018], 3)],
        "proceedings": [("CVPR 2018", "CVPR", 2018, 1, ["d"]), ("ICML 2018", "ICML", 2018, 3, ["a", "b", "e"])],
    }  # fmt: skip
    assert report.counts.nodes_deleted == 3  # NeurIPS 2018, NeurIPS, ICML 2019
    assert count(driver, "MATCH (n) WHERE n.countStale IS NOT NULL RETURN count(n)") == 0
    updated = snapshot(driver)
    empty(driver)
    load(driver, write(tmp_path / "clean", v2, CODE))
    assert snapshot(driver) == updated  # the same graph as a clean load of the newer dump


def test_a_reproduced_stub_becomes_the_paper_and_bad_values_are_rejected(
    driver: Driver, tmp_path: Path
) -> None:
    bad = [paper("f", "NeurIPS 2018 12", reproduces_paper="https://example.org/elsewhere"),
           paper("g", ["NeurIPS"])]  # fmt: skip
    _, rejected = load(driver, write(tmp_path / "v1", V1 + bad))
    assert [(r["index"], r["reason"]) for r in rejected] == [
        (5, "reproduces_paper 'https://example.org/elsewhere' is not a Papers With Code paper URL or slug"),
        (6, "proceeding should be a string or null, got array"),
    ]  # fmt: skip
    load(driver, write(tmp_path / "v2", [*V1, paper("not-loaded", "ICML 2019 6")]))
    stub, _, _ = driver.execute_query(
        "MATCH (:Paper {slug: 'c'})-[:REPRODUCES]->(q:Paper) RETURN q.stub AS stub, q.title AS title, "
        "COLLECT { MATCH (q)-[:PUBLISHED_IN]->(p) RETURN p.name } AS venue"
    )
    assert (stub[0]["stub"], stub[0]["title"], stub[0]["venue"]) == (
        None,
        "Not-Loaded",
        ["ICML 2019"],
    )
