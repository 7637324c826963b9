"""The Result type: one leaderboard row for one metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import cypher
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater, then
from schema.data.values import plain_properties
from schema.types.connection import selects_only
from schema.types.node import Node

KEY_FIELDS = {"name", "id", "__typename"}

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.paper import Paper
    from schema.types.task import Task

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]


@strawberry.type(description="A model's value for one metric on one leaderboard (task, dataset).")
class Result(Node):
    key: strawberry.Private[str]
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
    task_name: strawberry.Private[str]
    dataset_name: strawberry.Private[str]
    paper_known: strawberry.Private[bool] = False  # the row came with its paper (or its absence)
    paper_props: strawberry.Private[dict[str, Any] | None] = None

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Result:
        return cls(
            key=props["key"],
            model=props.get("model"),
            metric=props.get("metric") or "",
            value=props.get("value"),
            numeric_value=props.get("numericValue"),
            error_bound=props.get("errorBound"),
            higher_is_better=bool(props.get("higherIsBetter", True)),
            rank=props.get("rank"),
            uses_additional_data=bool(props.get("usesAdditionalData")),
            paper_title=props.get("paperTitle"),
            paper_url=props.get("paperUrl"),
            paper_date=props.get("paperDate"),
            code_links=list(props.get("codeLinks") or []),
            task_name=props.get("task") or "",
            dataset_name=props.get("dataset") or "",
            paper_known="reportedBy" in props,
            paper_props=plain_properties(props["reportedBy"]) if props.get("reportedBy") else None,
        )

    @strawberry.field(description="The global id of this result.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Result", self.key))

    @strawberry.field(
        description="The paper the row reports, when the archive's link could be joined to one.",
        graphql_type=PaperRef | None,
    )
    def paper(self, info: Info) -> MaybeLater[PaperRef | None]:
        from schema.types.paper import Paper

        def make(props: dict[str, Any] | None) -> Paper | None:
            return Paper.from_props(props) if props else None

        if self.paper_known:  # read with the row (leaderboard rows)
            return make(self.paper_props)
        return then(info.context.data.one(cypher.RESULT_PAPER).load(self.key), make)

    @strawberry.field(description="The leaderboard's task.", graphql_type=TaskRef)
    def task(self, info: Info) -> MaybeLater[TaskRef]:
        return task_named(info, self.task_name)

    @strawberry.field(description="The leaderboard's dataset.", graphql_type=DatasetRef)
    def dataset(self, info: Info) -> MaybeLater[DatasetRef]:
        return dataset_named(info, self.dataset_name)


def task_named(info: Info, name: str) -> MaybeLater[Task]:
    """The task of a leaderboard; its name is all some requests want, and that needs no lookup."""
    from schema.types.task import Task

    if selects_only(info, KEY_FIELDS):
        return Task.from_props({"name": name})

    def make(props: dict[str, Any] | None) -> Task:
        return Task.from_props(props or {"name": name})

    return then(info.context.data.one(cypher.TASKS_BY_NAME).load(name), make)


def dataset_named(info: Info, name: str) -> MaybeLater[Dataset]:
    """The dataset of a leaderboard, looked up only when more than its name is asked for."""
    from schema.types.dataset import Dataset

    if selects_only(info, KEY_FIELDS):
        return Dataset.from_props({"name": name})

    def make(props: dict[str, Any] | None) -> Dataset:
        return Dataset.from_props(props or {"name": name})

    return then(info.context.data.one(cypher.DATASETS_BY_NAME).load(name), make)
