"""The Leaderboard type: the results of a (task, dataset) pair, ranked by one metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.data import cypher, lists
from schema.data.later import MaybeLater, load_now, resolved, then
from schema.errors import UserInputError
from schema.types.connection import Connection, connection
from schema.types.lookahead import file_child_lists, start_child_lists, start_child_lists_via
from schema.types.result import Result, dataset_named, task_named

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.task import Task

TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]


@strawberry.type(
    description="The results of one task on one dataset, ranked by a metric, best first."
)
class Leaderboard:
    task_name: strawberry.Private[str]
    dataset_name: strawberry.Private[str]
    chosen_metric: strawberry.Private[str | None] = None

    @strawberry.field(description="The leaderboard's task.", graphql_type=TaskRef)
    def task(self, info: Info) -> MaybeLater[TaskRef]:
        return task_named(info, self.task_name)

    @strawberry.field(description="The leaderboard's dataset.", graphql_type=DatasetRef)
    def dataset(self, info: Info) -> MaybeLater[DatasetRef]:
        return dataset_named(info, self.dataset_name)

    def load_metrics(self, info: Info) -> MaybeLater[dict[str, bool]]:
        """The metrics in the archive's column order, each with whether higher is better."""
        key = {"task": self.task_name, "dataset": self.dataset_name}
        found = load_now(info.context.data.values(cypher.LEADERBOARD_METRICS), key)
        return then(found, _directions)

    def ranking_metric(self, info: Info) -> MaybeLater[str]:
        if self.chosen_metric is not None:
            return self.chosen_metric
        return then(self.load_metrics(info), lambda metrics: next(iter(metrics), ""))

    @strawberry.field(
        description="The leaderboard's metrics, in the archive's column order.",
        graphql_type=list[str],
    )
    def metrics(self, info: Info) -> MaybeLater[list[str]]:
        return then(self.load_metrics(info), list)

    @strawberry.field(
        description="The metric the rows are ranked by (the first metric unless one was asked for).",
        graphql_type=str,
    )
    def metric(self, info: Info) -> MaybeLater[str]:
        return self.ranking_metric(info)

    @strawberry.field(
        description="Whether a higher value ranks better on the metric.", graphql_type=bool
    )
    def higher_is_better(self, info: Info) -> MaybeLater[bool]:
        def direction(metrics: dict[str, bool]) -> bool:
            if self.chosen_metric is not None:
                return metrics.get(self.chosen_metric, True)
            return next(iter(metrics.values()), True)

        return then(self.load_metrics(info), direction)

    @strawberry.field(
        description="The results on the metric, best rank first; rows without a number come last.",
        graphql_type=Connection[Result],
    )
    def rows(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[Result]]:
        def page(metric: str) -> MaybeLater[Connection[Result]]:
            key = {"task": self.task_name, "dataset": self.dataset_name, "metric": metric}
            return connection(info, lists.LEADERBOARD_ROWS, key, Result.from_props, first, after)

        return then(self.ranking_metric(info), page)


async def find_leaderboard(
    info: Info, task: str, dataset: str, metric: str | None
) -> Leaderboard | None:
    """The leaderboard, null when the pair has no results; an error naming the metrics for a wrong metric."""
    board = Leaderboard(task_name=task, dataset_name=dataset, chosen_metric=metric)
    pair = {"task": task, "dataset": dataset}
    found = board.load_metrics(info)
    # Lookahead: the rows go in the metrics' statement, through the metric when it is given,
    # else through the first metric (lists.LEADERBOARD_FIRST_METRIC), filed under it below.
    if metric is not None:
        start_child_lists(info, "Leaderboard", {**pair, "metric": metric})
        lookahead = []
    else:
        lookahead = start_child_lists_via(info, "Leaderboard", lists.LEADERBOARD_FIRST_METRIC, pair)
    metrics = await resolved(found)
    if not metrics:
        return None
    if metric is not None and metric not in metrics:
        raise UserInputError(
            f"metric: {metric!r} is not on the leaderboard {task!r} / {dataset!r}; its metrics are "
            + ", ".join(repr(m) for m in metrics)
        )
    await file_child_lists(lookahead, {**pair, "metric": next(iter(metrics))})
    return board


def _directions(found: list[dict[str, object]] | None) -> dict[str, bool]:
    """Metric name -> higher is better (true when the archive does not say), in column order."""
    return {
        str(m["metric"]): True if m["higherIsBetter"] is None else bool(m["higherIsBetter"])
        for m in found or []
    }
