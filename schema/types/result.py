"""The Result type: one leaderboard row for one metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.paper import Paper
    from schema.types.task import Task

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]


@strawberry.type(description="A model's value for one metric on one leaderboard (task, dataset).")
class Result(Node):
    id: strawberry.ID = strawberry.field(description="The global id of this result.")
    model: str | None = strawberry.field(
        description="The model's name as the leaderboard gives it."
    )
    metric: str = strawberry.field(description="The metric's name.")
    value: str | None = strawberry.field(
        description='The value as the archive wrote it, e.g. "0.8428 ± 0.0014".'
    )
    numeric_value: float | None = strawberry.field(
        description="The number in the value, when there is one."
    )
    error_bound: float | None = strawberry.field(
        description="The ± bound in the value, when there is one."
    )
    higher_is_better: bool = strawberry.field(
        description="Whether a higher value ranks better on this metric."
    )
    rank: int | None = strawberry.field(
        description="Rank on the leaderboard for this metric (1 is best; ties share a rank); null without a number."
    )
    uses_additional_data: bool = strawberry.field(
        description="Whether the model used extra training data."
    )
    paper_title: str | None = strawberry.field(
        description="The paper title the row gives (often empty)."
    )
    paper_url: str | None = strawberry.field(description="The paper link the row gives.")
    paper_date: str | None = strawberry.field(description="The paper date the row gives.")
    code_links: list[str] = strawberry.field(description="Code links the row gives.")
    paper: PaperRef | None = strawberry.field(
        description="The paper the row reports, when the archive's link could be joined to one."
    )
    task: TaskRef = strawberry.field(description="The leaderboard's task.")
    dataset: DatasetRef = strawberry.field(description="The leaderboard's dataset.")
