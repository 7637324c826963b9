"""Connections: every list of the API is a page of edges with cursors, pageInfo and totalCount."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

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
    nodes: list[T] = strawberry.field(description="The items of this page, without cursors.")
    total_count: int = strawberry.field(
        description="How many items the whole list has (counted only when asked for)."
    )


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0:
        raise UserInputError(f"first: must be 0 or more (got {first})")
    if first > MAX_PAGE_SIZE:
        raise UserInputError(f"first: at most {MAX_PAGE_SIZE} items a page (asked for {first})")
    return first
