"""methods.json records into Method rows (with collections and the introducing paper)."""

from __future__ import annotations

from typing import Any

from loaders.validate.fields import (
    Reject,
    object_list,
    optional_int,
    optional_str,
    require_object,
    required_str,
)
from loaders.validate.refs import paper_ref


def method_row(record: Any) -> dict[str, Any]:
    record = require_object(record)
    name = required_str(record, "name")
    collections = []
    for index, item in enumerate(object_list(record, "collections")):
        collection = item.get("collection")
        if not isinstance(collection, str) or not collection.strip():
            raise Reject(f"collections[{index}].collection should be a non-empty string")
        collections.append(
            {
                "name": collection.strip(),
                "area": optional_str(item, "area"),
                "areaId": None if item.get("area_id") is None else str(item["area_id"]),
            }
        )
    return {
        "name": name,
        "props": {
            "pwcUrl": optional_str(record, "url"),
            "fullName": optional_str(record, "full_name"),
            "description": optional_str(record, "description"),
            "introducedYear": optional_int(record, "introduced_year"),
            "sourceUrl": optional_str(record, "source_url"),
            "sourceTitle": optional_str(record, "source_title"),
            "codeSnippetUrl": optional_str(record, "code_snippet_url"),
            "numPapers": optional_int(record, "num_papers"),
        },
        "collections": collections,
        "paper": paper_ref(record.get("paper")),
    }
