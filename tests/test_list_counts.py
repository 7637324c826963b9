"""The papers lists' kept totals (graphdb/list_counts.py): `papers(where: {task | dataset |
method | author: X, hasCode?, officialCodeOnly?}) { totalCount }` read from numbers the loader
keeps, equal to counting, after a load and after an incremental load that gives papers code,
turns a link official and adds papers; over real HTTP, each request one statement that reads
the kept number instead of counting. The same for every task's, dataset's, method's, author's
and area's `papersByYear`, also after an incremental load that moves a paper to another year.

Expected numbers come from counting queries written here, and from the API's own live count
(the same filter with an empty AND, which the kept numbers do not serve)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from loaders.generate import generate_archive
from tests.conftest import load_emptied
from tests.support.api_archive import KEEP_COAUTHORS_FROM
from tests.support.graph import count
from tests.support.http import RunningServer
from tests.test_trends import load_more

GENERATED = 300
SEED = 7

RELATIONSHIP = {"task": ("Task", "ADDRESSES"), "dataset": ("Dataset", "USES_DATASET"),
                "method": ("Method", "USES_METHOD"), "author": ("Author", "AUTHORED_BY")}  # fmt: skip
CODE = {
    "all": "",
    "code": " AND EXISTS { (p)-[:HAS_CODE]->() }",
    "official": " AND EXISTS { (p)-[:HAS_CODE {official: true}]->() }",
}
TOTALS = """query Totals($name: String!) {
  all: papers(where: {FIELD: $name}) { totalCount }
  code: papers(where: {FIELD: $name, hasCode: true}) { totalCount }
  official: papers(where: {FIELD: $name, officialCodeOnly: true}) { totalCount }
  both: papers(where: {FIELD: $name, hasCode: true, officialCodeOnly: true}) { totalCount }
  liveCode: papers(where: {FIELD: $name, hasCode: true, AND: []}) { totalCount }
  liveOfficial: papers(where: {FIELD: $name, officialCodeOnly: true, AND: []}) { totalCount }
}"""


@pytest.fixture(scope="module")
def counted_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("list-counts")
    generate_archive(folder, GENERATED, SEED)
    return folder


@pytest.fixture(scope="module")
def counted_graph(session_driver: Driver, counted_archive: Path) -> Driver:
    load_emptied(session_driver, counted_archive)
    return session_driver


# Each label's papers, as a page lists them, for counting per year here.
PAPERS_OF = {
    "Task": "MATCH (:Task {name: $name})<-[:ADDRESSES]-(p:Paper)",
    "Dataset": "MATCH (:Dataset {name: $name})<-[:USES_DATASET]-(p:Paper)",
    "Method": "MATCH (:Method {name: $name})<-[:USES_METHOD]-(p:Paper)",
    "Author": "MATCH (:Author {name: $name})<-[:AUTHORED_BY]-(p:Paper)",
    "Area": "MATCH (:Area {name: $name})<-[:IN_AREA]-(:Task)<-[:ADDRESSES]-(p:Paper) WITH DISTINCT p",
}


def years_counted(driver: Driver, label: str, name: str) -> dict[int, int]:
    records, _, _ = driver.execute_query(
        PAPERS_OF[label] + " WITH p WHERE p.published IS NOT NULL "
        "RETURN p.published.year AS year, count(*) AS papers",
        name=name,
    )
    return {r["year"]: r["papers"] for r in records}


def assert_years_kept_equal_counted(
    driver: Driver, server: RunningServer, statements: list[str]
) -> int:
    """Every label's largest nodes: the API's papersByYear (the years between without papers
    as zeros) equals counting here, and is read from the kept list, not counted."""
    checked = 0
    for label in PAPERS_OF:
        records, _, _ = driver.execute_query(
            f"MATCH (f:{label}) RETURN f.name AS name ORDER BY f.paperCount DESC, f.name LIMIT 10"
        )
        for name in [r["name"] for r in records]:
            statements.clear()
            field = label[0].lower() + label[1:]
            answer = server.data(
                f"query ($name: String!) {{ {field}(name: $name) {{ papersByYear {{ year count }} }} }}",
                {"name": name},
            )[field]["papersByYear"]
            expected = years_counted(driver, label, name)
            assert {y["year"]: y["count"] for y in answer if y["count"]} == expected, (label, name)
            if expected:
                assert [y["year"] for y in answer] == list(range(min(expected), max(expected) + 1))
            (statement,) = statements
            assert "yearCounts IS NULL" in statement  # counted only where not kept
            kept = driver.execute_query(
                f"MATCH (f:{label} {{name: $name}}) RETURN f.yearCounts AS kept", name=name
            ).records[0]["kept"]
            assert kept is not None and dict(zip(kept[::2], kept[1::2], strict=True)) == expected
            checked += 1
    return checked


def counted(driver: Driver, field: str, name: str) -> dict[str, int]:
    label, rel = RELATIONSHIP[field]
    return {
        kind: count(driver, f"MATCH (:{label} {{name: $name}})<-[:{rel}]-(p:Paper) "
                            f"WHERE p.stub IS NULL{condition} RETURN count(DISTINCT p)", name=name)
        for kind, condition in CODE.items()
    }  # fmt: skip


def names(driver: Driver, field: str, limit: int = 25) -> list[str]:
    label, rel = RELATIONSHIP[field]
    # the features with the most papers first: the ones whose counts are worth keeping
    records, _, _ = driver.execute_query(
        f"MATCH (f:{label}) RETURN f.name AS name ORDER BY COUNT {{ (f)<-[:{rel}]-() }} DESC, "
        "f.name LIMIT $limit",
        limit=limit,
    )
    return [r["name"] for r in records]


def api_totals(server: RunningServer, field: str, name: str) -> dict[str, int]:
    answer = server.data(TOTALS.replace("FIELD", field), {"name": name})
    return {alias: page["totalCount"] for alias, page in answer.items()}


def assert_kept_equal_counted(driver: Driver, server: RunningServer) -> int:
    checked = 0
    for field in RELATIONSHIP:
        for name in names(driver, field):
            expected = counted(driver, field, name)
            got = api_totals(server, field, name)
            assert got == {
                "all": expected["all"], "code": expected["code"], "official": expected["official"],
                "both": expected["official"], "liveCode": expected["code"],
                "liveOfficial": expected["official"],
            }, f"{field} {name!r}"  # fmt: skip
            checked += 1
    return checked


def test_kept_totals_equal_counting_after_a_load(
    counted_graph: Driver, api_server: RunningServer
) -> None:
    assert assert_kept_equal_counted(counted_graph, api_server) >= 40
    # every feature is counted, and none is left flagged
    for label, _ in RELATIONSHIP.values():
        assert count(counted_graph, f"MATCH (f:{label}) WHERE f.listedPapers IS NULL "
                                    "OR f.codeCountStale IS NOT NULL RETURN count(f)") == 0  # fmt: skip
    assert (
        count(counted_graph, "MATCH (p:Paper) WHERE p.codeStale IS NOT NULL RETURN count(p)") == 0
    )


def test_a_kept_total_is_read_in_the_one_statement(
    counted_graph: Driver, api_server: RunningServer, statements: list[str]
) -> None:
    task = names(counted_graph, "task", 1)[0]
    answer = api_server.data(
        "{ papers(first: 2, where: {task: $t, hasCode: true}) { totalCount nodes { slug } } }".replace(
            "$t", json.dumps(task)
        )
    )
    assert answer["papers"]["totalCount"] == counted(counted_graph, "task", task)["code"]
    assert len(statements) == 1
    assert "f.listedPapersWithCode" in statements[0]
    # a filter the kept numbers do not serve is counted
    api_server.data(
        "{ papers(where: {task: $t, hasCode: false}) { totalCount } }".replace(
            "$t", json.dumps(task)
        )
    )
    assert "listedPapers" not in statements[1]


def test_papers_by_year_are_kept_equal_to_counting(
    counted_graph: Driver, api_server: RunningServer, statements: list[str]
) -> None:
    assert assert_years_kept_equal_counted(counted_graph, api_server, statements) >= 40


def undated_links(driver: Driver) -> int:
    """Task, method and author links whose kept name or date (graphdb/model.py DATED_LINKS) is
    not their node's name or their paper's date, after checking that there are such links."""
    links = count(
        driver, "MATCH (:Paper)-[r:ADDRESSES|USES_METHOD|AUTHORED_BY]->() RETURN count(r)"
    )
    assert links > 100
    return count(driver, "MATCH (p:Paper)-[r:ADDRESSES|USES_METHOD|AUTHORED_BY]->(f) "
                 "WHERE r.name IS NULL OR r.name <> f.name OR r.paperDate IS NULL "
                 "OR r.paperDate <> coalesce(p.published, date('0001-01-01')) RETURN count(r)")  # fmt: skip


def test_task_and_method_links_keep_their_paper_s_date(counted_graph: Driver) -> None:
    assert undated_links(counted_graph) == 0


# The authors whose kept co-author ranking (loaders/coauthors.py) is not the ranking counted
# here: every co-author once, with the paths through shared papers the API counts.
MISRANKED = """
MATCH (a:Author)
WITH a, COLLECT { MATCH (a)-[c:COAUTHOR]->(b:Author) RETURN [b.name, c.shared, c.of]
                  ORDER BY b.name } AS kept,
        COLLECT { MATCH (a)<-[:AUTHORED_BY]-(:Paper)-[:AUTHORED_BY]->(b:Author) WHERE b <> a
                  WITH b, count(*) AS shared RETURN [b.name, shared, a.name] ORDER BY b.name } AS live
WHERE CASE WHEN a.paperCount >= $keepFrom THEN a.coauthorsKept IS NULL OR kept <> live
           ELSE a.coauthorsKept IS NOT NULL OR size(kept) > 0 END
RETURN count(a)"""


def misranked_coauthors(driver: Driver) -> int:
    """Authors whose kept co-authors are wrong or missing, or kept when they should not be,
    after checking that some are kept and some not."""
    kept = count(driver, "MATCH (a:Author) WHERE a.coauthorsKept IS NOT NULL "
                 "AND EXISTS { (a)-[:COAUTHOR]->() } RETURN count(a)")  # fmt: skip
    assert 5 < kept < count(driver, "MATCH (a:Author) RETURN count(a)") / 2
    return count(driver, MISRANKED, keepFrom=KEEP_COAUTHORS_FROM)


def test_authors_of_many_papers_keep_their_co_author_ranking(counted_graph: Driver) -> None:
    assert misranked_coauthors(counted_graph) == 0


COAUTHORS = """query ($name: String!, $after: String) { author(name: $name) {
  coauthors(first: 4, after: $after) { totalCount edges { sharedPapers node { name } }
                                        pageInfo { hasNextPage endCursor } } } }"""


def coauthor_pages(server: RunningServer, name: str) -> tuple[int, list[tuple[str, int]]]:
    """An author's co-authors over HTTP, page after page: their total and every edge."""
    edges: list[tuple[str, int]] = []
    after = None
    while True:
        page = server.data(COAUTHORS, {"name": name, "after": after})["author"]["coauthors"]
        edges += [(e["node"]["name"], e["sharedPapers"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return page["totalCount"], edges
        after = page["pageInfo"]["endCursor"]


def test_a_kept_co_author_ranking_is_what_the_api_pages_through(
    counted_graph: Driver, api_server: RunningServer, statements: list[str]
) -> None:
    """The API's pages of the kept rankings, from their index, and of the others, ranked per
    request, are the ranking counted here; and the kept one is what the API reads."""
    records, _, _ = counted_graph.execute_query(
        "MATCH (a:Author) WITH a.coauthorsKept IS NOT NULL AS kept, a "
        "ORDER BY a.paperCount DESC, a.name WITH kept, collect(a.name)[..30] AS names "
        "UNWIND names AS name RETURN name, kept ORDER BY kept DESC, name"
    )  # the 30 authors of most papers of each kind
    assert {r["kept"] for r in records} == {True, False}
    for record in records:
        expected = counted_graph.execute_query(
            "MATCH (:Author {name: $name})<-[:AUTHORED_BY]-(:Paper)-[:AUTHORED_BY]->(b:Author) "
            "WHERE b.name <> $name WITH b, count(*) AS shared "
            "RETURN b.name AS name, shared ORDER BY shared DESC, name", name=record["name"],
        ).records  # fmt: skip
        statements.clear()
        total, edges = coauthor_pages(api_server, record["name"])
        assert (total, edges) == (len(expected), [(r["name"], r["shared"]) for r in expected])
        assert all("COAUTHOR" in statement for statement in statements)
    top = next(r["name"] for r in records if r["kept"])
    total, edges = coauthor_pages(api_server, top)
    try:
        counted_graph.execute_query(
            "MATCH ()-[c:COAUTHOR {of: $name}]->(:Author {name: $last}) SET c.shared = 1000",
            name=top, last=edges[-1][0])  # fmt: skip
        assert coauthor_pages(api_server, top) == (total, [(edges[-1][0], 1000), *edges[:-1]])
    finally:
        counted_graph.execute_query(
            "MATCH ()-[c:COAUTHOR {of: $name}]->(:Author {name: $last}) SET c.shared = $shared",
            name=top, last=edges[-1][0], shared=edges[-1][1])  # fmt: skip


def test_an_unknown_name_totals_zero(counted_graph: Driver, api_server: RunningServer) -> None:
    assert set(api_totals(api_server, "task", "No Such Task").values()) == {0}


def _newer_dump(driver: Driver, folder: Path, archive: Path) -> dict[str, Any]:
    """Code for two papers without any (one official), an existing link turned official, a
    new paper with code on the largest task and an existing author, and a paper with datasets
    moved to 1999 (its datasets, kept by other files, must count it in its new year)."""
    folder.mkdir()
    records, _, _ = driver.execute_query(
        "MATCH (p:Paper) WHERE p.stub IS NULL AND NOT EXISTS { (p)-[:HAS_CODE]->() } "
        "AND EXISTS { (p)-[:ADDRESSES]->() } RETURN p.slug AS slug, p.title AS title "
        "ORDER BY p.slug LIMIT 2"
    )
    bare = [(r["slug"], r["title"]) for r in records]
    records, _, _ = driver.execute_query(
        "MATCH (p:Paper)-[h:HAS_CODE]->(r:Repository) WHERE p.stub IS NULL "
        "AND coalesce(h.official, false) = false AND EXISTS { (p)-[:ADDRESSES]->() } "
        "RETURN p.slug AS slug, p.title AS title, r.url AS url ORDER BY p.slug LIMIT 1"
    )
    flipped = records[0]
    task = names(driver, "task", 1)[0]
    author = names(driver, "author", 1)[0]

    def link(slug: str, title: str, repo: str, official: bool) -> dict[str, Any]:
        return {"paper_url": f"https://paperswithcode.com/paper/{slug}", "paper_title": title,
                "paper_arxiv_id": None, "paper_url_abs": None, "paper_url_pdf": None, "repo_url": repo,
                "is_official": official, "mentioned_in_paper": True, "mentioned_in_github": True,
                "framework": "pytorch"}  # fmt: skip

    (folder / "links-between-papers-and-code.json").write_text(json.dumps([
        link(bare[0][0], bare[0][1], "https://github.com/counts/first", True),
        link(bare[1][0], bare[1][1], "https://github.com/counts/second", False),
        link(flipped["slug"], flipped["title"], flipped["url"], True),
        link("counted-newcomer", "Counted Newcomer", "https://github.com/counts/newcomer", True),
    ]))  # fmt: skip
    with_dataset = driver.execute_query(
        "MATCH (p:Paper)-[:USES_DATASET]->(d:Dataset) WHERE p.published.year > 1999 "
        "AND NOT p.slug IN $changed RETURN p.slug AS slug, d.name AS dataset "
        "ORDER BY p.slug DESC LIMIT 1",  # a paper whose code stays: only its date flags it
        changed=[slug for slug, _ in bare] + [flipped["slug"]],
    ).records[0]
    with gzip.open(archive / "papers-with-abstracts.json.gz") as dump:
        moved = next(
            dict(record, date="1999-03-04")
            for record in json.load(dump)
            if record["paper_url"].endswith("/" + with_dataset["slug"])
        )
    (folder / "papers-with-abstracts.json").write_text(json.dumps([{
        "paper_url": "https://paperswithcode.com/paper/counted-newcomer", "arxiv_id": None,
        "title": "Counted Newcomer", "abstract": "New.", "authors": [author], "tasks": [task],
        "date": "2024-05-05", "url_abs": None, "url_pdf": None, "proceeding": None,
        "conference": None, "methods": []}, moved]))  # fmt: skip
    return {"task": task, "author": author, "dataset": with_dataset["dataset"]}


def test_kept_totals_follow_an_incremental_load(
    counted_graph: Driver,
    counted_archive: Path,
    api_server: RunningServer,
    statements: list[str],
    tmp_path: Path,
) -> None:
    changed = _newer_dump(counted_graph, tmp_path / "newer", counted_archive)
    before = {f: counted(counted_graph, f, changed[f]) for f in changed}
    years_before = years_counted(counted_graph, "Dataset", changed["dataset"])
    load_more(counted_graph, tmp_path / "newer")
    after = {f: counted(counted_graph, f, changed[f]) for f in changed}
    assert after["task"]["all"] == before["task"]["all"] + 1
    assert after["task"]["official"] == before["task"]["official"] + 1
    assert assert_kept_equal_counted(counted_graph, api_server) >= 40
    years_after = years_counted(counted_graph, "Dataset", changed["dataset"])
    assert years_after[1999] == years_before.get(1999, 0) + 1
    kept = api_server.data(
        "query ($name: String!) { dataset(name: $name) { papersByYear { year count } } }",
        {"name": changed["dataset"]},
    )["dataset"]["papersByYear"]
    assert {y["year"]: y["count"] for y in kept if y["count"]} == years_after
    assert assert_years_kept_equal_counted(counted_graph, api_server, statements) >= 40
    assert count(counted_graph, "MATCH (f) WHERE f.yearsStale IS NOT NULL RETURN count(f)") == 0
    # the moved paper's task and method links moved with it
    assert undated_links(counted_graph) == 0
    assert count(counted_graph, "MATCH (p:Paper)-[r:ADDRESSES|USES_METHOD]->() "
                 "WHERE r.paperDate = date('1999-03-04') RETURN count(r)") > 0  # fmt: skip
    # the rewritten papers' authors ranked their co-authors again
    assert misranked_coauthors(counted_graph) == 0
    # the same dump again: nothing to pass on or count
    load_more(counted_graph, tmp_path / "newer")
    assert count(counted_graph, "MATCH (f) WHERE f.codeCountStale IS NOT NULL RETURN count(f)") == 0
    assert assert_kept_equal_counted(counted_graph, api_server) >= 40


def test_a_graph_loaded_before_links_were_dated_gets_their_dates_at_its_next_load(
    counted_graph: Driver, counted_archive: Path
) -> None:
    """As stop 27's loader left it: task and method links dated and marked `linksDated`, author
    links not; and one older still, with none dated."""
    for undated in ("AUTHORED_BY", "ADDRESSES|USES_METHOD|AUTHORED_BY"):
        with counted_graph.session() as session:
            session.run(f"MATCH ()-[r:{undated}]->() REMOVE r.name, r.paperDate").consume()
            session.run(
                "MATCH (c:GraphCounts) REMOVE c.datedLinks SET c.linksDated = true"
            ).consume()
        assert count(counted_graph, "MATCH ()-[r:AUTHORED_BY]->() WHERE r.paperDate IS NULL "
                     "RETURN count(r)") > 100  # fmt: skip
        load_more(counted_graph, counted_archive)  # the same dump: only the dates are new
        assert undated_links(counted_graph) == 0
        marks = counted_graph.execute_query(
            "MATCH (c:GraphCounts) RETURN c.datedLinks AS dated, c.linksDated AS old"
        ).records
        assert [(r["dated"], r["old"]) for r in marks] == [
            (["ADDRESSES", "AUTHORED_BY", "USES_METHOD"], None)
        ]


def test_a_graph_loaded_before_co_authors_were_kept_gets_them_at_its_next_load(
    counted_graph: Driver, counted_archive: Path
) -> None:
    with counted_graph.session() as session:
        session.run("MATCH ()-[c:COAUTHOR]->() DELETE c").consume()
        session.run("MATCH (a:Author) REMOVE a.coauthorsKept").consume()
    assert count(counted_graph, MISRANKED, keepFrom=KEEP_COAUTHORS_FROM) > 5
    load_more(counted_graph, counted_archive)  # the same dump: only the rankings are new
    assert misranked_coauthors(counted_graph) == 0
