"""datasets.json records into Dataset rows (with their tasks and introducing paper)."""

from __future__ import annotations

from typing import Any

from loaders.validate.fields import (
    Reject,
    json_list,
    object_list,
    optional_date,
    optional_int,
    optional_str,
    require_object,
    required_str,
    str_list,
)
from loaders.validate.refs import paper_ref


def dataset_row(record: Any) -> dict[str, Any]:
    record = require_object(record)
    name = required_str(record, "name")
    tasks: dict[str, None] = {}
    for index, item in enumerate(object_list(record, "tasks")):
        task = item.get("task")
        if not isinstance(task, str):
            raise Reject(f"tasks[{index}].task should be a string")
        if task.strip():
            tasks.setdefault(task.strip(), None)
    introduced = optional_date(record, "introduced_date")
    return {
        "name": name,
        "props": {
            "pwcUrl": optional_str(record, "url"),
            "fullName": optional_str(record, "full_name"),
            "homepage": optional_str(record, "homepage"),
            "description": optional_str(record, "description"),
            "shortDescription": optional_str(record, "short_description"),
            "introducedDate": introduced,
            "warning": optional_str(record, "warning"),
            "modalities": str_list(record, "modalities"),
            "languages": str_list(record, "languages"),
            "variants": str_list(record, "variants"),
            "numPapers": optional_int(record, "num_papers"),
            "parentDataset": optional_str(record, "parent_dataset"),
            "licenseName": optional_str(record, "license_name"),
            "licenseUrl": optional_str(record, "license_url"),
            "image": optional_str(record, "image"),
            "thumbnail": optional_str(record, "thumbnail"),
            "dataLoadersJson": json_list(_data_loaders(record)),
        },
        "tasks": list(tasks),
        "paper": paper_ref(record.get("paper")),
    }


def _data_loaders(record: dict[str, Any]) -> list[dict[str, Any]]:
    """`data_loaders`: [{url, repo, frameworks}]; a wrong type is rejected with its path, a
    loader without a URL is left out."""
    loaders = []
    for index, item in enumerate(object_list(record, "data_loaders")):
        try:
            url = optional_str(item, "url")
            loader = {"url": url, "repo": optional_str(item, "repo"),
                      "frameworks": str_list(item, "frameworks")}  # fmt: skip
        except Reject as bad:
            raise Reject(f"data_loaders[{index}].{bad}") from None
        if url is not None:
            loaders.append(loader)
    return loaders
