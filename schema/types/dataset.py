"""The Dataset type."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.connection import Connection
from schema.types.declare import page
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
    id: strawberry.ID = strawberry.field(description="The global id of this dataset.")
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
    introduced_in: PaperRef | None = strawberry.field(
        description="The paper that introduced the dataset, if known."
    )
    tasks = page("Tasks the dataset is used for, by name.", Connection[TaskRef])
    papers = page("Papers using the dataset, newest first.", Connection[PaperRef])
    leaderboards = page(
        "The dataset's leaderboards, one per task, by task name.", Connection[LeaderboardRef]
    )
