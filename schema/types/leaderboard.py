"""The Leaderboard type: the results of a (task, dataset) pair, ranked by one metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.connection import Connection
from schema.types.declare import page
from schema.types.result import Result

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.task import Task

TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]


@strawberry.type(
    description="The results of one task on one dataset, ranked by a metric, best first."
)
class Leaderboard:
    task: TaskRef = strawberry.field(description="The leaderboard's task.")
    dataset: DatasetRef = strawberry.field(description="The leaderboard's dataset.")
    metrics: list[str] = strawberry.field(
        description="The leaderboard's metrics, in the archive's column order."
    )
    metric: str = strawberry.field(
        description="The metric the rows are ranked by (the first metric unless one was asked for)."
    )
    higher_is_better: bool = strawberry.field(
        description="Whether a higher value ranks better on the metric."
    )
    rows = page(
        "The results on the metric, best rank first; rows without a number come last.",
        Connection[Result],
    )
