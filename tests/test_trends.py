"""Trends and counts (issue 12, item 3) over real HTTP on loaded data: `papersByYear` of tasks,
methods, datasets, authors and areas, `byYear` of paper lists (filtered as the list is) and
root `stats`.

The archive is the site tests' (real papers from 2007 to 2021, with gaps, and undated ones) and
a generated one of GENERATED papers (2013 to 2024), loaded one after the other, as a newer dump
is. Every expected series is worked out here from the dump files themselves (or by paging
through the list it counts), never by the Cypher the API runs; every request is one statement.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from rich.console import Console

from graphdb.counts import keep_counts_query
from loaders.generate import generate_archive
from loaders.pipeline import load_dumps
from loaders.progress import LineProgress
from loaders.rejects import RejectsFile
from loaders.related import RelatedSettings
from tests.conftest import load_emptied
from tests.support.api_archive import KEEP_COAUTHORS_FROM
from tests.support.graph import count
from tests.support.http import RunningServer
from tests.support.site_archive import write_site_archive

DOCS = Path(__file__).parent.parent / "docs" / "queries"
GENERATED = 400
SEED = 12

Series = list[dict[str, int]]


def load_more(driver: Driver, folder: Path) -> None:
    """Load `folder` into the graph as it is (a newer dump), without rejects."""
    with RejectsFile(folder / "rejects.jsonl") as rejects:
        report = load_dumps(
            driver, [folder], rejects=rejects, progress=LineProgress(Console(quiet=True)),
            related=RelatedSettings(coauthors_from=KEEP_COAUTHORS_FROM),
        )  # fmt: skip
    assert report.ok and rejects.count == 0


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("trends-archive")
    write_site_archive(folder / "site")
    generate_archive(folder / "generated", GENERATED, SEED)
    return folder


@pytest.fixture(scope="module")
def trends_graph(session_driver: Driver, archive: Path) -> Driver:
    load_emptied(session_driver, archive / "site")
    load_more(session_driver, archive / "generated")
    return session_driver


@pytest.fixture(autouse=True)
def _graph(trends_graph: Driver) -> None:
    """Every test here reads the module's archive."""


# The archive, read as the dumps give it -------------------------------------------------------


def _records(folder: Path, kind: str) -> Iterator[dict[str, Any]]:
    for path in sorted(folder.iterdir()):
        if kind in path.name and path.name.endswith((".json", ".json.gz")):
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as text:
                yield from json.load(text)


def dumped_papers(archive: Path) -> dict[str, dict[str, Any]]:
    """slug -> the paper record, of both archives (no slug is in both, nor twice in one)."""
    papers: dict[str, dict[str, Any]] = {}
    for part in ("site", "generated"):
        for record in _records(archive / part, "papers-with-abstracts"):
            slug = record["paper_url"].rstrip("/").rsplit("/", 1)[1]
            assert slug not in papers, slug
            papers[slug] = record
    return papers


def area_tasks(archive: Path) -> dict[str, set[str]]:
    """area -> the names of its tasks, from every task record of the evaluation tables, at any
    depth of subtasks."""
    areas: dict[str, set[str]] = defaultdict(set)

    def walk(tasks: Iterable[dict[str, Any]]) -> None:
        for task in tasks:
            name = task["task"].strip()
            for area in task.get("categories") or []:
                if name:
                    areas[area].add(name)
            walk(task.get("subtasks") or [])

    for part in ("site", "generated"):
        walk(_records(archive / part, "evaluation-tables"))
    return areas


def series(years: Iterable[int]) -> Series:
    """Every year from the first to the last, with how many of `years` it holds (zeros too)."""
    counted = Counter(years)
    if not counted:
        return []
    return [{"year": y, "count": counted[y]} for y in range(min(counted), max(counted) + 1)]


def year(record: dict[str, Any]) -> int | None:
    return int(record["date"][:4]) if record.get("date") else None


def by_feature(papers: dict[str, dict[str, Any]], names: Any) -> dict[str, Series]:
    """feature -> the series of the dated papers naming it; `names(record)` gives its names."""
    years: dict[str, list[int]] = defaultdict(list)
    for record in papers.values():
        when = year(record)
        for name in {n.strip() for n in names(record)}:
            if when is not None:
                years[name].append(when)
            else:
                years.setdefault(name, [])
    return {name: series(found) for name, found in years.items()}


def paged(
    server: RunningServer, query: str, path: list[str], **variables: Any
) -> list[dict[str, Any]]:
    """Every node of the list at `path`, page after page of 100 (`query` takes `$first` and
    `$after`, and `variables`)."""
    seen: list[dict[str, Any]] = []
    after = None
    for _ in range(100):
        data = server.data(query, {**variables, "first": 100, "after": after})
        for part in path:
            data = data[part]
        seen += [e["node"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return seen
        after = data["pageInfo"]["endCursor"]
    raise AssertionError("paging did not end")


def years_of(nodes: Iterable[dict[str, Any]]) -> Series:
    return series(int(n["published"][:4]) for n in nodes if n["published"])


def every_node(server: RunningServer, root: str, fields: str) -> list[dict[str, Any]]:
    query = f"""query ($first: Int, $after: String) {{ {root}(first: $first, after: $after) {{
        edges {{ node {{ name {fields} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"""
    return paged(server, query, [root])


# papersByYear ---------------------------------------------------------------------------------


def test_tasks_methods_and_authors_per_year_as_the_dumps_give_them(
    api_server: RunningServer, archive: Path
) -> None:
    papers = dumped_papers(archive)
    expected = {
        "tasks": by_feature(papers, lambda r: r["tasks"]),
        "methods": by_feature(papers, lambda r: [m["name"] for m in r["methods"]]),
        "authors": by_feature(papers, lambda r: r["authors"]),
    }
    for root, features in expected.items():
        fields = "papersByYear { year count }"
        got = {n["name"]: n["papersByYear"] for n in every_node(api_server, root, fields)}
        # a task without papers (one of the tables only) has an empty series
        assert {name: got[name] for name in features} == features, root
        assert all(got[name] == [] for name in set(got) - set(features)), root
    # zeros between the years (the site archive's papers are years apart); only undated
    # papers: nothing to show
    assert any(0 in [y["count"] for y in s] for s in expected["tasks"].values())
    assert expected["authors"]["Bernhard Schölkopf"] == [{"year": 2007, "count": 1}]
    assert expected["tasks"]["Archival Notes"] == []


def test_areas_per_year_count_each_paper_once(api_server: RunningServer, archive: Path) -> None:
    papers = dumped_papers(archive)
    expected = {
        area: series(
            when
            for record in papers.values()
            if (when := year(record)) is not None and tasks & {t.strip() for t in record["tasks"]}
        )
        for area, tasks in area_tasks(archive).items()
    }
    got = {
        a["name"]: a["papersByYear"]
        for a in every_node(api_server, "areas", "papersByYear { year count }")
    }
    assert got == expected
    # a paper of two Computer Vision tasks (An Image is Worth 16x16 Words) counts once in 2020
    assert len(area_tasks(archive)["Computer Vision"]) > 2


def test_datasets_per_year_equal_their_paper_lists_counted(api_server: RunningServer) -> None:
    """A dataset's papers are derived by the loader (from results and introductions): its series
    is checked against its list of papers, paged through."""
    datasets = every_node(
        api_server, "datasets", "papersByYear { year count } papers(first: 0) { totalCount }"
    )
    assert sum(d["papers"]["totalCount"] > 0 for d in datasets) >= 5
    for dataset in datasets:
        query = """query ($name: String!, $first: Int, $after: String) { dataset(name: $name) {
            papers(first: $first, after: $after) { edges { node { published } } pageInfo { hasNextPage endCursor } } } }"""
        listed = paged(api_server, query, ["dataset", "papers"], name=dataset["name"])
        assert len(listed) == dataset["papers"]["totalCount"]
        assert dataset["papersByYear"] == years_of(listed), dataset["name"]


# byYear of lists ------------------------------------------------------------------------------

FILTERED = """query ($where: PaperWhere, $first: Int, $after: String) {
  papers(where: $where, first: $first, after: $after) {
    edges { node { published } } pageInfo { hasNextPage endCursor } } }"""
COUNTED = """query ($where: PaperWhere) { papers(where: $where, first: 0) { totalCount byYear { year count } } }"""


def listed_series(server: RunningServer, where: dict[str, Any]) -> tuple[int, Series]:
    listed = paged(server, FILTERED, ["papers"], where=where)
    return len(listed), years_of(listed)


def test_a_filtered_lists_by_year_equals_counting_its_pages(
    api_server: RunningServer, archive: Path
) -> None:
    papers = dumped_papers(archive)
    tasks = Counter(t for r in papers.values() for t in r["tasks"]).most_common()
    largest, rare = tasks[0][0], tasks[-1][0]
    filters = [
        {},
        {"hasCode": True},
        {"task": largest, "hasCode": True},
        {"task": rare},
        {"task": "Image Generation", "hasCode": False},
        {"author": "Ada Prolific", "officialCodeOnly": True},
        {"publishedFrom": "2014-01-01", "publishedTo": "2017-12-31"},
        {"OR": [{"task": largest}, {"titleContains": "vision"}], "NOT": {"hasCode": True}},
        {"task": "No Such Task"},
    ]
    for where in filters:
        total, expected = listed_series(api_server, where)
        got = api_server.data(COUNTED, {"where": where})["papers"]
        assert got == {"totalCount": total, "byYear": expected}, where
    # a written filter's task and a search's words are slots of a kept translation: another
    # value reuses its statement, and its byYear follows the value
    written = """query ($task: String!) { papers(first: 0, where: {task: $task, hasCode: true}) {
        totalCount byYear { year count } } }"""
    for task in (largest, rare, "Image Generation"):
        expected = api_server.data(COUNTED, {"where": {"task": task, "hasCode": True}})["papers"]
        assert api_server.data(written, {"task": task})["papers"] == expected, task
    searched = "query ($q: String!) { search(query: $q, first: 0) { byYear { year count } } }"
    paging = """query ($q: String!, $first: Int, $after: String) { search(query: $q, first: $first,
        after: $after) { edges { node { published } } pageInfo { hasNextPage endCursor } } }"""
    for words in ("vision transformer", "kernel", "1706.03762", "residual"):
        found = paged(api_server, paging, ["search"], q=words)
        assert api_server.data(searched, {"q": words})["search"]["byYear"] == years_of(found), words
    # every paper of the graph: the site archive's 2007 paper, then nothing until 2013
    everything = api_server.data(COUNTED, {"where": {}})["papers"]["byYear"]
    assert everything == series(y for r in papers.values() if (y := year(r)) is not None)
    assert everything[:3] == [
        {"year": 2007, "count": 1},
        {"year": 2008, "count": 0},
        {"year": 2009, "count": 0},
    ]


def test_by_year_of_a_nodes_papers_and_of_a_search(api_server: RunningServer) -> None:
    data = api_server.data("""{ task(name: "Image Generation") { papersByYear { year count }
          papers(first: 1) { byYear { year count } } }
        author(name: "Ada Prolific") { papersByYear { year count } papers(first: 2) { totalCount byYear { year count } } }
        search(query: "vision transformer", first: 1) { totalCount byYear { year count } }
        exact: search(query: "1706.03762") { byYear { year count } }
        repository(url: "https://github.com/google-research/scenic") { papers { byYear { year count } } } }""")  # fmt: skip
    assert data["task"]["papers"]["byYear"] == data["task"]["papersByYear"]
    assert (
        data["author"]["papers"]["byYear"]
        == data["author"]["papersByYear"]
        == [{"year": 2020, "count": 60}]
    )
    found = paged(api_server, """query ($first: Int, $after: String) { search(query: "vision transformer", first: $first,
        after: $after) { edges { node { published } } pageInfo { hasNextPage endCursor } } }""", ["search"])  # fmt: skip
    assert data["search"]["totalCount"] == len(found) > 2
    assert data["search"]["byYear"] == years_of(found)
    assert data["exact"]["byYear"] == [{"year": 2017, "count": 1}]
    assert data["repository"]["papers"]["byYear"] == [{"year": 2021, "count": 1}]


def test_unknown_names_and_bad_pages(api_server: RunningServer) -> None:
    data = api_server.data("""{ task(name: "No Such Task") { papersByYear { year } }
        area(name: "Astrology") { papersByYear { year } }
        undated: task(name: "Archival Notes") { paperCount papersByYear { year } papers { byYear { year } } } }""")  # fmt: skip
    assert data == {"task": None, "area": None,
                    "undated": {"paperCount": 3, "papersByYear": [], "papers": {"byYear": []}}}  # fmt: skip
    body = api_server.graphql("{ papers(first: 101) { byYear { year } } }").json()
    assert body["data"] is None and [(e["message"], e["path"]) for e in body["errors"]] == [
        ("first: at most 100 items a page (asked for 101)", ["papers"])]  # fmt: skip


# stats ----------------------------------------------------------------------------------------

STATS = "{ stats { papers papersWithCode authors tasks datasets methods repositories results leaderboards } }"


def independent_counts(driver: Driver, archive: Path | None = None) -> dict[str, int]:
    """Each number counted another way than the API counts it: names and keys read and made
    distinct (the count store is not used), leaderboards by the results' own task and dataset
    properties, papers with code by their repositories."""
    counts = {
        "papers": count(driver, "MATCH (p:Paper) WHERE p.stub IS NULL RETURN count(DISTINCT p.slug)"),
        "papersWithCode": count(driver, "MATCH (p:Paper)-[:HAS_CODE]->(:Repository) WHERE p.stub IS NULL "
                                        "RETURN count(DISTINCT p.slug)"),
        "authors": count(driver, "MATCH (a:Author) RETURN count(DISTINCT a.name)"),
        "tasks": count(driver, "MATCH (t:Task) RETURN count(DISTINCT t.name)"),
        "datasets": count(driver, "MATCH (d:Dataset) RETURN count(DISTINCT d.name)"),
        "methods": count(driver, "MATCH (m:Method) RETURN count(DISTINCT m.name)"),
        "repositories": count(driver, "MATCH (r:Repository) RETURN count(DISTINCT r.url)"),
        "results": count(driver, "MATCH (r:Result) RETURN count(DISTINCT r.key)"),
        "leaderboards": count(driver, "MATCH (r:Result) RETURN count(DISTINCT [r.task, r.dataset])"),
    }  # fmt: skip
    if archive is not None:  # and from the dumps: their papers and authors
        papers = dumped_papers(archive)
        assert counts["papers"] == len(papers)
        assert counts["authors"] == len({a.strip() for r in papers.values() for a in r["authors"]})
    return counts


def test_stats_are_the_graphs_numbers(
    api_server: RunningServer, trends_graph: Driver, archive: Path
) -> None:
    stats = api_server.data(STATS)["stats"]
    assert stats == independent_counts(trends_graph, archive)
    lists = api_server.data("""{ papers(first: 0) { totalCount } withCode: papers(first: 0, where: {hasCode: true}) { totalCount }
        leaderboards(first: 0) { totalCount } }""")  # fmt: skip
    assert (stats["papers"], stats["papersWithCode"], stats["leaderboards"]) == (
        lists["papers"]["totalCount"], lists["withCode"]["totalCount"], lists["leaderboards"]["totalCount"])  # fmt: skip
    assert api_server.data("{ stats { __typename p: papers q: papers } }") == {
        "stats": {"__typename": "Stats", "p": stats["papers"], "q": stats["papers"]}}  # fmt: skip


def test_the_example_query_answers(
    api_server: RunningServer, trends_graph: Driver, archive: Path
) -> None:
    answer = api_server.data((DOCS / "trends.graphql").read_text())
    papers = dumped_papers(archive)
    generation = [r for r in papers.values() if "Image Generation" in r["tasks"]]
    assert answer["task"] == {"name": "Image Generation", "paperCount": len(generation),
                              "papersByYear": series(y for r in generation if (y := year(r)) is not None)}  # fmt: skip
    total, expected = listed_series(api_server, {"task": "Image Generation", "hasCode": True})
    assert answer["withCode"]["totalCount"] == total and answer["withCode"]["byYear"] == expected
    assert len(answer["withCode"]["nodes"]) == min(5, total)
    assert answer["stats"] == independent_counts(trends_graph)


TRENDS_QUERIES = [
    (DOCS / "trends.graphql").read_text(),
    STATS,
    """{ task(name: "Image Generation") { papersByYear { year count } papers(first: 3) { totalCount byYear { year count }
        nodes { authors { nodes { papersByYear { year } } } methods { nodes { papersByYear { count } } } } } }
        area(name: "Computer Vision") { papersByYear { year count } tasks(first: 2) { nodes { papersByYear { year count } } } } }""",
    """{ datasets(first: 5) { nodes { papersByYear { year count } papers { byYear { year count } } } }
        papers(where: {OR: [{task: "Image Generation"}, {hasCode: true}]}) { byYear { year count } } stats { papers tasks } }""",
    """{ search(query: "transformer") { byYear { year count } } exact: search(query: "1706.03762") { byYear { year } }
        suggest(query: "ada prol") { node { ... on Author { papersByYear { year count } papers { byYear { year } } } } } }""",
]


@pytest.mark.parametrize("query", TRENDS_QUERIES)
def test_each_trends_request_is_one_statement(
    api_server: RunningServer, statements: list[str], query: str
) -> None:
    api_server.data(query)
    assert len(statements) == 1, statements


# Last: these change the module's graph --------------------------------------------------------


def test_stats_without_the_kept_node_are_counted_live(
    api_server: RunningServer, trends_graph: Driver
) -> None:
    """A graph loaded before the loader kept its numbers: the same answer, counted."""
    kept = api_server.data(STATS)["stats"]
    trends_graph.execute_query("MATCH (c:GraphCounts) DELETE c")
    try:
        assert api_server.data(STATS)["stats"] == kept
    finally:
        trends_graph.execute_query(keep_counts_query())
    assert count(trends_graph, "MATCH (c:GraphCounts) RETURN count(c)") == 1


def test_stats_follow_an_incremental_load(
    api_server: RunningServer, trends_graph: Driver, tmp_path: Path
) -> None:
    """A newer dump with two more papers (one with code, one without a date), a new repository
    and a new leaderboard: the kept numbers move with it, and reloading it changes nothing."""
    before = api_server.data(STATS)["stats"]
    newer = tmp_path / "newer"
    newer.mkdir()
    paper = {"arxiv_id": None, "abstract": "More.", "authors": ["Nova Author"], "tasks": ["Image Generation"],
             "url_abs": None, "url_pdf": None, "proceeding": None, "conference": None, "methods": []}  # fmt: skip
    (newer / "papers-with-abstracts.json").write_text(json.dumps([
        paper | {"paper_url": "https://paperswithcode.com/paper/newer-one", "title": "Newer One", "date": "2022-02-02"},
        paper | {"paper_url": "https://paperswithcode.com/paper/newer-two", "title": "Newer Two", "date": None},
    ]))  # fmt: skip
    (newer / "links-between-papers-and-code.json").write_text(json.dumps([{
        "paper_url": "https://paperswithcode.com/paper/newer-one", "paper_title": "Newer One", "paper_arxiv_id": None,
        "paper_url_abs": None, "paper_url_pdf": None, "repo_url": "https://github.com/nova/newer", "is_official": True,
        "mentioned_in_paper": True, "mentioned_in_github": True, "framework": "jax"}]))  # fmt: skip
    row = {"model_name": "Newer Net", "metrics": {"FID": "3.1"}, "paper_url": "https://paperswithcode.com/paper/newer-one",
           "paper_title": "", "paper_date": None, "code_links": [], "model_links": [], "uses_additional_data": False}  # fmt: skip
    (newer / "evaluation-tables.json").write_text(json.dumps([{
        "task": "Image Generation", "categories": [], "description": "", "subtasks": [], "synonyms": [], "source_link": None,
        "datasets": [{"dataset": "Newer Faces", "description": "", "dataset_links": [], "dataset_citations": [],
                      "subdatasets": [], "sota": {"metrics": ["FID"], "rows": [row]}}]}]))  # fmt: skip
    load_more(trends_graph, newer)
    after = api_server.data(STATS)["stats"]
    assert after == independent_counts(trends_graph)
    assert {k: after[k] - before[k] for k in after} == {
        "papers": 2, "papersWithCode": 1, "authors": 1, "tasks": 0, "datasets": 1, "methods": 0,
        "repositories": 1, "results": 1, "leaderboards": 1}  # fmt: skip
    load_more(trends_graph, newer)
    assert api_server.data(STATS)["stats"] == after
