"""The object types of the model (schema/model.py), made into Strawberry types.

Each type of `TYPES` becomes a Strawberry type of that name, its fields in the model's order,
each with the type and description the model declares: a stored field's own, a global id
`ID!`, a link its item (`[Item!]!` for many, `Item` else), a named node `Item!`, a page its
connection (`ItemConnection`, or the list's own `{name}Connection` of `{name}Edge`s when its
edges add fields) with `first`, `after` and the arguments that filter it, embedded objects
`[Item!]!`, a composite `Item`. Types with a global id
implement `Node`. References between the types are lazy (`ref`): they resolve by name in this
module when the schema is built, so the types can be made in any order.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Annotated, Any, Final

import strawberry
from strawberry.types.field import StrawberryField

from schema.model import (
    CONNECTION_FIELDS,
    NODE_TYPES,
    PRIVATE_NODE_TYPES,
    TYPES,
    Board,
    ByYear,
    Composite,
    Computed,
    EdgeField,
    EdgeTypes,
    Embedded,
    GlobalId,
    GraphCount,
    Link,
    NamedNode,
    NodeType,
    Page,
    Stored,
)
from schema.types.connection import Connection, Edge
from schema.types.declare import resolver
from schema.types.node import Node

# A field: its GraphQL type (a Python annotation) and its Strawberry field.
Fields = dict[str, tuple[Any, StrawberryField]]


def ref(name: str) -> Any:
    """The type `name` of this module, resolved when the schema is built."""
    return Annotated[name, strawberry.lazy(__name__)]


_CONNECTIONS: dict[str, Any] = {}


def connection_of(name: str) -> Any:
    """`{name}Connection`: the connection of the type `name`, with the fields of its own that
    the model declares (CONNECTION_FIELDS: a paper list's `byYear`), made once."""
    item = ref(name)
    generic = Connection[item]  # type: ignore[valid-type]
    own = CONNECTION_FIELDS.get(name)
    if not own:
        return generic
    if name not in _CONNECTIONS:
        fields = {field: _field(field, _list_of("YearCount"), declared.description)
                  for field, declared in own.items()}  # fmt: skip
        description = (
            f"A page of {name.lower()}s: edges (or just nodes), paging information, "
            "the total and the counts per year."
        )
        made = _object_type(f"{name}Connection", description, (generic,), fields)
        _CONNECTIONS[name] = made
    return _CONNECTIONS[name]


def _list_of(name: str) -> Any:
    item = ref(name)
    return list[item]  # type: ignore[valid-type]


def _field(name: str, graphql_type: Any, description: str, **more: Any) -> tuple[Any, Any]:
    if not description:
        raise ValueError(f"{name}: no description")
    field = strawberry.field(name=name, graphql_type=graphql_type, description=description, **more)
    return graphql_type, field


def _page_field(name: str, graphql_type: Any, description: str, source: Page | None) -> Any:
    """A connection field with `first`, `after`, then the arguments that filter the list."""
    arguments: dict[str, tuple[Any, Any]] = {
        "first": (int | None, None),
        "after": (str | None, None),
    }
    for argument, declared in (source.arguments if source else {}).items():
        described = strawberry.argument(description=declared.description)
        arguments[argument] = (Annotated[declared.type, described], None)
    return _field(name, graphql_type, description, resolver=resolver(name, arguments))


def answered_field(
    name: str, graphql_type: Any, description: str, arguments: Mapping[str, tuple[Any, Any]]
) -> tuple[Any, Any]:
    """A field with `arguments` (name -> (annotation, default)), answered by the lane."""
    return _field(name, graphql_type, description, resolver=resolver(name, arguments))


def edge_types(
    names: EdgeTypes,
    item: str,
    fields: Mapping[str, tuple[Any, str]],
    connection_fields: Fields | None = None,
) -> Any:
    """A list's own types: `{name}Edge`, an edge of `item` with `fields` (name -> (GraphQL
    type, description)) after its cursor and node, and `{name}Connection` of them, with
    `connection_fields` after the connection's own."""
    node = ref(item)
    edge = _object_type(f"{names.name}Edge", names.edge, (Edge[node],), {  # type: ignore[valid-type]
        name: _field(name, graphql_type, description)
        for name, (graphql_type, description) in fields.items()
    })  # fmt: skip
    edges = _field("edges", _list_of(edge.__name__), names.edges)
    return _object_type(f"{names.name}Connection", names.connection,
                        (connection_of(item),), {"edges": edges, **(connection_fields or {})})  # fmt: skip


def _connection(source: Page) -> Any:
    if source.edge_types is None:
        if source.edge:
            raise ValueError(f"a page of {source.item} with edge fields names no edge_types")
        return connection_of(source.item)
    fields = {}
    for name, value in source.edge.items():
        if not isinstance(value, EdgeField):
            raise ValueError(f"{source.edge_types.name}Edge.{name}: not an EdgeField")
        fields[name] = (value.type, value.description)
    return ref(edge_types(source.edge_types, source.item, fields).__name__)


_BOARD_TYPES: Final[Mapping[str, Any]] = {
    "id": strawberry.ID,
    "task": ref("Task"),
    "dataset": ref("Dataset"),
    "metrics": list[str],
    "metric": str,
    "higherIsBetter": bool,
    "resultCount": int,
    "best": ref("Result") | None,
    "progression": _list_of("Result"),
}


def _fields(model: NodeType) -> Fields:
    fields: Fields = {}
    for name, source in model.fields.items():
        description = source.description
        if isinstance(source, Stored | Computed):
            fields[name] = _field(name, source.type, description)
        elif isinstance(source, ByYear):
            fields[name] = _field(name, _list_of("YearCount"), description)
        elif isinstance(source, GraphCount):
            fields[name] = _field(name, int, description)
        elif isinstance(source, GlobalId):
            fields[name] = _field(name, strawberry.ID, description)
        elif isinstance(source, Link):
            item = _list_of(source.item) if source.many else ref(source.item) | None
            fields[name] = _field(name, item, description)
        elif isinstance(source, NamedNode):
            fields[name] = _field(name, ref(source.item), description)
        elif isinstance(source, Page):
            fields[name] = _page_field(name, _connection(source), description, source)
        elif isinstance(source, Embedded):
            fields[name] = _field(name, _list_of(source.item), description)
        elif isinstance(source, Composite):
            fields[name] = _field(name, ref(source.item) | None, description)
        elif isinstance(source, Board) and source.part == "rows":
            fields[name] = _page_field(name, connection_of("Result"), description, None)
        elif isinstance(source, Board):
            fields[name] = _field(name, _BOARD_TYPES[source.part], description)
        else:
            raise AssertionError(f"{model.name}.{name}: {source!r}")
    return fields


def _object_type(name: str, description: str, bases: tuple[Any, ...], fields: Fields) -> Any:
    """The Strawberry type `name`, its fields in order, made in (and named by) this module."""
    namespace: dict[str, Any] = {"__module__": __name__, "__qualname__": name}
    namespace["__annotations__"] = {
        python: graphql_type for python, (graphql_type, _) in fields.items()
    }
    namespace.update({python: field for python, (_, field) in fields.items()})
    made = strawberry.type(types.new_class(name, bases, exec_body=lambda ns: ns.update(namespace)),
                           description=description)  # fmt: skip
    if name in globals():
        raise ValueError(f"{name}: made twice")
    globals()[name] = made
    return made


def _implements(model: NodeType) -> tuple[type, ...]:
    if any(
        isinstance(source, GlobalId) or (isinstance(source, Board) and source.part == "id")
        for source in model.fields.values()
    ):
        if model.name not in NODE_TYPES and model.name not in PRIVATE_NODE_TYPES:
            raise ValueError(f"{model.name} has a global id but is not in NODE_TYPES")
        return (Node,)
    return ()


# The model's types, by name (the lists' own edge and connection types are made with them).
OBJECT_TYPES: Final[Mapping[str, Any]] = {
    name: _object_type(name, model.description, _implements(model), _fields(model))
    for name, model in TYPES.items()
}
