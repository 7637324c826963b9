"""Resolvers kept for their signatures only.

Strawberry derives a field's arguments from its resolver's signature, so the fields that take
arguments keep one; schema/lane answers every field, and none of them is ever called.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, NoReturn


def unanswered() -> NoReturn:
    raise NotImplementedError("answered by schema/lane")


def resolver(name: str, arguments: Mapping[str, tuple[Any, Any]]) -> Callable[..., NoReturn]:
    """A resolver named `name` whose signature declares `arguments`: argument -> (its
    annotation, its default), in order."""

    def resolve(**_arguments: Any) -> NoReturn:
        unanswered()

    resolve.__name__ = resolve.__qualname__ = name
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(argument, inspect.Parameter.KEYWORD_ONLY, annotation=a, default=d)
            for argument, (a, d) in arguments.items()
        ]
    )
    return resolve
