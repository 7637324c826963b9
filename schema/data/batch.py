"""Batched data access: per-request DataLoaders, one query per field and level.

Every resolver that needs data asks a DataLoader for its parent's key. All the
keys asked for in one level of the response (for one field and one set of
arguments) make one query, whatever the list sizes; the executor then sends
the queries of a level together as one statement (level.py). Loaders are
created per request, so nothing is cached between requests. `start` and
`start_via` ask ahead for what child fields will ask (lookahead.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar, cast

from strawberry.dataloader import DataLoader

from schema.data import cypher
from schema.data.executor import CypherExecutor
from schema.data.lists import ListSpec, count_query, page_query
from schema.data.values import plain_properties, plain_value

Props = dict[str, Any]


@dataclass(frozen=True)
class Item:
    node: Props
    edge: Props | None
    sort: list[Any]


@dataclass(frozen=True)
class Page:
    items: list[Item]
    has_next: bool


@dataclass(frozen=True)
class PageArgs:
    """What one page request asks, beside the parent key: the DataLoader's identity."""

    spec: ListSpec
    limit: int
    after: tuple[Any, ...] | None
    filters: tuple[tuple[str, Any], ...] = ()
    where: str | None = (
        None  # a compiled root-list filter (fixed text; its values are in where_params)
    )
    where_params: tuple[tuple[str, Any], ...] = ()
    properties: tuple[str, ...] | None = None  # of each item's node; None: all of them


class DataAccess:
    """Created per request: a loader shared across requests would serve stale cached data."""

    def __init__(self, executor: CypherExecutor) -> None:
        self.executor = executor
        self._loaders: dict[Hashable, DataLoader[Any, Any]] = {}

    # lists ---------------------------------------------------------------
    def page(self, args: PageArgs) -> DataLoader[Any, Page]:
        return self._loader(("page", args), lambda keys: self._load_pages(args, keys))

    def count(self, args: PageArgs) -> DataLoader[Any, int]:
        count_args = _count_args(args)
        return self._loader(("count", count_args), lambda keys: self._load_counts(count_args, keys))

    # lookahead ---------------------------------------------------------------
    def start(self, args: PageArgs, key: Any, *, items: bool, total: bool) -> None:
        """Ask now for what a child field will ask later (the same loaders, so the same futures)."""
        if items:
            quiet(asyncio.ensure_future(self.page(args).load(key)))
        if total:
            quiet(asyncio.ensure_future(self.count(args).load(key)))

    def start_via(
        self, args: PageArgs, parent: str, key: Any, *, items: bool, total: bool
    ) -> Callable[[Any], Awaitable[None]]:
        """Ask now for a list of a parent found by another key than the list's own (`parent`
        binds it from `key`); the returned function files the answer under the parent's own key
        once it is known, where the child field will look for it."""
        page = (
            quiet(asyncio.ensure_future(self._load_pages(args, [key], parent))) if items else None
        )
        count = (
            quiet(asyncio.ensure_future(self._load_counts(_count_args(args), [key], parent)))
            if total
            else None
        )

        async def file_under(own_key: Any) -> None:
            pages = await _outcome(page)
            if pages is not None:
                _prime(self.page(args), own_key, pages[0])
            counts = await _outcome(count)
            if counts is not None:
                _prime(self.count(args), own_key, counts[0])

        return file_under

    async def _load_pages(
        self, args: PageArgs, keys: Sequence[Any], parent: str | None = None
    ) -> list[Page]:
        filters = tuple(name for name, _ in args.filters)
        query = page_query(
            args.spec,
            after=args.after is not None,
            filters=filters,
            where=args.where,
            parent=parent,
            properties=args.properties,
        )
        params: dict[str, Any] = {
            "keys": list(keys),
            "limit": args.limit + 1,  # one more tells whether there is a next page
            "after": list(args.after) if args.after is not None else None,
            **dict(args.filters),
            **dict(args.where_params),
        }
        rows = await self.executor.run_read(query, params, ("key", "items"))
        found = {_hashable(row["key"]): row["items"] for row in rows}
        pages = []
        for key in keys:
            raw = found.get(_hashable(key), [])
            items = [
                Item(
                    node=plain_properties(entry["node"]),
                    edge=plain_properties(entry["edge"]) if entry["edge"] is not None else None,
                    sort=[plain_value(v) for v in entry["sort"]],
                )
                for entry in raw[: args.limit]
            ]
            pages.append(Page(items, has_next=len(raw) > args.limit))
        return pages

    async def _load_counts(
        self, args: PageArgs, keys: Sequence[Any], parent: str | None = None
    ) -> list[int]:
        filters = tuple(name for name, _ in args.filters)
        query = count_query(args.spec, filters=filters, where=args.where, parent=parent)
        params = {"keys": list(keys), **dict(args.filters), **dict(args.where_params)}
        rows = await self.executor.run_read(query, params, ("key", "total"))
        found = {_hashable(row["key"]): int(row["total"]) for row in rows}
        return [found.get(_hashable(key), 0) for key in keys]

    # single nodes ------------------------------------------------------------
    def one(self, query: LiteralString) -> DataLoader[Any, Props | None]:
        """A loader for a query of the form `UNWIND $keys AS key ... RETURN key, <map> AS node`."""

        async def load(keys: Sequence[Any]) -> list[Props | None]:
            rows = await self.executor.run_read(query, {"keys": list(keys)}, ("key", "node"))
            found = {_hashable(row["key"]): row["node"] for row in rows}
            values = [found.get(_hashable(k)) for k in keys]
            return [plain_properties(v) if v is not None else None for v in values]

        return self._loader(("one", query), load)

    def many(self, query: LiteralString) -> DataLoader[Any, list[Props]]:
        """A loader for small fixed lists: `... RETURN key, collect(<map>) AS nodes`."""

        async def load(keys: Sequence[Any]) -> list[list[Props]]:
            rows = await self.executor.run_read(query, {"keys": list(keys)}, ("key", "nodes"))
            found = {_hashable(row["key"]): row["nodes"] for row in rows}
            return [[plain_properties(n) for n in found.get(_hashable(k), [])] for k in keys]

        return self._loader(("many", query), load)

    def values(self, query: LiteralString) -> DataLoader[Any, Any]:
        """A loader for one value per key: `... RETURN key, <value> AS value`."""

        async def load(keys: Sequence[Any]) -> list[Any]:
            rows = await self.executor.run_read(query, {"keys": list(keys)}, ("key", "value"))
            found = {_hashable(row["key"]): plain_value(row["value"]) for row in rows}
            return [found.get(_hashable(k)) for k in keys]

        return self._loader(("values", query), load)

    @property
    def paper_by_slug(self) -> DataLoader[Any, Props | None]:
        return self.one(cypher.PAPERS_BY_SLUG)

    @property
    def paper_by_arxiv_id(self) -> DataLoader[Any, Props | None]:
        return self.one(cypher.PAPERS_BY_ARXIV_ID)

    def _loader(
        self, identity: Hashable, load: Callable[[Sequence[Any]], Awaitable[list[Any]]]
    ) -> DataLoader[Any, Any]:
        loader = self._loaders.get(identity)
        if loader is None:
            loader = DataLoader(load_fn=load, cache_key_fn=_hashable)
            self._loaders[identity] = loader
        return loader


def _prime(loader: DataLoader[Any, Any], key: Any, value: Any) -> None:
    """DataLoader.prime builds a dict of its keys, which map keys (leaderboards) cannot be;
    its cache takes them through `_hashable`. Nothing has asked for the key yet."""
    if loader.cache_map.get(key) is None:
        answered = asyncio.get_running_loop().create_future()
        answered.set_result(value)
        loader.cache_map.set(key, answered)


def _count_args(args: PageArgs) -> PageArgs:
    """A count's identity: the page's without its size and cursor."""
    return PageArgs(args.spec, 0, None, args.filters, args.where, args.where_params)


_Future = TypeVar("_Future", bound="asyncio.Future[Any]")
_T = TypeVar("_T")


async def _outcome(answer: asyncio.Future[_T] | None) -> _T | None:
    """A lookahead's answer; None when it failed (the child field asks again, reports its error)."""
    if answer is None:
        return None
    try:
        return await answer
    except Exception:
        return None


def quiet(future: _Future) -> _Future:
    """Mark the future's error as seen: when nobody awaits it (a lookahead nobody needed, a
    count whose page failed), asyncio would log it."""
    future.add_done_callback(lambda done: done.cancelled() or done.exception())
    return future


def _hashable(key: Any) -> Hashable:
    """Map keys (a leaderboard's task, dataset, metric) as tuples, for dict lookups."""
    if isinstance(key, Mapping):
        return tuple(sorted(key.items()))
    return cast(Hashable, key)
