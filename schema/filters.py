"""`where` and `orderBy` inputs of the root lists, compiled to a Cypher predicate on `n`.

Each filter field maps to one fixed predicate text; the client's values go
into parameters (`$w0`, `$w1`, ...). AND / OR / NOT nest. An empty filter
matches everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import strawberry

from graphdb.identifiers import normalize_arxiv_id, title_key
from graphdb.list_counts import FEATURES
from graphdb.model import DATED_LINKS
from schema.data.lists import ALL_PAPERS, NAMED_ORDERS, PAPER_ORDERS, SortKey
from schema.errors import UserInputError, shown
from schema.limits import Limits, setting


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.enum(description="What papers can be sorted by.")
class PaperOrderField(Enum):
    PUBLISHED = "PUBLISHED"
    TITLE = "TITLE"


@strawberry.enum(description="What authors, tasks, datasets and methods can be sorted by.")
class NameOrderField(Enum):
    NAME = "NAME"
    PAPER_COUNT = "PAPER_COUNT"


@strawberry.input(description="One sort key for papers; ties are broken by slug.")
class PaperOrder:
    field: PaperOrderField = strawberry.field(description="The key to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.DESC, description="ASC or DESC."
    )


@strawberry.input(description="One sort key for authors, tasks, datasets or methods; ties by name.")
class NameOrder:
    field: NameOrderField = strawberry.field(description="The key to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="ASC or DESC."
    )


@strawberry.input(
    description="Which papers: every given field must hold; combine with AND, OR, NOT."
)
class PaperWhere:
    title_contains: str | None = strawberry.field(
        default=None, description="Words in the title (case, accents and punctuation ignored)."
    )
    published_from: dt.date | None = strawberry.field(
        default=None, description="Published on or after."
    )
    published_to: dt.date | None = strawberry.field(
        default=None, description="Published on or before."
    )
    has_code: bool | None = strawberry.field(
        default=None, description="Has (true) or lacks (false) any code."
    )
    official_code_only: bool | None = strawberry.field(
        default=None, description="true: only papers with an official repository."
    )
    task: str | None = strawberry.field(default=None, description="Addresses this task (by name).")
    dataset: str | None = strawberry.field(default=None, description="Uses this dataset (by name).")
    method: str | None = strawberry.field(default=None, description="Uses this method (by name).")
    author: str | None = strawberry.field(default=None, description="Lists this author (by name).")
    arxiv_id: str | None = strawberry.field(
        default=None, description="Has this arXiv id (any version or URL)."
    )
    AND: list[PaperWhere] | None = strawberry.field(default=None, description="All of these hold.")
    OR: list[PaperWhere] | None = strawberry.field(
        default=None, description="At least one of these holds."
    )
    NOT: PaperWhere | None = strawberry.field(default=None, description="This does not hold.")


@strawberry.input(
    description="Which authors: every given field must hold; combine with AND, OR, NOT."
)
class AuthorWhere:
    name: str | None = strawberry.field(default=None, description="Exactly this name.")
    name_contains: str | None = strawberry.field(
        default=None, description="Names containing this (any case)."
    )
    AND: list[AuthorWhere] | None = strawberry.field(default=None, description="All of these hold.")
    OR: list[AuthorWhere] | None = strawberry.field(
        default=None, description="At least one of these holds."
    )
    NOT: AuthorWhere | None = strawberry.field(default=None, description="This does not hold.")


@strawberry.input(
    description="Which tasks: every given field must hold; combine with AND, OR, NOT."
)
class TaskWhere:
    name: str | None = strawberry.field(default=None, description="Exactly this name.")
    name_contains: str | None = strawberry.field(
        default=None, description="Names containing this (any case)."
    )
    AND: list[TaskWhere] | None = strawberry.field(default=None, description="All of these hold.")
    OR: list[TaskWhere] | None = strawberry.field(
        default=None, description="At least one of these holds."
    )
    NOT: TaskWhere | None = strawberry.field(default=None, description="This does not hold.")


@strawberry.input(
    description="Which datasets: every given field must hold; combine with AND, OR, NOT."
)
class DatasetWhere:
    name: str | None = strawberry.field(default=None, description="Exactly this name.")
    name_contains: str | None = strawberry.field(
        default=None, description="Names containing this (any case)."
    )
    AND: list[DatasetWhere] | None = strawberry.field(
        default=None, description="All of these hold."
    )
    OR: list[DatasetWhere] | None = strawberry.field(
        default=None, description="At least one of these holds."
    )
    NOT: DatasetWhere | None = strawberry.field(default=None, description="This does not hold.")


@strawberry.input(
    description="Which methods: every given field must hold; combine with AND, OR, NOT."
)
class MethodWhere:
    name: str | None = strawberry.field(default=None, description="Exactly this name.")
    name_contains: str | None = strawberry.field(
        default=None, description="Names containing this (any case)."
    )
    AND: list[MethodWhere] | None = strawberry.field(default=None, description="All of these hold.")
    OR: list[MethodWhere] | None = strawberry.field(
        default=None, description="At least one of these holds."
    )
    NOT: MethodWhere | None = strawberry.field(default=None, description="This does not hold.")


MAX_FILTER_NODES = Limits.filter_conditions

# field -> predicate on `n` with `{p}` for its parameter
PAPER_PREDICATES: dict[str, str] = {
    # coalesce: not a predicate an index could answer. Neo4j 5.26 sometimes planned a bare
    # `n.titleKey CONTAINS` (many ANDed) as a scan of titleKey's RANGE index, which refused it
    # at run time ("A STRING_CONTAINS predicate is not allowed for a RANGE index"). The same
    # rows: a key to match is never empty (_normalise refuses it).
    "title_contains": "coalesce(n.titleKey, '') CONTAINS {p}",
    "published_from": "n.published >= {p}",
    "published_to": "n.published <= {p}",
    "task": "EXISTS {{ (n)-[:ADDRESSES]->(:Task {{name: {p}}}) }}",
    "dataset": "EXISTS {{ (n)-[:USES_DATASET]->(:Dataset {{name: {p}}}) }}",
    "method": "EXISTS {{ (n)-[:USES_METHOD]->(:Method {{name: {p}}}) }}",
    "author": "EXISTS {{ (n)-[:AUTHORED_BY]->(:Author {{name: {p}}}) }}",
    "arxiv_id": "n.arxivId = {p}",
}
NAME_PREDICATES: dict[str, str] = {
    "name": "n.name = {p}",
    "name_contains": "toLower(n.name) CONTAINS toLower({p})",
}


@dataclass
class Compiled:
    params: dict[str, Any] = field(default_factory=dict)
    nodes: int = 0
    max_nodes: int = MAX_FILTER_NODES

    def param(self, value: Any) -> str:
        name = f"w{len(self.params)}"
        self.params[name] = value
        return f"${name}"


def compile_where(where: Any, predicates: dict[str, str],
                  max_nodes: int = MAX_FILTER_NODES) -> tuple[str | None, dict[str, Any]]:  # fmt: skip
    """(predicate on n, parameters) for a where input; (None, {}) when there is nothing to filter.
    More than `max_nodes` conditions (AND, OR and NOT included) is refused."""
    if where is None:
        return None, {}
    compiled = Compiled(max_nodes=max_nodes)
    text = _compile(where, predicates, compiled)
    return (text or None), compiled.params


def _compile(where: Any, predicates: dict[str, str], compiled: Compiled) -> str:
    compiled.nodes += 1
    if compiled.nodes > compiled.max_nodes:
        raise UserInputError(f"where: more than {compiled.max_nodes} conditions "
                             f"({setting('filter_conditions')})")  # fmt: skip
    parts: list[str] = []
    for name, template in predicates.items():
        value = getattr(where, name, None)
        if value is None:
            continue
        value = _normalise(name, value)
        parts.append(template.format(p=compiled.param(value)))
    if getattr(where, "has_code", None) is not None:
        exists = "EXISTS { (n)-[:HAS_CODE]->() }"  # HAS_CODE leads to repositories only
        parts.append(exists if where.has_code else f"NOT {exists}")
    if getattr(where, "official_code_only", None):
        parts.append("EXISTS { (n)-[:HAS_CODE {official: true}]->() }")
    for sub in where.AND or []:
        if text := _compile(sub, predicates, compiled):
            parts.append(text)
    if where.OR:
        alternatives = [_compile(sub, predicates, compiled) or "true" for sub in where.OR]
        parts.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")")
    if where.NOT is not None:
        parts.append(f"NOT ({_compile(where.NOT, predicates, compiled) or 'true'})")
    return " AND ".join(f"({p})" for p in parts)


def _normalise(name: str, value: Any) -> Any:
    if name == "title_contains":
        key = title_key(value)
        if key is None:
            raise UserInputError(
                f"where.titleContains: {shown(value)} has no letters or digits to match"
            )
        return key
    if name == "arxiv_id":
        arxiv = normalize_arxiv_id(value)
        if arxiv is None:
            raise UserInputError(f"where.arxivId: {shown(value)} is not an arXiv identifier or URL")
        return arxiv
    return value


# A paper filter naming one of these at its top level (not under OR or NOT) holds only for
# that node's papers: when the window of the order's index does not hold a page, the sort
# starts from the node (one index seek, then its papers) instead of testing every paper. The
# filter's own predicate still applies; the pattern only decides where Neo4j starts.
PAPER_ANCHORS: dict[str, str] = {
    "task": "MATCH (:Task {name: $anchor})<-[:ADDRESSES]-(n:Paper)",
    "dataset": "MATCH (:Dataset {name: $anchor})<-[:USES_DATASET]-(n:Paper)",
    "method": "MATCH (:Method {name: $anchor})<-[:USES_METHOD]-(n:Paper)",
    "author": "MATCH (:Author {name: $anchor})<-[:AUTHORED_BY]-(n:Paper)",
}


# The anchors whose links keep the paper's date: the list, newest first, reads their index
# (schema/data/lists.py ListSpec.dated).
DATED_ANCHORS: dict[str, str] = {
    name: rel_type for name, (_, rel_type) in FEATURES.items() if rel_type in DATED_LINKS
}


def paper_list_anchor(where: Any) -> str | None:
    """The filter the papers list starts from (see PAPER_ANCHORS), if any: its predicate then
    holds for every paper the pattern finds, and need not be tested again."""
    for name in PAPER_ANCHORS:
        if where is not None and getattr(where, name, None) is not None:
            return name
    return None


def paper_list_start(where: PaperWhere | None) -> tuple[str, str | None, dict[str, Any]]:
    """(pattern, scan, parameters) of the papers list: every paper; or, for a filter naming a
    task, dataset, method or author, that node's papers, with every paper as the index
    window's scan (see ListSpec.scan)."""
    for name, pattern in PAPER_ANCHORS.items():
        value = getattr(where, name, None) if where is not None else None
        if value is not None:
            return f"{pattern} WITH DISTINCT n WHERE n.stub IS NULL", ALL_PAPERS, {"anchor": value}
    return ALL_PAPERS, None, {}


def paper_order(order: list[PaperOrder] | None) -> tuple[SortKey, ...]:
    given = order or [PaperOrder(field=PaperOrderField.PUBLISHED, direction=OrderDirection.DESC)]
    return tuple(PAPER_ORDERS[(o.field.value, o.direction == OrderDirection.DESC)] for o in given)


def name_order(order: list[NameOrder] | None) -> tuple[SortKey, ...]:
    given = order or [NameOrder(field=NameOrderField.NAME, direction=OrderDirection.ASC)]
    return tuple(NAMED_ORDERS[(o.field.value, o.direction == OrderDirection.DESC)] for o in given)
