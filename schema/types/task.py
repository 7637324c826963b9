"""The Task and Area types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import cypher, lists
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater, then
from schema.types.connection import Connection, Edge, PageParts, connection, load_page, page_args
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.leaderboard import Leaderboard
    from schema.types.paper import Paper

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]
LeaderboardRef = Annotated["Leaderboard", strawberry.lazy("schema.types.leaderboard")]


@strawberry.type(description="A research area that groups tasks, e.g. Computer Vision.")
class Area:
    name: str = strawberry.field(description="The area's name.")


# Defined below: named lazily for the resolver's graphql_type.
TaskSelfRef = Annotated["Task", strawberry.lazy("schema.types.task")]


@strawberry.type(description="A machine-learning task, e.g. Image Classification.")
class Task(Node):
    name: str = strawberry.field(description="The task's name (the key).")
    description: str | None = strawberry.field(description="What the task is, from the archive.")
    synonyms: list[str] = strawberry.field(description="Other names of the task.")
    paper_count: int | None = strawberry.field(description="How many papers address this task.")

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Task:
        return cls(
            name=props["name"],
            description=props.get("description"),
            synonyms=list(props.get("synonyms") or []),
            paper_count=props.get("paperCount"),
        )

    @strawberry.field(description="The global id of this task.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Task", self.name))

    @strawberry.field(description="The research areas of the task.")
    async def areas(self, info: Info) -> list[Area]:
        return [
            Area(name=a["name"])
            for a in await info.context.data.many(cypher.TASK_AREAS).load(self.name)
        ]

    @strawberry.field(description="The task this one is a subtask of, if any.")
    async def parent(self, info: Info) -> Task | None:
        props = await info.context.data.one(cypher.TASK_PARENT).load(self.name)
        return Task.from_props(props) if props else None

    @strawberry.field(
        description="The task's subtasks, by name.", graphql_type=Connection[TaskSelfRef]
    )
    def subtasks(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[Task]]:
        return connection(info, lists.TASK_SUBTASKS, self.name, Task.from_props, first, after)

    @strawberry.field(
        description="Papers addressing the task, newest first.", graphql_type=Connection[PaperRef]
    )
    def papers(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[PaperRef]]:
        from schema.types.paper import Paper

        return connection(info, lists.TASK_PAPERS, self.name, Paper.from_props, first, after)

    @strawberry.field(
        description="Datasets used for the task, by name.", graphql_type=Connection[DatasetRef]
    )
    def datasets(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[DatasetRef]]:
        from schema.types.dataset import Dataset

        return connection(info, lists.TASK_DATASETS, self.name, Dataset.from_props, first, after)

    @strawberry.field(
        description="The task's leaderboards, one per dataset, by dataset name.",
        graphql_type=Connection[LeaderboardRef],
    )
    def leaderboards(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[LeaderboardRef]]:
        from schema.types.leaderboard import Leaderboard

        def build(parts: PageParts) -> Connection[Leaderboard]:
            items, page_info, count = parts
            edges = [
                Edge(cursor=c, node=Leaderboard(task_name=self.name, dataset_name=i.node["name"]))
                for c, i in items
            ]
            return Connection(edges=edges, page_info=page_info, count=count)

        return then(
            load_page(info, page_args(lists.TASK_LEADERBOARDS, first, after), self.name), build
        )
