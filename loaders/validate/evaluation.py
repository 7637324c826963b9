"""evaluation-tables records (task trees) into task, dataset and leaderboard-table rows.

One record is a top-level task with its datasets, their leaderboards and its
subtasks (recursive). Known traps handled here:
- subtasks also appear at the top level, and a task can appear in several
  files: tasks merge by name (every parent link is kept, the first non-empty
  description wins) and a leaderboard table (task, dataset) is taken the first
  time it is seen in a load;
- a task named "" is skipped, its subtasks are still read;
- older files say `sota_rows` instead of `rows`, and `subdataset` for `dataset`;
- a malformed part (a row that is not an object, a dataset without a name) is
  rejected on its own, with its path; the rest of the task tree loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphdb.identifiers import arxiv_id_in_url, title_key
from loaders.metrics import competition_ranks, higher_is_better, parse_metric_value
from loaders.validate.fields import (
    Reject,
    json_list,
    loose_date,
    optional_bool,
    optional_str,
    require_object,
    stable_hash,
    type_name,
)
from loaders.validate.refs import pwc_paper_slug

RejectPart = Callable[[str, Any], None]
Row = dict[str, Any]


def _links(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [
        item["url"].strip()
        for item in value
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].strip()
    ]


def _link_objects(value: Any) -> str | None:
    """The links with their titles ({title, url}; a blank title is null), as one JSON array."""
    if not isinstance(value, list):
        return None
    return json_list([
        {"title": item["title"].strip() or None if isinstance(item.get("title"), str) else None,
         "url": item["url"].strip()}
        for item in value
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].strip()
    ])  # fmt: skip


class EvaluationTablesParser:
    """Stateful across the records of one load: it remembers the tables already read."""

    def __init__(self) -> None:
        self.seen_tables: set[tuple[str, str]] = set()

    def __call__(self, record: Any, reject_part: RejectPart) -> list[Row]:
        record = require_object(record)
        if "task" not in record or not isinstance(record["task"], str):
            raise Reject(
                "task is missing" if record.get("task") is None
                else f"task should be a string, got {type_name(record['task'])}"
            )  # fmt: skip
        rows: list[Row] = []
        self._task(record, None, "", rows, reject_part)
        return rows

    def _task(
        self,
        task: dict[str, Any],
        parent: str | None,
        path: str,
        rows: list[Row],
        reject: RejectPart,
    ) -> None:
        name = task["task"].strip()
        here = f"{path}{name!r}" if name else f"{path}(unnamed task)"
        if name:
            source = task.get("source_link")
            rows.append(
                {
                    "kind": "task",
                    "name": name,
                    "parent": parent,
                    "props": {
                        "description": optional_str(task, "description"),
                        "synonyms": [
                            s.strip()
                            for s in task.get("synonyms") or []
                            if isinstance(s, str) and s.strip()
                        ],
                        "sourceLinkTitle": optional_str(source, "title")
                        if isinstance(source, dict)
                        else None,
                        "sourceLinkUrl": optional_str(source, "url")
                        if isinstance(source, dict)
                        else None,
                    },
                    "areas": [
                        c.strip()
                        for c in task.get("categories") or []
                        if isinstance(c, str) and c.strip()
                    ],
                }
            )
            for index, dataset in enumerate(_list(task, "datasets", here, reject)):
                self._dataset(dataset, name, f"{here}.datasets[{index}]", rows, reject)
        for index, sub in enumerate(_list(task, "subtasks", here, reject)):
            where = f"{here}.subtasks[{index}]"
            if not isinstance(sub, dict) or not isinstance(sub.get("task"), str):
                reject(f"{where}: a subtask should be an object with a string `task`", sub)
                continue
            self._task(sub, name or None, f"{where} ", rows, reject)

    def _dataset(
        self, dataset: Any, task: str, path: str, rows: list[Row], reject: RejectPart
    ) -> None:
        if not isinstance(dataset, dict):
            reject(f"{path}: a dataset should be an object, got {type_name(dataset)}", dataset)
            return
        name = dataset.get("dataset", dataset.get("subdataset"))
        if not isinstance(name, str) or not name.strip():
            reject(f"{path}: dataset name is missing or not a string", dataset)
            return
        name = name.strip()
        rows.append(
            {
                "kind": "dataset",
                "name": name,
                "task": task,
                "props": {
                    "description": optional_str(dataset, "description"),
                    "evaluationLinks": _links(dataset.get("dataset_links")),
                    "citations": _links(dataset.get("dataset_citations")),
                },
            }
        )
        sota = dataset.get("sota")
        if (task, name) in self.seen_tables:
            sota = None  # the same leaderboard seen earlier in this load
        self.seen_tables.add((task, name))
        if isinstance(sota, dict):
            table = self._table(sota, task, name, f"{path}.sota", reject)
            if table is not None:
                rows.append(table)
        elif sota is not None:
            reject(f"{path}.sota: should be an object, got {type_name(sota)}", sota)
        for index, sub in enumerate(_list(dataset, "subdatasets", path, reject)):
            self._dataset(sub, task, f"{path}.subdatasets[{index}]", rows, reject)

    def _table(
        self, sota: dict[str, Any], task: str, dataset: str, path: str, reject: RejectPart
    ) -> Row | None:
        raw_rows = sota.get("rows", sota.get("sota_rows"))
        if raw_rows is None:
            raw_rows = []
        if not isinstance(raw_rows, list):
            reject(f"{path}.rows: should be an array, got {type_name(raw_rows)}", raw_rows)
            return None
        metric_names = sota.get("metrics")
        if metric_names is None:
            metric_names = []
        if not isinstance(metric_names, list):
            # a string would be read as one metric per character; the table cannot be ranked
            reject(
                f"{path}.metrics: should be an array of metric names, got {type_name(metric_names)}",
                sota,
            )
            return None
        columns = [str(m).strip() for m in metric_names if isinstance(m, str | int | float)]
        column_of = {name: i for i, name in enumerate(columns)}
        entries: list[tuple[Row, str]] = []  # (row, metric) in table order
        occurrences: dict[str, int] = {}
        for index, row in enumerate(raw_rows):
            where = f"{path}.rows[{index}]"
            if not isinstance(row, dict):
                reject(f"{where}: a row should be an object, got {type_name(row)}", row)
                continue
            metrics = row.get("metrics")
            if not isinstance(metrics, dict):
                reject(f"{where}.metrics: should be an object, got {type_name(metrics)}", row)
                continue
            try:
                base = self._row_fields(row)
            except Reject as bad:
                reject(f"{where}: {bad}", row)
                continue
            for metric, value in metrics.items():
                metric = str(metric).strip()
                if not metric:
                    continue
                parsed = parse_metric_value(value)
                identity = (
                    task,
                    dataset,
                    metric,
                    base["model"],
                    base["paperUrl"],
                    base["paperTitle"],
                    str(base["paperDate"]),
                )
                ordinal = occurrences.get(stable_hash(*identity), 0)
                occurrences[stable_hash(*identity)] = ordinal + 1
                result = {
                    **base,
                    "metric": metric,
                    "value": parsed.raw,
                    "numericValue": parsed.number,
                    "errorBound": parsed.error_bound,
                    "task": task,
                    "dataset": dataset,
                    "higherIsBetter": higher_is_better(metric),
                    # the metric's column in the archive's table: a leaderboard ranks by the first
                    "metricIndex": column_of.get(metric, len(columns)),
                }
                entries.append((result, stable_hash(*identity, ordinal)))
        for metric in {r["metric"] for r, _ in entries}:
            members = [r for r, _ in entries if r["metric"] == metric]
            ranks = competition_ranks(
                [r["numericValue"] for r in members], higher_is_better(metric)
            )
            for result, rank in zip(members, ranks, strict=True):
                result["rank"] = rank
        results = [
            {"key": key, "contentHash": stable_hash(props), "props": props}
            for props, key in entries
        ]
        return {
            "kind": "table",
            "task": task,
            "dataset": dataset,
            "results": results,
            "keys": [r["key"] for r in results],
        }

    @staticmethod
    def _row_fields(row: dict[str, Any]) -> Row:
        paper_url = optional_str(row, "paper_url")
        paper_title = optional_str(row, "paper_title")
        title_is_url = bool(paper_title and paper_title.startswith(("http://", "https://")))
        arxiv = arxiv_id_in_url(paper_url) or (
            arxiv_id_in_url(paper_title) if title_is_url else None
        )
        return {
            "model": optional_str(row, "model_name"),
            "paperTitle": paper_title,
            "paperUrl": paper_url,
            "paperDate": optional_str(row, "paper_date"),
            # the row's date as a date (its text is kept as given): its result's `date`
            "rowDate": loose_date(optional_str(row, "paper_date")),
            "usesAdditionalData": optional_bool(row, "uses_additional_data"),
            "codeLinks": _links(row.get("code_links")),
            "modelLinks": _links(row.get("model_links")),
            "codeLinksJson": _link_objects(row.get("code_links")),
            "modelLinksJson": _link_objects(row.get("model_links")),
            "refArxivId": arxiv,
            "refSlug": pwc_paper_slug(paper_url),
            "refTitleKey": None if title_is_url else title_key(paper_title),
        }


def _list(container: dict[str, Any], field: str, path: str, reject: RejectPart) -> list[Any]:
    value = container.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        reject(f"{path}.{field}: should be an array, got {type_name(value)}", value)
        return []
    return value
