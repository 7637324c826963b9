"""Which stored properties a list's items need: those its selection reads, not all of them.

A list's statement returned every property of every item (`n {.*}`): a paper page's
fifty results came with their code links, model links and hashes, its related papers
with their abstracts, though the page shows a few fields of each. Reading and sending
them was a fifth of the statement's time in Neo4j. A connection now names the
properties its items' selected fields are made from (the `from_props` of each type),
and the statement projects only those (lists.page_query).

Exact, not a guess: a field missing from FIELD_PROPERTIES, a fragment on the way to the
items, or an item type not listed here, and the items keep all their properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from graphql import FieldNode

# The properties every item of a type needs whatever is selected: its key (the resolvers of
# its lists and its id use nothing else).
KEY_PROPERTIES: Final[Mapping[str, tuple[str, ...]]] = {
    "Paper": ("slug",),
    "Author": ("name",),
    "Task": ("name",),
    "Dataset": ("name",),
    "Method": ("name",),
    "Repository": ("url",),
    "Result": ("key",),
}

_BY_KEY: Final = ()  # a field made from the key alone (an id, a list, a lookup by key)

# GraphQL field -> the properties `from_props` makes it from. Keep in step with the types:
# tests/test_projection.py compares every field of every listed type with the same node
# read whole.
FIELD_PROPERTIES: Final[Mapping[str, Mapping[str, tuple[str, ...]]]] = {
    "Paper": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "slug": _BY_KEY,
        "arxivId": ("arxivId",),
        "title": ("title",),  # a paper without a title shows its slug
        "abstract": ("abstract",),
        "published": ("published",),
        "urlAbs": ("urlAbs",),
        "urlPdf": ("urlPdf",),
        "proceeding": ("proceeding",),
        "conference": ("conference",),
        "pwcUrl": ("pwcUrl",),
        "isStub": ("stub",),
        "authors": _BY_KEY,
        "tasks": _BY_KEY,
        "methods": _BY_KEY,
        "datasets": _BY_KEY,
        "repositories": _BY_KEY,
        "results": _BY_KEY,
        "related": _BY_KEY,
    },
    "Author": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "name": _BY_KEY,
        "paperCount": ("paperCount",),
        "papers": _BY_KEY,
        "coauthors": _BY_KEY,
        "tasks": _BY_KEY,
    },
    "Task": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "name": _BY_KEY,
        "description": ("description",),
        "synonyms": ("synonyms",),
        "paperCount": ("paperCount",),
        "areas": _BY_KEY,
        "parent": _BY_KEY,
        "subtasks": _BY_KEY,
        "papers": _BY_KEY,
        "datasets": _BY_KEY,
        "leaderboards": _BY_KEY,
    },
    "Dataset": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "name": _BY_KEY,
        "fullName": ("fullName",),
        "description": ("description",),
        "homepage": ("homepage",),
        "modalities": ("modalities",),
        "languages": ("languages",),
        "introducedDate": ("introducedDate",),
        "paperCount": ("paperCount",),
        "introducedIn": _BY_KEY,
        "tasks": _BY_KEY,
        "papers": _BY_KEY,
        "leaderboards": _BY_KEY,
    },
    "Method": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "name": _BY_KEY,
        "fullName": ("fullName",),
        "description": ("description",),
        "introducedYear": ("introducedYear",),
        "paperCount": ("paperCount",),
        "introducedIn": _BY_KEY,
        "collections": _BY_KEY,
        "papers": _BY_KEY,
    },
    "Repository": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "url": _BY_KEY,
        "owner": ("owner",),
        "name": ("name",),
        "framework": ("framework",),
        "papers": _BY_KEY,
    },
    "Result": {
        "__typename": _BY_KEY,
        "id": _BY_KEY,
        "model": ("model",),
        "metric": ("metric",),
        "value": ("value",),
        "numericValue": ("numericValue",),
        "errorBound": ("errorBound",),
        "higherIsBetter": ("higherIsBetter",),
        "rank": ("rank",),
        "usesAdditionalData": ("usesAdditionalData",),
        "paperTitle": ("paperTitle",),
        "paperUrl": ("paperUrl",),
        "paperDate": ("paperDate",),
        "codeLinks": ("codeLinks",),
        "paper": _BY_KEY,  # looked up by the result's key (a leaderboard's rows keep theirs)
        "task": ("task",),
        "dataset": ("dataset",),
    },
}


def item_properties(
    node_type: str | None, field_nodes: Iterable[FieldNode]
) -> tuple[str, ...] | None:
    """The properties the items of a connection field need, sorted; None for all of them.

    `field_nodes`: the connection field as the request selects it (every node with its
    response name: a field selected twice is merged). Its items are under `nodes` and
    `edges { node }`; what the connection or its edges select beside them needs nothing of
    the items' properties.
    """
    fields = FIELD_PROPERTIES.get(node_type or "")
    names = _item_field_names(field_nodes)
    if fields is None or names is None:
        return None
    needed = set(KEY_PROPERTIES[node_type or ""])
    for name in names:
        properties = fields.get(name)
        if properties is None:
            return None
        needed.update(properties)
    return tuple(sorted(needed))


def _item_field_names(field_nodes: Iterable[FieldNode]) -> set[str] | None:
    """The names selected on the items; None when a fragment hides some of them."""
    names: set[str] = set()
    for connection in field_nodes:
        for part in _children(connection):
            if not isinstance(part, FieldNode):
                return None
            if part.name.value == "nodes":
                found = _field_names(part)
            elif part.name.value == "edges":
                found = set()
                for edge_part in _children(part):
                    if not isinstance(edge_part, FieldNode):
                        return None
                    if edge_part.name.value == "node":
                        node_names = _field_names(edge_part)
                        if node_names is None:
                            return None
                        found |= node_names
            else:
                continue
            if found is None:
                return None
            names |= found
    return names


def _field_names(node: FieldNode) -> set[str] | None:
    names = set()
    for part in _children(node):
        if not isinstance(part, FieldNode):
            return None
        names.add(part.name.value)
    return names


def _children(node: FieldNode) -> tuple[object, ...]:
    return tuple(node.selection_set.selections) if node.selection_set else ()
