"""The Method and Collection types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import cypher, lists
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater
from schema.types.connection import Connection, connection
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
    name: str = strawberry.field(description="The method's name (the key).")
    full_name: str | None = strawberry.field(description="The method's full name.")
    description: str | None = strawberry.field(description="What the method is (Markdown).")
    introduced_year: int | None = strawberry.field(
        description="The year the method was introduced."
    )
    paper_count: int | None = strawberry.field(description="How many papers use this method.")

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Method:
        return cls(
            name=props["name"],
            full_name=props.get("fullName"),
            description=props.get("description"),
            introduced_year=props.get("introducedYear"),
            paper_count=props.get("paperCount"),
        )

    @strawberry.field(description="The global id of this method.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Method", self.name))

    @strawberry.field(description="The paper that introduced the method, if known.")
    async def introduced_in(self, info: Info) -> PaperRef | None:
        from schema.types.paper import Paper

        props = await info.context.data.one(cypher.METHOD_INTRODUCED_IN).load(self.name)
        return Paper.from_props(props) if props else None

    @strawberry.field(description="The collections the method belongs to.")
    async def collections(self, info: Info) -> list[Collection]:
        rows = await info.context.data.many(cypher.METHOD_COLLECTIONS).load(self.name)
        return [Collection(name=r["name"], area=r.get("area")) for r in rows]

    @strawberry.field(
        description="Papers using the method, newest first.", graphql_type=Connection[PaperRef]
    )
    def papers(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[PaperRef]]:
        from schema.types.paper import Paper

        return connection(info, lists.METHOD_PAPERS, self.name, Paper.from_props, first, after)
