"""The Dataset type."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import cypher, lists
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater, then
from schema.types.connection import Connection, Edge, PageParts, connection, load_page, page_args
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.leaderboard import Leaderboard
    from schema.types.paper import Paper
    from schema.types.task import Task

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
LeaderboardRef = Annotated["Leaderboard", strawberry.lazy("schema.types.leaderboard")]


@strawberry.type(description="A dataset that papers evaluate on or introduce.")
class Dataset(Node):
    name: str = strawberry.field(description="The dataset's name (the key).")
    full_name: str | None = strawberry.field(description="The dataset's full name.")
    description: str | None = strawberry.field(description="What the dataset is (Markdown).")
    homepage: str | None = strawberry.field(description="The dataset's homepage.")
    modalities: list[str] = strawberry.field(description="Kinds of data: Images, Texts, ...")
    languages: list[str] = strawberry.field(description="Languages of the data.")
    introduced_date: dt.date | None = strawberry.field(
        description="When the dataset was introduced."
    )
    paper_count: int | None = strawberry.field(description="How many papers use this dataset.")

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Dataset:
        return cls(
            name=props["name"],
            full_name=props.get("fullName"),
            description=props.get("description"),
            homepage=props.get("homepage"),
            modalities=list(props.get("modalities") or []),
            languages=list(props.get("languages") or []),
            introduced_date=props.get("introducedDate"),
            paper_count=props.get("paperCount"),
        )

    @strawberry.field(description="The global id of this dataset.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Dataset", self.name))

    @strawberry.field(description="The paper that introduced the dataset, if known.")
    async def introduced_in(self, info: Info) -> PaperRef | None:
        from schema.types.paper import Paper

        props = await info.context.data.one(cypher.DATASET_INTRODUCED_IN).load(self.name)
        return Paper.from_props(props) if props else None

    @strawberry.field(
        description="Tasks the dataset is used for, by name.", graphql_type=Connection[TaskRef]
    )
    def tasks(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[TaskRef]]:
        from schema.types.task import Task

        return connection(info, lists.DATASET_TASKS, self.name, Task.from_props, first, after)

    @strawberry.field(
        description="Papers using the dataset, newest first.", graphql_type=Connection[PaperRef]
    )
    def papers(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[PaperRef]]:
        from schema.types.paper import Paper

        return connection(info, lists.DATASET_PAPERS, self.name, Paper.from_props, first, after)

    @strawberry.field(
        description="The dataset's leaderboards, one per task, by task name.",
        graphql_type=Connection[LeaderboardRef],
    )
    def leaderboards(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[LeaderboardRef]]:
        from schema.types.leaderboard import Leaderboard

        def build(parts: PageParts) -> Connection[Leaderboard]:
            items, page_info, count = parts
            edges = [
                Edge(cursor=c, node=Leaderboard(task_name=i.node["name"], dataset_name=self.name))
                for c, i in items
            ]
            return Connection(edges=edges, page_info=page_info, count=count)

        return then(
            load_page(info, page_args(lists.DATASET_LEADERBOARDS, first, after), self.name), build
        )
