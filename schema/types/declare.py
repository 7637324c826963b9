"""Resolvers kept for their signatures only.

Strawberry derives a field's arguments from its resolver's signature, so the fields that take
arguments keep one; schema/lane answers every field, and none of them is ever called.
"""

from __future__ import annotations

from typing import Any, NoReturn

import strawberry


def unanswered() -> NoReturn:
    raise NotImplementedError("answered by schema/lane")


def page(description: str, graphql_type: Any) -> Any:
    """A connection field with the arguments every page takes: `first` and `after`."""

    def resolver(first: int | None = None, after: str | None = None) -> NoReturn:
        unanswered()

    return strawberry.field(resolver=resolver, description=description, graphql_type=graphql_type)
