"""Values that are often already there: return them now, await them only when they are not.

A resolver that returns a plain value is completed by graphql-core on the spot; one that
returns an awaitable goes through the executor's asynchronous path (a coroutine per field,
more turns of the event loop). The lists of a paper page were asked for ahead (lookahead.py)
and are usually answered by the time their fields resolve, so those fields return
`MaybeLater` values: plain when the answer is in, an awaitable when it is not. Such a field
names its GraphQL type with `graphql_type=`, since its annotation is this union.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias, TypeVar

from strawberry.dataloader import DataLoader

T = TypeVar("T")
U = TypeVar("U")

MaybeLater: TypeAlias = T | Awaitable[T]


def then(value: MaybeLater[T], step: Callable[[T], MaybeLater[U]]) -> MaybeLater[U]:
    """`step(value)`, now if `value` is plain, after awaiting it otherwise."""
    if inspect.isawaitable(value):
        return _after(value, step)
    return step(value)


async def _after(value: Awaitable[T], step: Callable[[T], MaybeLater[U]]) -> U:
    return await resolved(step(await value))


async def resolved(value: MaybeLater[T]) -> T:
    """The value itself, awaited when it has to be: for callers that are coroutines anyway."""
    if inspect.isawaitable(value):
        return await value
    return value


def answered(loader: DataLoader[Any, T], key: Any) -> T | None:
    """The loader's answer for `key` when it is already in (asked for ahead and loaded), else
    None. A failed or pending answer is None too: `load` then awaits it and raises its error."""
    future = loader.cache_map.get(key)
    if future is None or not future.done() or future.cancelled() or future.exception():
        return None
    return future.result()


def load_now(loader: DataLoader[Any, T], key: Any) -> MaybeLater[T]:
    """The answer for `key`: plain when it is already in, else the loader's awaitable."""
    value = answered(loader, key)
    return value if value is not None else loader.load(key)
