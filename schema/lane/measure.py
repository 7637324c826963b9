"""Measures of a GraphQL document, each linear in the document's size.

Depth, aliases and cost expand fragments as execution would, so a fragment spread many times
(30 fragments each spreading the next twice is 2^30 fields in 1.3 KB) is measured once and its
measure reused: the numbers may be astronomical, the work never is. Over a limit, the request
is refused with these numbers before anything is expanded.

Depth and aliases are counted as Strawberry's QueryDepthLimiter and MaxAliasesLimiter count
them (same numbers, same messages); the cost is this project's estimate (see `cost`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
)

from schema.types.connection import DEFAULT_PAGE_SIZE

Fragments = Mapping[str, FragmentDefinitionNode]

# Lists that take no `first` but return several items: a fixed fan-out estimate.
SMALL_LISTS = {"areas": 5, "collections": 5, "metrics": 10, "nodes": DEFAULT_PAGE_SIZE,
               "progression": DEFAULT_PAGE_SIZE, "ancestors": 5, "suggest": 8}  # fmt: skip


def operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


# Depth ------------------------------------------------------------------------------------


class _Depths:
    """The depth a selection reaches below where it stands: a field with a selection set
    is 1 + the deepest of its selections, a leaf 0, a fragment the deepest of its selections.
    Fields named __* (introspection) count 0."""

    def __init__(self, fragments: Fragments) -> None:
        self.fragments = fragments
        self.known: dict[str, int] = {}
        self.visiting: set[str] = set()

    def of_set(self, selection_set: SelectionSetNode | None) -> int:
        if selection_set is None:
            return 0
        return max((self.of(s) for s in selection_set.selections), default=0)

    def of(self, node: Node) -> int:
        if isinstance(node, FieldNode):
            if node.name.value.startswith("__") or node.selection_set is None:
                return 0
            return 1 + self.of_set(node.selection_set)
        if isinstance(node, InlineFragmentNode):
            return self.of_set(node.selection_set)
        if isinstance(node, FragmentSpreadNode):
            return self.of_fragment(node.name.value)
        return 0

    def of_fragment(self, name: str) -> int:
        if name in self.known:
            return self.known[name]
        fragment = self.fragments.get(name)
        if fragment is None or name in self.visiting:
            return 0  # unknown fragments and cycles are validation errors of their own
        self.visiting.add(name)
        depth = self.of_set(fragment.selection_set)
        self.visiting.discard(name)
        self.known[name] = depth
        return depth

    def first_too_deep(self, selection_set: SelectionSetNode, limit: int) -> Node | None:
        """The first node, in document order, standing deeper than `limit`: where the error
        points. Follows one path down, guided by the known depths."""
        at, selections = 0, list(selection_set.selections)
        while True:
            for node in selections:
                if at > limit:
                    return node
                below = self.of(node)
                if at + below <= limit:
                    continue
                if isinstance(node, FieldNode):
                    assert node.selection_set is not None
                    at, selections = at + 1, list(node.selection_set.selections)
                elif isinstance(node, InlineFragmentNode):
                    selections = list(node.selection_set.selections)
                else:
                    assert isinstance(node, FragmentSpreadNode)
                    selections = list(self.fragments[node.name.value].selection_set.selections)
                break
            else:
                return None


def depth_errors(document: DocumentNode, limit: int) -> list[GraphQLError]:
    depths = _Depths(fragments_of(document))
    errors = []
    for operation in operations(document):
        if depths.of_set(operation.selection_set) > limit:
            name = operation.name.value if operation.name else "anonymous"
            where = depths.first_too_deep(operation.selection_set, limit)
            errors.append(
                GraphQLError(
                    f"'{name}' exceeds maximum operation depth of {limit}",
                    [where] if where is not None else None,
                )
            )
    return errors


# Aliases ----------------------------------------------------------------------------------


def _summed(selection_set: SelectionSetNode | None, fragments: Fragments,
            field_value: Callable[[FieldNode, int], int]) -> int:  # fmt: skip
    """The sum of `field_value(field, the sum below it)` over the fields a selection set
    selects, fragments expanded: each fragment summed once and its sum reused."""
    known: dict[str, int] = {}

    def of_set(selections: SelectionSetNode | None, visiting: frozenset[str]) -> int:
        total = 0
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                total += field_value(node, of_set(node.selection_set, visiting))
            elif isinstance(node, InlineFragmentNode):
                total += of_set(node.selection_set, visiting)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                if name in visiting or name not in fragments:
                    continue  # cycles and unknown fragments are validation errors of their own
                if name not in known:
                    known[name] = of_set(fragments[name].selection_set, visiting | {name})
                total += known[name]
        return total

    return of_set(selection_set, frozenset())


def alias_count(document: DocumentNode) -> int:
    """Aliased fields in every operation."""
    fragments = fragments_of(document)
    return sum(
        _summed(o.selection_set, fragments, lambda field, below: (field.alias is not None) + below)
        for o in operations(document)
    )


def alias_errors(document: DocumentNode, limit: int) -> list[GraphQLError]:
    total = alias_count(document)
    if total > limit:
        return [GraphQLError(f"{total} aliases found. Allowed: {limit}")]
    return []


# Cost -------------------------------------------------------------------------------------


def cost(operation: OperationDefinitionNode, fragments: Fragments,
         variables: Mapping[str, Any]) -> int:  # fmt: skip
    """Every field costs 1, and the fields under a list are counted once per item it can
    return (its `first`, or the default page size), so nested lists multiply."""
    return _summed(
        operation.selection_set,
        fragments,
        lambda field, below: 1 + max(_fan_out(field, variables), 1) * below,
    )


def _fan_out(field: FieldNode, variables: Mapping[str, Any]) -> int:
    """How many items a field's selection is counted for."""
    size = _page_size(field, variables)
    if size is not None:
        return size
    ids = _id_count(field, variables)
    if ids is not None:
        return ids
    if field.selection_set is None:
        return 1
    name = field.name.value
    if name in ("edges", "nodes"):
        return 1  # the fan-out is counted on the connection field itself
    if _looks_like_connection(field):
        return DEFAULT_PAGE_SIZE
    return SMALL_LISTS.get(name, 1)


def _page_size(field: FieldNode, variables: Mapping[str, Any]) -> int | None:
    """The `first` (or `limit`) of a field, when it takes one; None for a non-list field."""
    for argument in field.arguments or []:
        if argument.name.value in ("first", "limit"):
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                given = variables.get(value.name.value)
                return int(given) if isinstance(given, int) else DEFAULT_PAGE_SIZE
    return None


def _id_count(field: FieldNode, variables: Mapping[str, Any]) -> int | None:
    """How many ids a field's `ids` list gives (`nodes(ids:)`); None without one."""
    for argument in field.arguments or []:
        if argument.name.value == "ids":
            value = argument.value
            if isinstance(value, ListValueNode):
                return len(value.values)
            given = variables.get(value.name.value) if isinstance(value, VariableNode) else None
            return len(given) if isinstance(given, list) else 1
    return None


def _looks_like_connection(field: FieldNode) -> bool:
    """A field selecting edges/nodes is a connection even when `first` is left to its default."""
    for selection in field.selection_set.selections if field.selection_set else []:
        if isinstance(selection, FieldNode) and selection.name.value in ("edges", "nodes"):
            return True
    return False


# Strings ----------------------------------------------------------------------------------


def long_strings(document: DocumentNode, limit: int) -> Iterator[StringValueNode]:
    """String literals longer than `limit` characters."""
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, StringValueNode):
            if len(node.value) > limit:
                yield node
            continue
        for key in node.keys:
            value = getattr(node, key, None)
            if isinstance(value, Node):
                stack.append(value)
            elif isinstance(value, tuple | list):
                stack.extend(v for v in value if isinstance(v, Node))
