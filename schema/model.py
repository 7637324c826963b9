"""The graph model, declared once: what every GraphQL field of every type is made from.

Each object type of the schema names, per field, where its value comes from:

- `Stored`: a stored property of the node (with how it is shown: as is, a boolean, a list);
- `GlobalId`: the type's global id, from its key;
- `Page`: a connection, one of the lists of lists.py, with the fields its edges add and
  the arguments that filter it;
- `Link`: one node, or a short list, reached by a fixed pattern;
- `NamedNode`: a node whose name this one stores (a result's task), its name alone when it is
  not in the graph;
- `Board`: a leaderboard (task and dataset) that this one names.

The translation (schema/lane) reads only this: a field of the schema that is not declared
here is refused when the app starts (`check_model`), and a stored field added here needs no
other edit. The root fields are declared in `ROOTS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from graphql import GraphQLObjectType, GraphQLSchema

from schema.data import lists
from schema.data.lists import ListSpec

Show = Literal["value", "bool", "list", "title", "float"]


@dataclass(frozen=True)
class Stored:
    """A stored property: `value` as is, `bool` (false when missing), `list` ([] when
    missing), `title` (the slug when missing), `float` (a number shown as a float)."""

    prop: str
    show: Show = "value"
    default: Any = None


@dataclass(frozen=True)
class GlobalId:
    """The global id: base64 of "Type:key"."""


EdgeValue = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class Page:
    """A connection over `spec`, its items of type `item`; `edge`: the fields its edges add,
    made from the list's edge map; `filters`: GraphQL argument -> the spec's filter name."""

    spec: ListSpec
    item: str
    edge: Mapping[str, EdgeValue] = field(default_factory=dict)
    filters: Mapping[str, str] = field(default_factory=dict)
    # The items are leaderboards of this node: (the task's, the dataset's) side of each.
    boards: tuple[str, str] | None = None


@dataclass(frozen=True)
class Link:
    """One node (`many=False`: the first in `order`) or a short list of them, reached from
    the node `{v}` by `pattern`, which binds `{n}`; `order` sorts on `{n}`."""

    pattern: str
    item: str
    order: str
    many: bool = False


@dataclass(frozen=True)
class NamedNode:
    """The node of type `item` whose name is this node's property `prop`."""

    prop: str
    item: str


@dataclass(frozen=True)
class Board:
    """A field of a leaderboard: its metrics (`metrics`, `metric`, `higherIsBetter`), its
    task or dataset, or its ranked rows."""

    part: Literal["metrics", "metric", "higherIsBetter", "task", "dataset", "rows"]


FieldSource = Stored | GlobalId | Page | Link | NamedNode | Board


@dataclass(frozen=True)
class NodeType:
    """An object type made from one node of `label` (None: not a node, e.g. a leaderboard)."""

    name: str
    label: str | None
    key: str | None
    fields: Mapping[str, FieldSource]

    def properties(self, names: list[str]) -> tuple[str, ...]:
        """The stored properties the named fields are made from, the key first."""
        wanted = [self.key] if self.key else []
        for name in names:
            source = self.fields.get(name)
            if isinstance(source, Stored | NamedNode) and source.prop not in wanted:
                wanted.append(source.prop)
        return tuple(wanted)


def _flags(edge: Mapping[str, Any]) -> dict[str, bool]:
    return {
        "official": bool(edge.get("official")),
        "mentionedInPaper": bool(edge.get("mentionedInPaper")),
        "mentionedInGithub": bool(edge.get("mentionedInGithub")),
    }


CODE_FLAGS: Final[Mapping[str, EdgeValue]] = {
    name: (lambda edge, name=name: _flags(edge)[name])  # type: ignore[misc]
    for name in ("official", "mentionedInPaper", "mentionedInGithub")
}


def _shared(kind: str) -> EdgeValue:
    def shared(edge: Mapping[str, Any]) -> list[str]:
        found = []
        for reason in edge.get("reasons") or []:
            reason_kind, _, name = str(reason).partition(":")
            if reason_kind == kind:
                found.append(name)
        return found

    return shared


RELATED_EDGE: Final[Mapping[str, EdgeValue]] = {
    "score": lambda edge: float(edge.get("score") or 0.0),
    "sharedAuthors": _shared("author"),
    "sharedTasks": _shared("task"),
    "sharedMethods": _shared("method"),
    "sharedDatasets": _shared("dataset"),
}

_ID = GlobalId()

TYPES: Final[Mapping[str, NodeType]] = {
    "Paper": NodeType("Paper", "Paper", "slug", {
        "id": _ID,
        "slug": Stored("slug"),
        "arxivId": Stored("arxivId"),
        "title": Stored("title", "title"),
        "abstract": Stored("abstract"),
        "published": Stored("published"),
        "urlAbs": Stored("urlAbs"),
        "urlPdf": Stored("urlPdf"),
        "proceeding": Stored("proceeding"),
        "conference": Stored("conference"),
        "pwcUrl": Stored("pwcUrl"),
        "isStub": Stored("stub", "bool"),
        "authors": Page(lists.PAPER_AUTHORS, "Author"),
        "tasks": Page(lists.PAPER_TASKS, "Task"),
        "methods": Page(lists.PAPER_METHODS, "Method"),
        "datasets": Page(lists.PAPER_DATASETS, "Dataset"),
        "repositories": Page(lists.PAPER_REPOSITORIES, "Repository", CODE_FLAGS,
                             {"officialOnly": "officialOnly"}),
        "results": Page(lists.PAPER_RESULTS, "Result", filters={"task": "task", "dataset": "dataset"}),
        "related": Page(lists.PAPER_RELATED, "Paper", RELATED_EDGE),
    }),
    "Author": NodeType("Author", "Author", "name", {
        "id": _ID,
        "name": Stored("name"),
        "paperCount": Stored("paperCount"),
        "papers": Page(lists.AUTHOR_PAPERS, "Paper"),
        "coauthors": Page(lists.AUTHOR_COAUTHORS, "Author",
                          {"sharedPapers": lambda edge: int(edge["sharedPapers"])}),
        "tasks": Page(lists.AUTHOR_TASKS, "Task"),
    }),
    "Task": NodeType("Task", "Task", "name", {
        "id": _ID,
        "name": Stored("name"),
        "description": Stored("description"),
        "synonyms": Stored("synonyms", "list"),
        "paperCount": Stored("paperCount"),
        "areas": Link("MATCH ({v})-[:IN_AREA]->({n}:Area)", "Area", "{n}.name", many=True),
        # a task merged from several files can have several parents: the first by name
        "parent": Link("MATCH ({v})-[:SUBTASK_OF]->({n}:Task)", "Task", "{n}.name"),
        "subtasks": Page(lists.TASK_SUBTASKS, "Task"),
        "papers": Page(lists.TASK_PAPERS, "Paper"),
        "datasets": Page(lists.TASK_DATASETS, "Dataset"),
        "leaderboards": Page(lists.TASK_LEADERBOARDS, "Leaderboard", boards=("parent", "item")),
    }),
    "Area": NodeType("Area", "Area", "name", {"name": Stored("name")}),
    "Dataset": NodeType("Dataset", "Dataset", "name", {
        "id": _ID,
        "name": Stored("name"),
        "fullName": Stored("fullName"),
        "description": Stored("description"),
        "homepage": Stored("homepage"),
        "modalities": Stored("modalities", "list"),
        "languages": Stored("languages", "list"),
        "introducedDate": Stored("introducedDate"),
        "paperCount": Stored("paperCount"),
        "introducedIn": Link("MATCH ({v})-[:INTRODUCED_IN]->({n}:Paper)", "Paper", "{n}.slug"),
        "tasks": Page(lists.DATASET_TASKS, "Task"),
        "papers": Page(lists.DATASET_PAPERS, "Paper"),
        "leaderboards": Page(lists.DATASET_LEADERBOARDS, "Leaderboard", boards=("item", "parent")),
    }),
    "Method": NodeType("Method", "Method", "name", {
        "id": _ID,
        "name": Stored("name"),
        "fullName": Stored("fullName"),
        "description": Stored("description"),
        "introducedYear": Stored("introducedYear"),
        "paperCount": Stored("paperCount"),
        "introducedIn": Link("MATCH ({v})-[:INTRODUCED_IN]->({n}:Paper)", "Paper", "{n}.slug"),
        "collections": Link("MATCH ({v})-[:IN_COLLECTION]->({n}:Collection)", "Collection",
                            "{n}.name", many=True),
        "papers": Page(lists.METHOD_PAPERS, "Paper"),
    }),
    "Collection": NodeType("Collection", "Collection", "name", {
        "name": Stored("name"),
        "area": Stored("area"),
    }),
    "Repository": NodeType("Repository", "Repository", "url", {
        "id": _ID,
        "url": Stored("url"),
        "owner": Stored("owner"),
        "name": Stored("name"),
        "framework": Stored("framework"),
        "papers": Page(lists.REPOSITORY_PAPERS, "Paper", CODE_FLAGS),
    }),
    "Result": NodeType("Result", "Result", "key", {
        "id": _ID,
        "model": Stored("model"),
        "metric": Stored("metric", default=""),
        "value": Stored("value"),
        "numericValue": Stored("numericValue", "float"),
        "errorBound": Stored("errorBound", "float"),
        "higherIsBetter": Stored("higherIsBetter", "bool", default=True),
        "rank": Stored("rank"),
        "usesAdditionalData": Stored("usesAdditionalData", "bool"),
        "paperTitle": Stored("paperTitle"),
        "paperUrl": Stored("paperUrl"),
        "paperDate": Stored("paperDate"),
        "codeLinks": Stored("codeLinks", "list"),
        # several papers may report a row: the first by slug
        "paper": Link("MATCH ({v})<-[:REPORTS]-({n}:Paper)", "Paper", "{n}.slug"),
        "task": NamedNode("task", "Task"),
        "dataset": NamedNode("dataset", "Dataset"),
    }),
    "Leaderboard": NodeType("Leaderboard", None, None, {
        "task": Board("task"),
        "dataset": Board("dataset"),
        "metrics": Board("metrics"),
        "metric": Board("metric"),
        "higherIsBetter": Board("higherIsBetter"),
        "rows": Board("rows"),
    }),
}  # fmt: skip

# The types a global id can name, and what `node(id:)` and graph walks find.
ENTITY_TYPES: Final = ("Paper", "Author", "Task", "Dataset", "Method", "Repository", "Result")


@dataclass(frozen=True)
class RootList:
    """A root connection: every node of `label` (papers: not stubs), filtered by `where`
    (the predicates of schema/lane/filters.py) in an order of `orderBy`."""

    item: str


@dataclass(frozen=True)
class Lookup:
    """A node by its key (`keys`: GraphQL argument -> stored property), or by global id."""

    item: str
    keys: tuple[str, ...]
    by_id: bool = True


ROOTS: Final[Mapping[str, RootList | Lookup | str]] = {
    "node": "node",
    "paper": Lookup("Paper", ("slug", "arxivId")),
    "papers": RootList("Paper"),
    "search": "search",
    "author": Lookup("Author", ("name",)),
    "authors": RootList("Author"),
    "task": Lookup("Task", ("name",)),
    "tasks": RootList("Task"),
    "dataset": Lookup("Dataset", ("name",)),
    "datasets": RootList("Dataset"),
    "method": Lookup("Method", ("name",)),
    "methods": RootList("Method"),
    "repository": Lookup("Repository", ("url",), by_id=False),
    "leaderboard": "leaderboard",
    "neighborhood": "neighborhood",
    "path": "path",
}

# Types whose fields the translation makes itself, whatever the model says.
SHAPES: Final = {"PageInfo", "Subgraph", "SubgraphEdge", "Query"}


def check_model(schema: GraphQLSchema) -> None:
    """Every field of every object type of the schema is declared (or is a connection's or
    edge's own field): a field added to the schema without its source fails at startup."""
    missing = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        if name in SHAPES or name.endswith("Connection") or name.endswith("Edge"):
            continue
        declared = TYPES.get(name)
        for field_name in graphql_type.fields:
            if declared is None or field_name not in declared.fields:
                missing.append(f"{name}.{field_name}")
    if set(ROOTS) != set(schema.query_type.fields if schema.query_type else ()):
        missing.append("Query: " + ", ".join(sorted(set(ROOTS) ^ set(schema.query_type.fields))))  # type: ignore[union-attr]
    if missing:
        raise RuntimeError("fields without a source in schema/model.py: " + ", ".join(missing))
