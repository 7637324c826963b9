"""The Author type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import lists
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater, then
from schema.types.connection import Connection, Edge, PageParts, connection, load_page, page_args
from schema.types.node import Node
from schema.types.selection import field_nodes

if TYPE_CHECKING:
    from schema.types.paper import Paper
    from schema.types.task import Task

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]


# Defined below: named lazily for the resolver's graphql_type.
CoauthorConnectionRef = Annotated["CoauthorConnection", strawberry.lazy("schema.types.author")]


@strawberry.type(
    description="A person who wrote papers, identified by name as the archive spells it."
)
class Author(Node):
    name: str = strawberry.field(
        description="The author's name as the archive spells it (the key)."
    )
    paper_count: int | None = strawberry.field(
        description="How many papers of the graph list this author."
    )

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Author:
        return cls(name=props["name"], paper_count=props.get("paperCount"))

    @strawberry.field(description="The global id of this author.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Author", self.name))

    @strawberry.field(
        description="The author's papers, newest first.", graphql_type=Connection[PaperRef]
    )
    def papers(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[PaperRef]]:
        from schema.types.paper import Paper

        return connection(info, lists.AUTHOR_PAPERS, self.name, Paper.from_props, first, after)

    @strawberry.field(
        description="People who wrote papers with this author, most shared papers first.",
        graphql_type=CoauthorConnectionRef,
    )
    def coauthors(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[CoauthorConnection]:
        def build(parts: PageParts) -> CoauthorConnection:
            items, page_info, count = parts
            edges = [
                CoauthorEdge(
                    cursor=c,
                    node=Author.from_props(i.node),
                    shared_papers=int((i.edge or {})["sharedPapers"]),
                )
                for c, i in items
            ]
            return CoauthorConnection(edges=edges, page_info=page_info, count=count)

        args = page_args(lists.AUTHOR_COAUTHORS, first, after, selection=field_nodes(info))
        return then(load_page(info, args, self.name), build)

    @strawberry.field(
        description="Tasks the author's papers address, most papers first.",
        graphql_type=Connection[TaskRef],
    )
    def tasks(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[TaskRef]]:
        from schema.types.task import Task

        return connection(info, lists.AUTHOR_TASKS, self.name, Task.from_props, first, after)


@strawberry.type(description="A co-author, with how many papers the two wrote together.")
class CoauthorEdge(Edge[Author]):
    shared_papers: int = strawberry.field(description="Papers both authors are listed on.")


@strawberry.type(description="A page of co-authors.")
class CoauthorConnection(Connection[Author]):
    edges: list[CoauthorEdge] = strawberry.field(
        description="The co-authors of this page with their cursors."
    )  # type: ignore[assignment]
