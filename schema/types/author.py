"""The Author type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.connection import Connection, Edge
from schema.types.declare import page
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.paper import Paper
    from schema.types.task import Task

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
# Defined below Author, which it pages.
CoauthorConnectionRef = Annotated["CoauthorConnection", strawberry.lazy("schema.types.author")]


@strawberry.type(
    description="A person who wrote papers, identified by name as the archive spells it."
)
class Author(Node):
    id: strawberry.ID = strawberry.field(description="The global id of this author.")
    name: str = strawberry.field(
        description="The author's name as the archive spells it (the key)."
    )
    paper_count: int | None = strawberry.field(
        description="How many papers of the graph list this author."
    )
    papers = page("The author's papers, newest first.", Connection[PaperRef])
    coauthors = page(
        "People who wrote papers with this author, most shared papers first.",
        CoauthorConnectionRef,
    )
    tasks = page("Tasks the author's papers address, most papers first.", Connection[TaskRef])


@strawberry.type(description="A co-author, with how many papers the two wrote together.")
class CoauthorEdge(Edge[Author]):
    shared_papers: int = strawberry.field(description="Papers both authors are listed on.")


@strawberry.type(description="A page of co-authors.")
class CoauthorConnection(Connection[Author]):
    edges: list[CoauthorEdge] = strawberry.field(
        description="The co-authors of this page with their cursors."
    )  # type: ignore[assignment]
