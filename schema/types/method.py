"""The Method and Collection types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.connection import Connection
from schema.types.declare import page
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.paper import Paper

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]


@strawberry.type(description="A collection of methods, e.g. Attention Mechanisms.")
class Collection:
    name: str = strawberry.field(description="The collection's name.")
    area: str | None = strawberry.field(description="The research area of the collection.")


@strawberry.type(description="A method (technique, architecture, component) that papers use.")
class Method(Node):
    id: strawberry.ID = strawberry.field(description="The global id of this method.")
    name: str = strawberry.field(description="The method's name (the key).")
    full_name: str | None = strawberry.field(description="The method's full name.")
    description: str | None = strawberry.field(description="What the method is (Markdown).")
    introduced_year: int | None = strawberry.field(
        description="The year the method was introduced."
    )
    paper_count: int | None = strawberry.field(description="How many papers use this method.")
    introduced_in: PaperRef | None = strawberry.field(
        description="The paper that introduced the method, if known."
    )
    collections: list[Collection] = strawberry.field(
        description="The collections the method belongs to."
    )
    papers = page("Papers using the method, newest first.", Connection[PaperRef])
