"""Limits checked before any Cypher runs: depth, aliases, tokens and an estimated cost.

schema/lane/run.py applies them: tokens while parsing, depth and aliases with validation
(LIMIT_RULES), the cost per request (it depends on the variables).

The cost of a query is estimated from its shape: every field costs 1, and the
fields under a list are counted once per item it can return (its `first`, or
the default page size), so nested lists multiply. A request over a limit is
refused with a message naming the limit and its value.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from strawberry.extensions import (
    MaxAliasesLimiter,
    QueryDepthLimiter,
)

from schema.types.connection import DEFAULT_PAGE_SIZE

# The caches below are shared by every request of the process, which may serve from several
# threads (the tests run two servers in one process).
_CACHE_LOCK = threading.Lock()

MAX_DEPTH = 16  # a connection takes two levels (field, then nodes/edges)
MAX_ALIASES = 30
MAX_TOKENS = 3_000
MAX_COST = 100_000
MAX_NEIGHBORHOOD = 500  # nodes of a neighbourhood
MAX_PATH_HOPS = 6  # the longest path looked for

# Lists that take no `first` but return several items: a fixed fan-out estimate.
SMALL_LISTS = {"areas": 5, "collections": 5, "metrics": 10, "nodes": DEFAULT_PAGE_SIZE}
GRAPH_FIELDS = {"neighborhood": "limit", "path": None}


# Costs by (operation, its name, integer variables): the only variables a cost reads are page
# sizes, and the parser cache gives one document (so one operation node) per query text.
_COSTS_KEPT = 1024
_costs: OrderedDict[tuple[int, str | None, tuple[tuple[str, int], ...]], tuple[object, int]] = (
    OrderedDict()
)


def operation_cost(
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
) -> int:
    """The estimated cost of an operation with these variables (`variables` as the request
    gave them), cached."""
    sizes = tuple(sorted((k, v) for k, v in variables.items() if isinstance(v, int)))
    key = (id(operation), operation.name.value if operation.name else None, sizes)
    with _CACHE_LOCK:
        cached = _costs.get(key)
        if cached is not None and cached[0] is operation:  # the node itself: ids are reused
            _costs.move_to_end(key)
            return cached[1]
    cost = _selection_cost(operation.selection_set, fragments, variables, set(), {})
    with _CACHE_LOCK:
        _costs[key] = (operation, cost)
        if len(_costs) > _COSTS_KEPT:
            _costs.popitem(last=False)
    return cost


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


def _selection_cost(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    visiting: set[str],
    known: dict[str, int],
) -> int:
    """`known`: the cost of each fragment already estimated, so that a fragment spread many
    times is estimated once (the estimate stays linear in the query's size)."""
    if selection_set is None:
        return 0
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            child = _selection_cost(selection.selection_set, fragments, variables, visiting, known)
            name = selection.name.value
            size = _page_size(selection, variables)
            if size is None and selection.selection_set is not None and name in ("edges", "nodes"):
                size = 1  # the fan-out is counted on the connection field itself
            if (
                size is None
                and selection.selection_set is not None
                and _looks_like_connection(selection)
            ):
                size = DEFAULT_PAGE_SIZE
            if size is None:
                size = SMALL_LISTS.get(name, 1) if selection.selection_set is not None else 1
            total += 1 + max(size, 1) * child
        elif isinstance(selection, InlineFragmentNode):
            total += _selection_cost(selection.selection_set, fragments, variables, visiting, known)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visiting or name not in fragments:
                continue  # cycles are refused by validation; unknown fragments too
            if name not in known:
                known[name] = _selection_cost(
                    fragments[name].selection_set, fragments, variables, visiting | {name}, known
                )
            total += known[name]
    return total


def _looks_like_connection(field: FieldNode) -> bool:
    """A field selecting edges/nodes is a connection even when `first` is left to its default."""
    for selection in field.selection_set.selections if field.selection_set else []:
        if isinstance(selection, FieldNode) and selection.name.value in ("edges", "nodes"):
            return True
    return False


# The depth and alias rules, made once: rule classes made per request (what the limiter
# extensions do) would never hit a validation cache.
LIMIT_RULES = (
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)
