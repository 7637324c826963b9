"""Connections: every list of the API is a page of edges with cursors, pageInfo and totalCount."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from graphql import FieldNode

from schema.context import Info
from schema.data.batch import Item, Page, PageArgs, quiet
from schema.data.cursors import decode_cursor, encode_cursor
from schema.data.later import MaybeLater, load_now, then
from schema.data.lists import ListSpec
from schema.errors import UserInputError
from schema.types.projection import item_properties
from schema.types.selection import FRAGMENT, field_nodes, selected_names

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
    count: strawberry.Private[Callable[[], MaybeLater[int]]]

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="How many items the whole list has (counted only when asked for).",
        graphql_type=int,
    )
    def total_count(self) -> MaybeLater[int]:
        return self.count()


def selects_only(info: Info, names: set[str]) -> bool:
    """Whether the field's selection asks for nothing beyond `names` (no fragments either)."""
    return all(name in names for name in selected_names(info))


def selects_items(names: Sequence[str]) -> bool:
    """Whether a connection's selection asks for anything but totalCount (a fragment counts)."""
    return any(name != "totalCount" and name != "__typename" for name in names)


def selects_total(names: Sequence[str]) -> bool:
    """Whether a connection's selection names totalCount (fragments are not looked into)."""
    return "totalCount" in names


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
    selection: Sequence[FieldNode] | None = None,
) -> PageArgs:
    """What a page of `spec` asks; `selection`, the connection field's nodes, narrows the
    properties read of each item to those it selects (all of them without it)."""
    cursor = tuple(decode_cursor(after, spec.name, len(spec.order))) if after is not None else None
    given = tuple(sorted((k, v) for k, v in (filters or {}).items() if v is not None))
    return PageArgs(
        spec=spec,
        limit=page_size(first),
        after=cursor,
        filters=given,
        where=where,
        where_params=tuple(sorted((where_params or {}).items())),
        properties=item_properties(spec.node_type, selection) if selection is not None else None,
    )


PageParts = tuple[list[tuple[str, Item]], PageInfo, Callable[[], MaybeLater[int]]]


def load_page(info: Info, args: PageArgs, key: Any) -> MaybeLater[PageParts]:
    """The page of one parent's list: (cursor, item) pairs, its PageInfo, and its count.

    Plain when the page is already in (asked for ahead), an awaitable otherwise (later.py).
    When the request selects only totalCount, no page is read at all. When it selects
    totalCount, the count is asked for now, so that it goes with the page in this level's
    statement rather than in one of its own a level later.
    """
    data = info.context.data
    names = selected_names(info)
    counted: MaybeLater[int] | None = None
    if selects_total(names):
        counted = load_now(data.count(args), key)
        if not isinstance(counted, int):  # its error, if any, is raised where totalCount awaits it
            counted = quiet(asyncio.ensure_future(counted))

    def count() -> MaybeLater[int]:
        return counted if counted is not None else data.count(args).load(key)

    # Cursors show only in edges and pageInfo: `nodes` alone needs none encoded.
    cursors = any(name in ("edges", "pageInfo", FRAGMENT) for name in names)

    def parts(page: Page) -> PageParts:
        items = [
            (encode_cursor(args.spec.name, item.sort) if cursors else "", item)
            for item in page.items
        ]
        page_info = PageInfo(
            has_next_page=page.has_next,
            has_previous_page=args.after is not None,
            start_cursor=items[0][0] if items else None,
            end_cursor=items[-1][0] if items else None,
        )
        return items, page_info, count

    if not selects_items(names):
        return parts(Page([], has_next=False))
    return then(load_now(data.page(args), key), parts)


def connection(
    info: Info,
    spec: ListSpec,
    key: Any,
    make: Callable[[dict[str, Any]], T],
    first: int | None,
    after: str | None,
    filters: dict[str, Any] | None = None,
) -> MaybeLater[Connection[T]]:
    """The plain connection of a list: nodes made by `make` from their properties."""

    def build(parts: PageParts) -> Connection[T]:
        items, page_info, count = parts
        edges = [Edge(cursor=cursor, node=make(item.node)) for cursor, item in items]
        return Connection(edges=edges, page_info=page_info, count=count)

    args = page_args(spec, first, after, filters, selection=field_nodes(info))
    return then(load_page(info, args, key), build)
