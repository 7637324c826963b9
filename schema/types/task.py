"""The Task and Area types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.connection import Connection
from schema.types.declare import page
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.leaderboard import Leaderboard
    from schema.types.paper import Paper

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]
LeaderboardRef = Annotated["Leaderboard", strawberry.lazy("schema.types.leaderboard")]
# Task pages its own subtasks.
TaskSelfRef = Annotated["Task", strawberry.lazy("schema.types.task")]


@strawberry.type(description="A research area that groups tasks, e.g. Computer Vision.")
class Area:
    name: str = strawberry.field(description="The area's name.")


@strawberry.type(description="A machine-learning task, e.g. Image Classification.")
class Task(Node):
    id: strawberry.ID = strawberry.field(description="The global id of this task.")
    name: str = strawberry.field(description="The task's name (the key).")
    description: str | None = strawberry.field(description="What the task is, from the archive.")
    synonyms: list[str] = strawberry.field(description="Other names of the task.")
    paper_count: int | None = strawberry.field(description="How many papers address this task.")
    areas: list[Area] = strawberry.field(description="The research areas of the task.")
    parent: Task | None = strawberry.field(description="The task this one is a subtask of, if any.")
    subtasks = page("The task's subtasks, by name.", Connection[TaskSelfRef])
    papers = page("Papers addressing the task, newest first.", Connection[PaperRef])
    datasets = page("Datasets used for the task, by name.", Connection[DatasetRef])
    leaderboards = page(
        "The task's leaderboards, one per dataset, by dataset name.", Connection[LeaderboardRef]
    )
