"""What a field's selection asks for, read from the request's syntax tree.

Strawberry's `info.selected_fields` converts the field's whole subtree (every nested field
with its arguments and directives) on each call. A connection needs only the names of its
direct children, and a root's lookahead only its children with their arguments: read from
graphql-core's nodes, they cost a fraction of that. Fragments are not looked into: they
stand in the names as FRAGMENT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLResolveInfo
from strawberry.types.nodes import convert_arguments

from schema.context import Info

FRAGMENT = "..."


@dataclass(frozen=True)
class ChildField:
    name: str
    arguments: dict[str, Any]  # a variable's value, or a literal's text (as Strawberry gives them)
    selections: list[str]  # the names this child selects, FRAGMENT for a fragment
    node: FieldNode
    response_key: str  # its alias, else its name: the nodes of one key make one field


def field_nodes(info: Info) -> list[FieldNode]:
    """The field as the request selects it: one node per place it is selected."""
    return _field_nodes(info)


def selected_names(info: Info) -> list[str]:
    """The names of the fields selected directly under this field."""
    return [name for node in _field_nodes(info) for name in _names(node)]


def child_fields(info: Info) -> list[ChildField]:
    """The fields selected directly under this field, with their arguments and selections."""
    raw = _raw(info)
    children = []
    for node in _field_nodes(info):
        for selection in node.selection_set.selections if node.selection_set else ():
            if isinstance(selection, FieldNode):
                children.append(
                    ChildField(
                        name=selection.name.value,
                        arguments=convert_arguments(raw, selection.arguments),
                        selections=_names(selection),
                        node=selection,
                        response_key=(selection.alias or selection.name).value,
                    )
                )
    return children


def _names(node: FieldNode) -> list[str]:
    selections = node.selection_set.selections if node.selection_set else ()
    return [s.name.value if isinstance(s, FieldNode) else FRAGMENT for s in selections]


def _field_nodes(info: Info) -> list[FieldNode]:
    return list(_raw(info).field_nodes)


def _raw(info: Info) -> GraphQLResolveInfo[Any]:
    # Strawberry keeps graphql-core's resolve info here; it has no public accessor for the nodes.
    raw: GraphQLResolveInfo[Any] = info._raw_info
    return raw
