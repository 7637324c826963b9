"""Shaping: how the statement's answer becomes the response, with GraphQL's error rules.

A shaper is a function of (the answer's part for this value, the response path, the
request's error sink). A field whose arguments were refused raises FieldError where the
field shows; the error is recorded at its path and the field is null. A null where the
schema promises a value (an error's, or one the data has) makes the nearest nullable parent
null, as the GraphQL spec says (NullBubble carries it up).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql import FieldNode, GraphQLError
from neo4j.time import Date, DateTime

# A response path as nested pairs, (parent, key), from () at the root: a step costs one small
# tuple, and the flat list GraphQL wants is made only for an error.
Path = tuple[Any, ...]


def flat(path: Path) -> list[str | int]:
    """The response path as GraphQL's list of keys and indexes, root first."""
    keys: list[str | int] = []
    while path:
        path, key = path
        keys.append(key)
    keys.reverse()
    return keys


class FieldError(Exception):
    """This field cannot be answered: null, with this message and code at its path."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class NullBubble(Exception):
    """A non-null value is null: the nearest nullable parent becomes null."""


@dataclass
class Sink:
    errors: list[GraphQLError] = field(default_factory=list)

    def error(self, message: str, nodes: Sequence[FieldNode], path: Path, code: str | None) -> None:
        extensions = {"code": code} if code else None
        self.errors.append(
            GraphQLError(message, nodes=list(nodes), path=flat(path), extensions=extensions)
        )


Shaper = Callable[[Any, Path, Sink], Any]


@dataclass(frozen=True, slots=True)
class FieldShape:
    key: str
    shaper: Shaper
    non_null: bool
    nodes: Sequence[FieldNode]
    parent: str
    name: str


def complete(fields: Sequence[FieldShape], answer: Any, path: Path, sink: Sink) -> dict[str, Any]:
    """An object's response: each field shaped in order; errors and nulls as the spec says."""
    out: dict[str, Any] = {}
    for f in fields:
        here = (path, f.key)
        try:
            value = f.shaper(answer, here, sink)
        except FieldError as error:
            sink.error(str(error), f.nodes, here, error.code)
            if f.non_null:
                raise NullBubble from None
            value = None
        except NullBubble:
            if f.non_null:
                raise
            value = None
        else:
            if value is None and f.non_null:
                sink.error(
                    f"Cannot return null for non-nullable field {f.parent}.{f.name}.",
                    f.nodes, here, None,
                )  # fmt: skip
                raise NullBubble
        out[f.key] = value
    return out


def complete_list(
    items: Sequence[Any], item: Shaper, non_null_items: bool, path: Path, sink: Sink
) -> list[Any]:
    out = []
    for index, value in enumerate(items):
        try:
            out.append(item(value, (path, index), sink))
        except NullBubble:
            if non_null_items:
                raise
            out.append(None)
    return out


def leaf(value: Any) -> Any:
    """A stored value as JSON: temporal values as ISO text."""
    kind = type(value)
    if kind is Date or kind is DateTime:
        return value.to_native().isoformat()
    if kind is dt.date or kind is dt.datetime:
        return value.isoformat()
    return value


def constant(value: Any) -> Shaper:
    return lambda _answer, _path, _sink: value


def failing(message: str, code: str) -> Shaper:
    def fail(_answer: Any, _path: Path, _sink: Sink) -> Any:
        raise FieldError(message, code)

    return fail


def entry(answer: Mapping[str, Any] | None, key: str) -> Any:
    return None if answer is None else answer.get(key)
