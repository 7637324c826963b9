"""Connections: every list of the API is a page of edges with cursors, pageInfo and totalCount."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types.nodes import Selection

from schema.context import Info
from schema.data.batch import Item, Page, PageArgs, quiet
from schema.data.cursors import decode_cursor, encode_cursor
from schema.data.lists import ListSpec
from schema.errors import UserInputError

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@strawberry.type(description="Where a page stands in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether items follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Whether items come before this page (true when `after` was given)."
    )
    start_cursor: str | None = strawberry.field(
        description="The cursor of the first edge of the page."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last edge: pass it as `after` for the next page."
    )


@strawberry.type(description="An item of a list, with the cursor of its position.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of this item; pass as `after`.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(
    description="A page of a list: edges (or just nodes), paging information and the total."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(
        description="The items of this page with their cursors."
    )
    page_info: PageInfo = strawberry.field(description="Paging information for this page.")
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="How many items the whole list has (counted only when asked for)."
    )
    async def total_count(self) -> int:
        return await self.count()


def selects_only(info: Info, names: set[str]) -> bool:
    """Whether the field's selection asks for nothing beyond `names` (no fragments either)."""
    for field in info.selected_fields:
        for selection in getattr(field, "selections", []) or []:
            if getattr(selection, "name", None) not in names:
                return False
    return True


def selects_items(selections: Sequence[Selection]) -> bool:
    """Whether a connection's selection asks for anything but totalCount."""
    for selection in selections:
        name = getattr(selection, "name", None)
        if name != "totalCount" and name != "__typename":
            return True  # a field, or a fragment (assume it wants items)
    return False


def selects_total(selections: Sequence[Selection]) -> bool:
    """Whether a connection's selection names totalCount (fragments are not looked into)."""
    return any(getattr(selection, "name", None) == "totalCount" for selection in selections)


def wants(info: Info) -> tuple[bool, bool]:
    """Whether the connection field's selection asks for items, and for totalCount.

    `info.selected_fields` converts the field's whole subtree on every call: read it once.
    """
    fields = info.selected_fields
    return (
        any(selects_items(field.selections) for field in fields),
        any(selects_total(field.selections) for field in fields),
    )


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0:
        raise UserInputError(f"first: must be 0 or more (got {first})")
    if first > MAX_PAGE_SIZE:
        raise UserInputError(f"first: at most {MAX_PAGE_SIZE} items a page (asked for {first})")
    return first


def page_args(
    spec: ListSpec,
    first: int | None,
    after: str | None,
    filters: dict[str, Any] | None = None,
    where: str | None = None,
    where_params: dict[str, Any] | None = None,
) -> PageArgs:
    cursor = tuple(decode_cursor(after, spec.name, len(spec.order))) if after is not None else None
    given = tuple(sorted((k, v) for k, v in (filters or {}).items() if v is not None))
    return PageArgs(
        spec=spec,
        limit=page_size(first),
        after=cursor,
        filters=given,
        where=where,
        where_params=tuple(sorted((where_params or {}).items())),
    )


async def load_page(
    info: Info, args: PageArgs, key: Any
) -> tuple[list[tuple[str, Item]], PageInfo, Callable[[], Awaitable[int]]]:
    """The page of one parent's list: (cursor, item) pairs, its PageInfo, and its count.

    When the request selects only totalCount, no page is read at all. When it selects
    totalCount, the count is asked for now, so that it goes with the page in this level's
    statement rather than in one of its own a level later.
    """
    data = info.context.data
    wants_items, wants_total = wants(info)
    # its error, if any, is raised where totalCount awaits it
    counted = quiet(asyncio.ensure_future(data.count(args).load(key))) if wants_total else None
    page = await data.page(args).load(key) if wants_items else Page([], has_next=False)
    items = [(encode_cursor(args.spec.name, item.sort), item) for item in page.items]
    info_ = PageInfo(
        has_next_page=page.has_next,
        has_previous_page=args.after is not None,
        start_cursor=items[0][0] if items else None,
        end_cursor=items[-1][0] if items else None,
    )

    def count() -> Awaitable[int]:
        return counted if counted is not None else data.count(args).load(key)

    return items, info_, count


async def connection(
    info: Info,
    spec: ListSpec,
    key: Any,
    make: Callable[[dict[str, Any]], T],
    first: int | None,
    after: str | None,
    filters: dict[str, Any] | None = None,
) -> Connection[T]:
    """The plain connection of a list: nodes made by `make` from their properties."""
    items, page_info, count = await load_page(info, page_args(spec, first, after, filters), key)
    edges = [Edge(cursor=cursor, node=make(item.node)) for cursor, item in items]
    return Connection(edges=edges, page_info=page_info, count=count)
