"""Every list the API serves, declared once: what it matches, how it is ordered, what it filters.

A ListSpec is the reviewed Cypher of one connection. `list_body` and `count_body` are the
pieces schema/lane/translate.py puts in a request's statement:

- a page: the first `$limit` items of `parent`'s list (or of a root list) strictly after
  the cursor `$after`, in the spec's order (keyset pagination on the sort key);
- a count: the number of items, without reading them.

`page_query` assembles one page as a query of its own (tests compare its windowed and
whole-sorted forms).

Only these fixed strings are ever joined; client values (keys, cursors,
filters) reach Cypher as parameters.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Final, Literal

from graphdb.model import (
    COAUTHOR_LINK,
    COAUTHOR_OF,
    COAUTHOR_SHARED,
    COAUTHORS_KEPT,
    LINK_DATE,
    LINK_NAME,
    graph_links_dated,
)

Kind = Literal["str", "int", "float", "date"]

ALL_PROPERTIES: Final = "n {.*}"
_PROPERTY_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# Index entries a filtered root list reads before it sorts everything its filter keeps.
FILTER_WINDOW: Final = 1000

NO_DATE: Final = "date('0001-01-01')"  # sorts papers without a date last in descending order


@dataclass(frozen=True)
class SortKey:
    expr: (
        str  # over `n` (the item), `e` (its relationship) or names the pattern defines; never null
    )
    descending: bool = False
    kind: Kind = "str"
    # The indexed property this key orders by, when the key is that property, or
    # `coalesce(<property>, <missing>)` with a `missing` value that sorts after every real one.
    # A root list led by such a key reads the property's index in order instead of sorting
    # the whole label (_index_ordered_body).
    indexed: str | None = None
    missing: str | None = None


@dataclass(frozen=True)
class KeptRanking:
    """A ranking the loader keeps for some parents (graphdb/model.py COAUTHOR_LINK): a link
    from the parent to each item, holding the parent's key and the item's rank (the order's
    first key), indexed by both. A parent with `marker` set has all its links; the others'
    lists are matched and ranked per request by the spec's pattern."""

    rel_type: str
    owner: str  # the link's property holding the parent's key
    rank: str  # the link's property holding the first sort key's value
    marker: str  # the parent's property set once its links are all kept
    parent_key: str  # the Cypher expression of the parent's key
    edge: str  # the edge's map, from `link`


@dataclass(frozen=True)
class ListSpec:
    name: str
    parent: str  # binds `parent` from `key` ("" for a root list)
    pattern: str  # binds `n`, and whatever `edge` and `order` use
    order: tuple[SortKey, ...]  # the last key is unique within one parent's list
    # The GraphQL type the items are made into, when they are made from `n`'s properties
    # alone: a page may then project only those its selection needs.
    node_type: str | None = None
    node: str = ALL_PROPERTIES
    edge: str = "null"
    filters: dict[str, str] = field(default_factory=dict)  # argument -> predicate on `$<argument>`
    count_pattern: str | None = None  # when `pattern` aggregates: the items to count, without WITH
    # A root list whose `pattern` starts from a node its filter names: the whole label, for
    # reading the window of the order's index (_windowed_body).
    scan: str | None = None
    # When the pattern is one relationship whose type implies the item's label: that
    # relationship from `parent` as a COUNT pattern, so that an unfiltered count reads the
    # count Neo4j keeps with the node (its degree) instead of visiting every item.
    degree: str | None = None
    # A papers list of one task or method, newest first: its links keep the node's name and the
    # paper's date (graphdb/model.py DATED_LINKS), so the page is read from their index in order.
    # (the relationship type from `n`, the Cypher expression of the node's name)
    dated: tuple[str, str] | None = None
    # A ranking kept for the parents with the longest lists (an author's co-authors): read in
    # order from its index for those (_kept_body).
    kept: KeptRanking | None = None

    def __hash__(self) -> int:
        return hash(self.name)


def _keyset_predicate(order: tuple[SortKey, ...]) -> str:
    """Strictly after the cursor in this order: (k0 > c0) OR (k0 = c0 AND k1 > c1) OR ..."""

    def value(i: int) -> str:
        return f"date($after[{i}])" if order[i].kind == "date" else f"$after[{i}]"

    clauses = []
    for i, key in enumerate(order):
        equal = [f"sortKey[{j}] = {value(j)}" for j in range(i)]
        clauses.append(
            " AND ".join([*equal, f"sortKey[{i}] {'<' if key.descending else '>'} {value(i)}"])
        )
    return " OR ".join(f"({c})" for c in clauses)


def _where(conditions: list[str]) -> str:
    return ("WHERE " + " AND ".join(f"({c})" for c in conditions)) if conditions else ""


def page_query(
    spec: ListSpec,
    *,
    after: bool,
    filters: tuple[str, ...] = (),
    where: str | None = None,
    parent: str | None = None,
    window: int | None = FILTER_WINDOW,
    properties: tuple[str, ...] | None = None,
) -> str:
    """The page query; `where` is an extra predicate on `n` compiled from a root list's filter.

    `parent` replaces the spec's parent clause: the same list of a parent found by another key
    (a paper by arXiv id, before its slug is known). `window`: see _windowed_body (None: the
    filtered root list is sorted whole). `properties`: the only ones of `n` to return (names
    from the model's declarations; None for all).
    """
    node = _node(spec, properties)
    conditions = [spec.filters[f] for f in filters]
    if where:
        conditions.append(where)
    body = list_body(spec, after=after, conditions=conditions, window=window)
    if not spec.parent:
        return f"""CALL () {{{body}
}}
RETURN null AS key, collect({{node: {node}, edge: edge, sort: sortKey}}) AS items"""
    return f"""UNWIND $keys AS key
{parent or spec.parent}
CALL (parent) {{{body}
}}
RETURN key, collect({{node: {node}, edge: edge, sort: sortKey}}) AS items"""


def list_body(
    spec: ListSpec,
    *,
    after: bool,
    conditions: list[str],
    limit: str = "$limit",
    window: int | None = FILTER_WINDOW,
) -> str:
    """The rows (`n`, `edge`, `sortKey`) of one page of `spec`, in order, one more than the
    page; a root list led by an indexed key reads its index (in a window when filtered), as
    page_query does. `conditions` are predicates on `n` (filters, a compiled `where`)."""
    if spec.dated and _newest_first(spec.order):
        return _dated_body(spec, conditions, after, limit)
    if spec.kept:
        return _kept_body(spec, conditions, after, limit)
    body = _sorted_body(spec, conditions, after, limit)
    if not spec.parent and spec.order[0].indexed:
        if not conditions:
            body = _index_ordered_body(spec, after)
        elif window is not None:
            body = _windowed_body(spec, after, conditions, body, window)
    return body


def count_body(spec: ListSpec, conditions: list[str], name: str) -> str:
    """The clauses that bind `name` to the number of items of `spec` (of `parent`), as
    a page's items are counted (DISTINCT where the pattern aggregates)."""
    filtered = f" WITH * {_where(conditions)}" if conditions else ""
    if spec.degree and not conditions:
        return f"RETURN COUNT {{ {spec.degree} }} AS {name}"
    # The kept links' number is the parent's degree. (The other branch counts in a CALL of its
    # own: an aggregation without a key yields a row even for a parent it filtered out.)
    if spec.kept and not conditions:
        kept = spec.kept
        return f"""CALL (parent) {{
    WITH parent WHERE parent.{kept.marker} IS NOT NULL
    RETURN COUNT {{ (parent)-[:{kept.rel_type}]->() }} AS {name}
  UNION ALL
    WITH parent WHERE parent.{kept.marker} IS NULL
    CALL (parent) {{ {_live_count(spec, filtered, name)} }}
    RETURN {name}
  }}
  RETURN {name}"""
    return _live_count(spec, filtered, name)


def _live_count(spec: ListSpec, filtered: str, name: str) -> str:
    if spec.count_pattern:
        return f"{spec.count_pattern}{filtered} RETURN count(DISTINCT n) AS {name}"
    return f"{spec.pattern}{filtered} RETURN count(n) AS {name}"


def items_body(spec: ListSpec, conditions: list[str]) -> str:
    """The clauses binding each item of `spec` (of `parent`) kept by `conditions` to `n`, once,
    as count_body counts them: what a paper list's `byYear` counts per year."""
    filtered = f" WITH * {_where(conditions)}" if conditions else ""
    if spec.count_pattern:
        return f"{spec.count_pattern}{filtered} WITH DISTINCT n"
    return f"{spec.pattern}{filtered} WITH n"


def _sorted_body(spec: ListSpec, conditions: list[str], after: bool, limit: str) -> str:
    """The items of `parent` (or of the label) kept by `conditions`, in order, the first `limit`."""
    sort_exprs = ", ".join(k.expr for k in spec.order)
    order_by = ", ".join(
        f"sortKey[{i}]{' DESC' if k.descending else ''}" for i, k in enumerate(spec.order)
    )
    filtered = f"\n  WITH * {_where(conditions)}" if conditions else ""
    paging = _where([_keyset_predicate(spec.order)]) if after else ""
    return f"""
  {spec.pattern}{filtered}
  WITH n, {spec.edge} AS edge, [{sort_exprs}] AS sortKey
  {paging}
  RETURN n, edge, sortKey ORDER BY {order_by} LIMIT {limit}"""


def _newest_first(order: tuple[SortKey, ...]) -> bool:
    """Whether `order` is RECENT_PAPERS' (newest first, then by slug), as a dated link sorts."""
    return [(k.expr, k.descending) for k in order] == [
        (k.expr, k.descending) for k in RECENT_PAPERS
    ]


def _dated_body(spec: ListSpec, conditions: list[str], after: bool, limit: str) -> str:
    """One task's, method's or author's papers, newest first, from the index of its dated links: a seek
    to the node's name (and to the cursor's date), read in order until the page is full, the
    papers of one date ordered by slug as they come (a partial sort). The same rows and order
    as _sorted_body: a link's date is the paper's, NO_DATE when it has none.

    A graph whose links were written before they kept dates (graphdb/model.py: its counts node
    does not list the type in `datedLinks` until the next load dates them) finds none in the index: a short page
    there is sorted as before. On a dated graph the guard is false and the sort never runs."""
    assert spec.dated is not None
    rel_type, name = spec.dated
    seek = f"link.{LINK_DATE} <= date($after[0])" if after else f"link.{LINK_DATE} IS NOT NULL"
    # a root list's (a filter naming the node) leaves out stubs, as its sorted pattern does
    listed = conditions if spec.parent else ["n.stub IS NULL", *conditions]
    kept = [*listed, _keyset_predicate(spec.order)] if after else listed
    carried = "parent" if spec.parent else ""
    also = f"{carried}, " if carried else ""
    return f"""
  CALL ({carried}) {{
    MATCH (n:Paper)-[link:{rel_type}]->()
    WHERE link.{LINK_NAME} = {name} AND {seek}
    WITH n, link, [link.{LINK_DATE}, n.slug] AS sortKey {_where(kept)}
    WITH n, sortKey ORDER BY link.{LINK_NAME}, link.{LINK_DATE} DESC, n.slug LIMIT {limit}
    RETURN collect({{n: n, sortKey: sortKey}}) AS found
  }}
  OPTIONAL CALL ({also}found) {{
    WITH {also}found WHERE size(found) < {limit} AND NOT {graph_links_dated(rel_type)}
    CALL ({carried}) {{{_sorted_body(spec, conditions, after, limit)}
    }}
    RETURN n, sortKey
  }}
  WITH found, collect(CASE WHEN n IS NULL THEN null ELSE {{n: n, sortKey: sortKey}} END) AS sorted
  UNWIND CASE WHEN size(sorted) > 0 THEN sorted ELSE found END AS item
  RETURN item.n AS n, null AS edge, item.sortKey AS sortKey"""


def _kept_body(spec: ListSpec, conditions: list[str], after: bool, limit: str) -> str:
    """A parent's ranking read from its kept links when it has them: a seek to the parent's
    key (and to the cursor's rank), in rank order until the page is full, the items of one
    rank ordered by the order's last key as they come (a partial sort). The others' lists are
    matched and ranked as _sorted_body does; exactly one branch yields rows."""
    assert spec.kept is not None and len(spec.order) == 2
    kept, (first, last) = spec.kept, spec.order
    seek = (f"link.{kept.rank} {'<=' if first.descending else '>='} $after[0]" if after
            else f"link.{kept.rank} IS NOT NULL")  # fmt: skip
    paging = [*conditions, _keyset_predicate(spec.order)] if after else conditions
    rank_order = f"link.{kept.owner}, link.{kept.rank}{' DESC' if first.descending else ''}"
    return f"""
  CALL (parent) {{
    WITH parent WHERE parent.{kept.marker} IS NOT NULL
    MATCH ()-[link:{kept.rel_type}]->(n)
    WHERE link.{kept.owner} = {kept.parent_key} AND {seek}
    WITH n, link, [link.{kept.rank}, {last.expr}] AS sortKey {_where(paging)}
    RETURN n, {kept.edge} AS edge, sortKey
      ORDER BY {rank_order}, {last.expr}{" DESC" if last.descending else ""} LIMIT {limit}
  UNION ALL
    WITH parent WHERE parent.{kept.marker} IS NULL
    CALL (parent) {{{_sorted_body(spec, conditions, after, limit)}
    }}
    RETURN n, edge, sortKey
  }}
  RETURN n, edge, sortKey"""


def _node(spec: ListSpec, properties: tuple[str, ...] | None) -> str:
    """What an item returns of `n`: the spec's node, or a projection of the named properties."""
    if properties is None or spec.node != ALL_PROPERTIES:
        return spec.node
    return project("n", properties)


def project(variable: str, properties: tuple[str, ...]) -> str:
    """`variable {.a, .b}`. A property name becomes Cypher text: only plain names are taken."""
    for name in properties:
        if not _PROPERTY_NAME.fullmatch(name):
            raise ValueError(f"not a property name: {name!r}")
    return variable + " {" + ", ".join(f".{name}" for name in properties) + "}"


def _windowed_body(
    spec: ListSpec, after: bool, conditions: list[str], sorted_body: str, window: int
) -> str:
    """A filtered root page from the first `window` entries of its leading key's index, when
    they hold a whole page; else `sorted_body` (the filter over the label, sorted whole).

    A broad filter (has code, a date range, a common word) fills a page from a few dozen
    entries, where sorting everything it keeps took about a second at 100,000 papers; a rare
    one finds too little in the window and pays the window (a few ms) on top of the sort.
    Exact: the window ends inside a group of equal leading values (its `boundary`), so only
    the items strictly before that value are known to be all there, and only they are used;
    every item outside them sorts after them, items without the value last of all.
    """
    first = spec.order[0]
    assert first.indexed is not None
    prop = first.indexed
    direction = " DESC" if first.descending else ""
    cursor = "date($after[0])" if first.kind == "date" else "$after[0]"
    seek = [f"{prop} {'<=' if first.descending else '>='} {cursor}"] if after else []
    boundary = "min" if first.descending else "max"
    before = ">" if first.descending else "<"
    sort_exprs = ", ".join(k.expr for k in spec.order)
    order_by = ", ".join(
        f"sortKey[{i}]{' DESC' if k.descending else ''}" for i, k in enumerate(spec.order)
    )
    keyset = [_keyset_predicate(spec.order)] if after else []
    return f"""
  CALL () {{
    {spec.scan or spec.pattern}
    WITH * {_where([f"{prop} IS NOT NULL", *seek])}
    WITH n ORDER BY {prop}{direction} LIMIT {int(window)}
    RETURN collect(n) AS inWindow, count(n) AS read, {boundary}({prop}) AS boundary
  }}
  CALL (inWindow, read, boundary) {{
    UNWIND inWindow AS n
    WITH n {_where([f"read < {int(window)} OR {prop} {before} boundary", *conditions])}
    WITH n, [{sort_exprs}] AS sortKey {_where(keyset)}
    RETURN n, sortKey ORDER BY {order_by} LIMIT $limit
  }}
  WITH collect({{n: n, sortKey: sortKey}}) AS found
  OPTIONAL CALL (found) {{
    WITH found WHERE size(found) < $limit
    CALL () {{{sorted_body}
    }}
    RETURN n, sortKey
  }}
  WITH found, collect(CASE WHEN n IS NULL THEN null ELSE {{n: n, sortKey: sortKey}} END) AS sorted
  UNWIND CASE WHEN size(found) < $limit THEN sorted ELSE found END AS item
  RETURN item.n AS n, null AS edge, item.sortKey AS sortKey"""


def _index_ordered_body(spec: ListSpec, after: bool) -> str:
    """A root page led by an indexed key: the items having the property, read from its index in
    order (a seek to the cursor, then the first `$limit`), followed, only when those do not fill
    the page, by the items without it (whose `missing` value sorts them last). Same rows and
    order as the generic page query, without sorting the whole label. The items without the
    property are read by a subquery that imports nothing under the guard: the planner cannot
    fold the guard into the scan's filter, so the scan runs only when the guard lets it."""
    first = spec.order[0]
    assert first.indexed is not None
    sort_exprs = ", ".join(k.expr for k in spec.order)
    later_keys = [
        f"sortKey[{i}]{' DESC' if k.descending else ''}" for i, k in enumerate(spec.order) if i
    ]
    lead = f"{first.indexed}{' DESC' if first.descending else ''}"
    cursor = "date($after[0])" if first.kind == "date" else "$after[0]"
    keyset = [_keyset_predicate(spec.order)] if after else []
    seek = [f"{first.indexed} {'<=' if first.descending else '>='} {cursor}"] if after else []

    def part(has_property: bool, order: list[str]) -> str:
        presence = f"{first.indexed} IS {'NOT ' if has_property else ''}NULL"
        return f"""
    {spec.pattern}
    WITH * {_where([presence, *(seek if has_property else [])])}
    WITH n, [{sort_exprs}] AS sortKey {_where(keyset)}
    RETURN n, sortKey ORDER BY {", ".join(order)} LIMIT $limit"""

    present = f"""
  CALL () {{{part(True, [lead, *later_keys])}
  }}
  WITH collect({{n: n, sortKey: sortKey}}) AS found"""
    if first.missing is None:
        rest = "\n  UNWIND found AS item"
    else:
        rest = f"""
  OPTIONAL CALL (found) {{
    WITH found WHERE size(found) < $limit
    CALL () {{{part(False, later_keys or ["sortKey[0]"])}
    }}
    RETURN n, sortKey
  }}
  WITH found, collect(CASE WHEN n IS NULL THEN null ELSE {{n: n, sortKey: sortKey}} END) AS more
  UNWIND found + more AS item"""
    return f"""{present}{rest}
  WITH item LIMIT $limit
  RETURN item.n AS n, null AS edge, item.sortKey AS sortKey"""


# Orders -----------------------------------------------------------------------
BY_NAME: Final = (SortKey("n.name"),)
RECENT_PAPERS: Final = (
    SortKey(f"coalesce(n.published, {NO_DATE})", descending=True, kind="date"),
    SortKey("n.slug"),
)

# Parents ----------------------------------------------------------------------
PAPER: Final = "MATCH (parent:Paper {slug: key})"
AUTHOR: Final = "MATCH (parent:Author {name: key})"
TASK: Final = "MATCH (parent:Task {name: key})"
DATASET: Final = "MATCH (parent:Dataset {name: key})"
METHOD: Final = "MATCH (parent:Method {name: key})"
REPOSITORY: Final = "MATCH (parent:Repository {url: key})"
CONFERENCE: Final = "MATCH (parent:Conference {name: key})"
PROCEEDING: Final = "MATCH (parent:Proceeding {name: key})"
AREA: Final = "MATCH (parent:Area {name: key})"
LEADERBOARD: Final = "WITH key, key AS parent"  # key: {task, dataset, metric}
# A leaderboard {task, dataset} ranked by its first metric, as cypher.LEADERBOARD_METRICS orders them.
LEADERBOARD_FIRST_METRIC: Final = """CALL (key) {
  MATCH (r:Result {task: key.task, dataset: key.dataset})
  WITH r.metric AS metric, min(coalesce(r.metricIndex, 1000)) AS position
  ORDER BY position, metric LIMIT 1
  RETURN {task: key.task, dataset: key.dataset, metric: metric} AS parent
}"""
# A paper by arXiv id, the first by slug as cypher.PAPERS_BY_ARXIV_ID finds it.
PAPER_BY_ARXIV_ID: Final = (
    "CALL (key) { MATCH (p:Paper {arxivId: key}) RETURN p AS parent ORDER BY p.slug LIMIT 1 }"
)

# The lists ----------------------------------------------------------------------
PAPER_AUTHORS: Final = ListSpec(
    "paper.authors", PAPER, "MATCH (parent)-[e:AUTHORED_BY]->(n:Author)",
    (SortKey("e.position", kind="int"), SortKey("n.name")), edge="{position: e.position}",
    node_type="Author",
    degree="(parent)-[:AUTHORED_BY]->()",
)  # fmt: skip
PAPER_TASKS: Final = ListSpec(
    "paper.tasks",
    PAPER,
    "MATCH (parent)-[:ADDRESSES]->(n:Task)",
    BY_NAME,
    node_type="Task",
    degree="(parent)-[:ADDRESSES]->()",
)
PAPER_METHODS: Final = ListSpec(
    "paper.methods",
    PAPER,
    "MATCH (parent)-[:USES_METHOD]->(n:Method)",
    BY_NAME,
    node_type="Method",
    degree="(parent)-[:USES_METHOD]->()",
)
PAPER_DATASETS: Final = ListSpec(
    "paper.datasets",
    PAPER,
    "MATCH (parent)-[:USES_DATASET]->(n:Dataset)",
    BY_NAME,
    node_type="Dataset",
    degree="(parent)-[:USES_DATASET]->()",
)
PAPER_REPOSITORIES: Final = ListSpec(
    "paper.repositories", PAPER, "MATCH (parent)-[e:HAS_CODE]->(n:Repository)",
    (SortKey("CASE WHEN e.official THEN 0 ELSE 1 END", kind="int"), SortKey("n.url")),
    edge="{official: e.official, mentionedInPaper: e.mentionedInPaper, mentionedInGithub: e.mentionedInGithub}",
    filters={"officialOnly": "e.official = true OR NOT $officialOnly"},
    node_type="Repository",
    degree="(parent)-[:HAS_CODE]->()",
)  # fmt: skip
PAPER_RESULTS: Final = ListSpec(
    "paper.results", PAPER, "MATCH (parent)-[:REPORTS]->(n:Result)",
    (SortKey("n.task"), SortKey("n.dataset"), SortKey("n.metric"), SortKey("n.key")),
    filters={"task": "n.task = $task", "dataset": "n.dataset = $dataset"},
    node_type="Result",
    degree="(parent)-[:REPORTS]->()",
)  # fmt: skip
PAPER_RELATED: Final = ListSpec(
    "paper.related", PAPER, "MATCH (parent)-[e:RELATED_TO]->(n:Paper)",
    (SortKey("e.score", descending=True, kind="float"), SortKey("n.slug")),
    edge="{score: e.score, reasons: e.reasons}",
    node_type="Paper",
    degree="(parent)-[:RELATED_TO]->()",
)  # fmt: skip

AUTHOR_PAPERS: Final = ListSpec(
    "author.papers",
    AUTHOR,
    "MATCH (parent)<-[:AUTHORED_BY]-(n:Paper)",
    RECENT_PAPERS,
    node_type="Paper",
    degree="(parent)<-[:AUTHORED_BY]-()",
    dated=("AUTHORED_BY", "parent.name"),
)
AUTHOR_COAUTHORS: Final = ListSpec(
    "author.coauthors", AUTHOR,
    "MATCH (parent)<-[:AUTHORED_BY]-(:Paper)-[:AUTHORED_BY]->(n:Author) WHERE n <> parent "
    "WITH n, count(*) AS shared",
    (SortKey("shared", descending=True, kind="int"), SortKey("n.name")),
    edge="{sharedPapers: shared}",
    count_pattern="MATCH (parent)<-[:AUTHORED_BY]-(:Paper)-[:AUTHORED_BY]->(n:Author) WHERE n <> parent",
    node_type="Author",
    kept=KeptRanking(COAUTHOR_LINK, COAUTHOR_OF, COAUTHOR_SHARED, COAUTHORS_KEPT, "parent.name",
                     f"{{sharedPapers: link.{COAUTHOR_SHARED}}}"),
)  # fmt: skip
AUTHOR_TASKS: Final = ListSpec(
    "author.tasks", AUTHOR,
    "MATCH (parent)<-[:AUTHORED_BY]-(:Paper)-[:ADDRESSES]->(n:Task) WITH n, count(*) AS papers",
    (SortKey("papers", descending=True, kind="int"), SortKey("n.name")),
    edge="{papers: papers}",
    count_pattern="MATCH (parent)<-[:AUTHORED_BY]-(:Paper)-[:ADDRESSES]->(n:Task)",
    node_type="Task",
)  # fmt: skip

TASK_SUBTASKS: Final = ListSpec(
    "task.subtasks",
    TASK,
    "MATCH (parent)<-[:SUBTASK_OF]-(n:Task)",
    BY_NAME,
    node_type="Task",
    degree="(parent)<-[:SUBTASK_OF]-()",
)
TASK_PAPERS: Final = ListSpec(
    "task.papers",
    TASK,
    "MATCH (parent)<-[:ADDRESSES]-(n:Paper)",
    RECENT_PAPERS,
    node_type="Paper",
    degree="(parent)<-[:ADDRESSES]-()",
    dated=("ADDRESSES", "parent.name"),
)
TASK_DATASETS: Final = ListSpec(
    "task.datasets",
    TASK,
    "MATCH (parent)<-[:FOR_TASK]-(n:Dataset)",
    BY_NAME,
    node_type="Dataset",
    degree="(parent)<-[:FOR_TASK]-()",
)
TASK_LEADERBOARDS: Final = ListSpec(
    "task.leaderboards", TASK,
    "MATCH (parent)<-[:ON_TASK]-(:Result)-[:ON_DATASET]->(n:Dataset) WITH DISTINCT n",
    BY_NAME,
    count_pattern="MATCH (parent)<-[:ON_TASK]-(:Result)-[:ON_DATASET]->(n:Dataset)",
)  # fmt: skip

DATASET_TASKS: Final = ListSpec(
    "dataset.tasks",
    DATASET,
    "MATCH (parent)-[:FOR_TASK]->(n:Task)",
    BY_NAME,
    node_type="Task",
    degree="(parent)-[:FOR_TASK]->()",
)
DATASET_PAPERS: Final = ListSpec(
    "dataset.papers",
    DATASET,
    "MATCH (parent)<-[:USES_DATASET]-(n:Paper)",
    RECENT_PAPERS,
    node_type="Paper",
    degree="(parent)<-[:USES_DATASET]-()",
)
DATASET_LEADERBOARDS: Final = ListSpec(
    "dataset.leaderboards", DATASET,
    "MATCH (parent)<-[:ON_DATASET]-(:Result)-[:ON_TASK]->(n:Task) WITH DISTINCT n",
    BY_NAME,
    count_pattern="MATCH (parent)<-[:ON_DATASET]-(:Result)-[:ON_TASK]->(n:Task)",
)  # fmt: skip

METHOD_PAPERS: Final = ListSpec(
    "method.papers",
    METHOD,
    "MATCH (parent)<-[:USES_METHOD]-(n:Paper)",
    RECENT_PAPERS,
    node_type="Paper",
    degree="(parent)<-[:USES_METHOD]-()",
    dated=("USES_METHOD", "parent.name"),
)
REPOSITORY_PAPERS: Final = ListSpec(
    "repository.papers", REPOSITORY, "MATCH (parent)<-[e:HAS_CODE]-(n:Paper)", RECENT_PAPERS,
    edge="{official: e.official, mentionedInPaper: e.mentionedInPaper, mentionedInGithub: e.mentionedInGithub}",
    node_type="Paper",
    degree="(parent)<-[:HAS_CODE]-()",
)  # fmt: skip

CONFERENCE_PROCEEDINGS: Final = ListSpec(
    "conference.proceedings", CONFERENCE, "MATCH (parent)<-[:OF_CONFERENCE]-(n:Proceeding)",
    (SortKey("coalesce(n.year, 0)", descending=True, kind="int"), SortKey("n.name")),
    node_type="Proceeding",
    degree="(parent)<-[:OF_CONFERENCE]-()",
)  # fmt: skip
PROCEEDING_PAPERS: Final = ListSpec(
    "proceeding.papers", PROCEEDING, "MATCH (parent)<-[:PUBLISHED_IN]-(n:Paper)", RECENT_PAPERS,
    node_type="Paper",
    degree="(parent)<-[:PUBLISHED_IN]-()",
)  # fmt: skip

AREA_TASKS: Final = ListSpec(
    "area.tasks", AREA, "MATCH (parent)<-[:IN_AREA]-(n:Task)",
    (SortKey("coalesce(n.paperCount, 0)", descending=True, kind="int"), SortKey("n.name")),
    node_type="Task",
    degree="(parent)<-[:IN_AREA]-()",
)  # fmt: skip

LEADERBOARD_ROWS: Final = ListSpec(
    "leaderboard.rows", LEADERBOARD,
    "MATCH (n:Result {task: parent.task, dataset: parent.dataset, metric: parent.metric})",
    (SortKey("coalesce(n.rank, 2147483647)", kind="int"), SortKey("n.key")),
    # a row's paper comes with it: a leaderboard is read for its papers' titles
    node="n {.*, reportedBy: COLLECT { MATCH (p:Paper)-[:REPORTS]->(n) RETURN p {.*} ORDER BY p.slug }[0]}",
)  # fmt: skip

# Root lists: `where` adds the compiled filter; the order comes from orderBy.
ALL_PAPERS: Final = "MATCH (n:Paper) WHERE n.stub IS NULL"
ALL_AUTHORS: Final = "MATCH (n:Author)"
ALL_TASKS: Final = "MATCH (n:Task)"
ALL_DATASETS: Final = "MATCH (n:Dataset)"
ALL_METHODS: Final = "MATCH (n:Method)"

LAST_DATE: Final = "date('9999-12-31')"  # sorts papers without a date last in ascending order
PAPER_ORDERS: Final[dict[tuple[str, bool], SortKey]] = {
    ("PUBLISHED", True): SortKey(
        f"coalesce(n.published, {NO_DATE})",
        descending=True,
        kind="date",
        indexed="n.published",
        missing=NO_DATE,
    ),
    ("PUBLISHED", False): SortKey(
        f"coalesce(n.published, {LAST_DATE})", kind="date", indexed="n.published", missing=LAST_DATE
    ),
    # Every paper has a title (the loader requires one; stubs, which may not, are not listed).
    ("TITLE", False): SortKey("n.title", indexed="n.title"),
    ("TITLE", True): SortKey("n.title", descending=True, indexed="n.title"),
}
NAME_KEY: Final = SortKey("n.name", indexed="n.name")  # every named node has its name
NAMED_ORDERS: Final[dict[tuple[str, bool], SortKey]] = {
    ("NAME", False): NAME_KEY,
    ("NAME", True): SortKey("n.name", descending=True, indexed="n.name"),
    ("PAPER_COUNT", True): SortKey("coalesce(n.paperCount, 0)", descending=True, kind="int"),
    ("PAPER_COUNT", False): SortKey("coalesce(n.paperCount, 0)", kind="int"),
}


def root_spec(
    name: str,
    pattern: str,
    order: tuple[SortKey, ...],
    unique: SortKey,
    scan: str | None = None,
    node_type: str | None = None,
) -> ListSpec:
    """A root list in the order asked for, the node key last so every position is unique
    (unless the order already has it: in the direction it was asked for). `scan`, `node_type`:
    see ListSpec."""
    keys = order if any(k.expr == unique.expr for k in order) else (*order, unique)
    # Tagged by a digest of the order, so that a cursor holds values only (no Cypher).
    order_text = "/".join(k.expr + ("-" if k.descending else "") for k in keys)
    return ListSpec(
        f"{name}:{hashlib.sha1(order_text.encode()).hexdigest()[:10]}",
        "",
        pattern,
        keys,
        scan=scan,
        node_type=node_type,
    )
