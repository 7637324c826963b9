"""Filtered root lists read a window of their index first: the pages are the sorted ones.

Each filtered list is paged through to its end by the windowed query, by the one
that starts from the node the filter names (a task, an author), and by the plain
one (the filter over the label, sorted whole), and every page must be the same. Small windows make the API archive's lists take both branches: the
window holding whole pages, and the window falling back to the sort.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from neo4j import Driver
from neo4j.exceptions import ClientError
from neo4j.time import Date

from schema.data import lists
from schema.data.lists import SortKey, page_query, root_spec
from schema.filters import (
    NAME_PREDICATES,
    PAPER_PREDICATES,
    AuthorWhere,
    OrderDirection,
    PaperOrder,
    PaperOrderField,
    PaperWhere,
    compile_where,
    paper_list_start,
    paper_order,
)
from tests.support.api_archive import PROLIFIC

PAGE = 5

PAPER_FILTERS = {
    "has code": PaperWhere(has_code=True),
    "no code": PaperWhere(has_code=False),
    "a word": PaperWhere(title_contains="learning"),
    "a date range": PaperWhere(published_from=dt.date(2015, 1, 1), published_to=dt.date(2019, 12, 31)),
    "an author": PaperWhere(author=PROLIFIC),
    "a rare author": PaperWhere(author="Jacob Devlin"),
    "either": PaperWhere(OR=[PaperWhere(has_code=False), PaperWhere(title_contains="attention")]),
}  # fmt: skip
PAPER_ORDERS = {
    f"{field.name} {direction.name}": [PaperOrder(field=field, direction=direction)]
    for field in (PaperOrderField.PUBLISHED, PaperOrderField.TITLE)
    for direction in (OrderDirection.DESC, OrderDirection.ASC)
}


def pages(
    driver: Driver, spec: lists.ListSpec, where: str, params: dict[str, Any], window: int | None
) -> list[list[str]]:
    """Every page of the list, as the slugs or names of its items, following the cursors."""
    query = {
        after: page_query(spec, after=after, where=where, window=window) for after in (False, True)
    }
    found: list[list[str]] = []
    cursor: list[Any] | None = None
    while True:
        values = {"keys": None, "limit": PAGE + 1, "after": cursor, **params}
        records = driver.execute_query(query[cursor is not None], values).records
        items = records[0]["items"] if records else []  # a page query of no items has no row
        found.append([item["node"].get("slug") or item["node"]["name"] for item in items[:PAGE]])
        if len(items) <= PAGE:
            return found
        last = items[PAGE - 1]["sort"]
        cursor = [v.iso_format() if isinstance(v, Date) else v for v in last]  # fmt: skip


@pytest.mark.parametrize("order", PAPER_ORDERS)
@pytest.mark.parametrize("name", PAPER_FILTERS)
def test_filtered_papers_page_as_sorted_whole(api_graph: Driver, name: str, order: str) -> None:
    order_keys = paper_order(PAPER_ORDERS[order])
    spec = root_spec("papers", lists.ALL_PAPERS, order_keys, SortKey("n.slug"))
    where, params = compile_where(PAPER_FILTERS[name], PAPER_PREDICATES)
    assert where is not None
    expected = pages(api_graph, spec, where, params, window=None)
    assert sum(map(len, expected)) > 0
    # as the API starts it: from the node the filter names (a task, an author...), if any
    pattern, scan, start = paper_list_start(PAPER_FILTERS[name])
    started = root_spec("papers", pattern, order_keys, SortKey("n.slug"), scan)
    assert (scan is not None) == (name in ("an author", "a rare author"))
    for window in (3, 10, lists.FILTER_WINDOW):
        assert pages(api_graph, spec, where, params, window) == expected, window
    for window in (10, None):
        assert pages(api_graph, started, where, {**params, **start}, window) == expected, window


@pytest.mark.parametrize("descending", [False, True])
def test_filtered_authors_page_as_sorted_whole(api_graph: Driver, descending: bool) -> None:
    key = SortKey("n.name", descending=descending, indexed="n.name")
    spec = root_spec("authors", lists.ALL_AUTHORS, (key,), lists.NAME_KEY)
    where, params = compile_where(AuthorWhere(name_contains="a"), NAME_PREDICATES)
    assert where is not None
    expected = pages(api_graph, spec, where, params, window=None)
    assert sum(map(len, expected)) > PAGE
    for window in (2, 9, lists.FILTER_WINDOW):
        assert pages(api_graph, spec, where, params, window) == expected, window


def test_a_broad_filter_is_answered_from_the_window_and_a_rare_one_by_the_sort(
    api_graph: Driver,
) -> None:
    spec = root_spec("papers", lists.ALL_PAPERS, paper_order(None), SortKey("n.slug"))
    guard = "WITH found WHERE size(found) < $limit\n    CALL () {"
    for where_input, sorted_runs in ((PaperWhere(has_code=True), False),
                                     (PaperWhere(author="Jacob Devlin"), True)):  # fmt: skip
        where, params = compile_where(where_input, PAPER_PREDICATES)
        query = page_query(spec, after=False, where=where, window=40)
        assert guard in query
        poisoned = query.replace(guard, guard + " WITH 1 / 0 AS sorted_branch_ran", 1)
        values = {"keys": None, "limit": 3, "after": None, **params}
        if sorted_runs:
            with pytest.raises(ClientError, match="ArithmeticError"):
                api_graph.execute_query(poisoned, values)
        else:
            items = api_graph.execute_query(poisoned, values).records[0]["items"]
            assert len(items) == 3


def _largest(driver: Driver, label: str, rel_type: str) -> str:
    query = (f"MATCH (f:{label})<-[:{rel_type}]-(p:Paper) "
             "RETURN f.name AS name, count(p) AS papers ORDER BY papers DESC, name LIMIT 1")  # fmt: skip
    return str(driver.execute_query(query).records[0]["name"])


@pytest.mark.parametrize(("label", "rel_type", "anchor"),
                         [("Task", "ADDRESSES", "task"), ("Method", "USES_METHOD", "method"),
                          ("Author", "AUTHORED_BY", "author")])  # fmt: skip
def test_a_task_or_method_s_dated_links_page_as_its_papers_sorted_whole(
    api_graph: Driver, label: str, rel_type: str, anchor: str
) -> None:
    """The papers newest first read from the links' index (ListSpec.dated): the same pages as
    the papers found from the node and sorted, undated papers last, for the root list's filter
    (with code or not) and for the node's own list."""
    names = [_largest(api_graph, label, rel_type)]
    if label == "Task":
        names.append("Archival Notes")  # papers without a date only
    nested = {"Task": lists.TASK_PAPERS, "Method": lists.METHOD_PAPERS,
              "Author": lists.AUTHOR_PAPERS}[label]  # fmt: skip
    assert nested.dated == (rel_type, "parent.name")
    sorted_nested = dataclasses.replace(nested, dated=None)
    for name in names:
        expected = pages(api_graph, sorted_nested, "", {"keys": [name]}, window=None)
        assert sum(map(len, expected)) > (2 if name == "Archival Notes" else PAGE)
        assert pages(api_graph, nested, "", {"keys": [name]}, window=None) == expected
        for where_input in (
            PaperWhere(**{anchor: name}),
            PaperWhere(**{anchor: name}, has_code=True),
        ):
            pattern, scan, start = paper_list_start(where_input)
            spec = root_spec("papers", pattern, paper_order(None), SortKey("n.slug"), scan)
            tested = dataclasses.replace(where_input, **{anchor: None})
            where, params = compile_where(tested, PAPER_PREDICATES)
            values = {**params, **start}
            whole = pages(api_graph, spec, where or "", values, window=None)
            dated = dataclasses.replace(spec, dated=(rel_type, "$anchor"))
            assert pages(api_graph, dated, where or "", values, window=None) == whole, where_input


def test_dated_links_never_sort_on_a_dated_graph_and_sort_on_one_loaded_before(
    api_graph: Driver,
) -> None:
    """A short page (3 papers, under the page size) does not run the sort when the graph's
    links keep dates; a graph whose links do not yet (loaded by an older loader) gets the
    sorted pages until its next load dates them."""
    guard = "CALL (parent) {\n  " + lists.TASK_PAPERS.pattern
    query = page_query(lists.TASK_PAPERS, after=False, window=None)
    assert guard in query
    poisoned = query.replace(
        guard, guard + " WITH *, 1 / 0 AS sorted_branch_ran WHERE sorted_branch_ran = 0", 1
    )
    values = {"keys": ["Archival Notes"], "limit": PAGE + 1, "after": None}
    items = api_graph.execute_query(poisoned, values).records[0]["items"]
    assert [i["node"]["slug"] for i in items] == [f"archival-note-{i}" for i in range(3)]
    largest = _largest(api_graph, "Task", "ADDRESSES")
    sorted_spec = dataclasses.replace(lists.TASK_PAPERS, dated=None)
    expected = {name: pages(api_graph, sorted_spec, "", {"keys": [name]}, window=None)
                for name in (largest, "Archival Notes")}  # fmt: skip
    try:
        with api_graph.session() as session:
            session.run("MATCH ()-[r:ADDRESSES]->() REMOVE r.name, r.paperDate").consume()
            session.run("MATCH (c:GraphCounts) REMOVE c.datedLinks").consume()
        with pytest.raises(ClientError, match="ArithmeticError"):
            api_graph.execute_query(poisoned, values)
        for name, pages_sorted in expected.items():
            assert pages(api_graph, lists.TASK_PAPERS, "", {"keys": [name]}, None) == pages_sorted
    finally:
        from loaders.phases import DATE_LINKS, mark_links_dated

        with api_graph.session() as session:
            session.run(DATE_LINKS["ADDRESSES"]).consume()
        mark_links_dated(api_graph)
