"""Typed field access for archive records: each helper returns the value or raises Reject.

Rejections name the field and what was wrong, since that text lands in the
rejects file where a person reads it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Final

import orjson


class Reject(Exception):
    """This record cannot be loaded; the message says which field and why."""


def type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, int | float) else type(value).__name__
    )


def require_object(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise Reject(f"record is not an object (got {type_name(record)})")
    return record


def required_str(record: dict[str, Any], field: str) -> str:
    value = record.get(field)
    if value is None:
        raise Reject(f"{field} is missing")
    if not isinstance(value, str):
        raise Reject(f"{field} should be a string, got {type_name(value)}")
    value = value.strip()
    if not value:
        raise Reject(f"{field} is empty")
    return value


def optional_str(record: dict[str, Any], field: str) -> str | None:
    """A string field that may be null or absent; blank strings count as absent."""
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Reject(f"{field} should be a string or null, got {type_name(value)}")
    return value.strip() or None


def optional_bool(record: dict[str, Any], field: str, default: bool = False) -> bool:
    value = record.get(field)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise Reject(f"{field} should be true or false, got {type_name(value)}")
    return value


def optional_int(record: dict[str, Any], field: str) -> int | None:
    value = record.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Reject(f"{field} should be a number, got boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise Reject(f"{field} should be a whole number, got {value!r}")


def str_list(record: dict[str, Any], field: str) -> list[str]:
    """A list of names: null/absent gives []; blanks are dropped; duplicates keep first place."""
    value = record.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Reject(f"{field} should be an array of strings, got {type_name(value)}")
    seen: dict[str, None] = {}
    for index, item in enumerate(value):
        if item is None:
            continue
        if not isinstance(item, str):
            raise Reject(f"{field}[{index}] should be a string, got {type_name(item)}")
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return list(seen)


def object_list(record: dict[str, Any], field: str) -> list[dict[str, Any]]:
    value = record.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Reject(f"{field} should be an array of objects, got {type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise Reject(f"{field}[{index}] should be an object, got {type_name(item)}")
    return value


def optional_date(record: dict[str, Any], field: str) -> dt.date | None:
    value = optional_str(record, field)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise Reject(f"{field} should be a date like 2018-05-27, got {value!r}") from None


def loose_date(text: str | None) -> dt.date | None:
    """The date a text starts with (2018-05-27, 2018-05-27T10:00:00), None when it starts with
    none: for values kept as the archive wrote them, whose date is only a help."""
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def json_list(items: list[dict[str, Any]]) -> str | None:
    """Small objects a node keeps as one property (a JSON array; None when there are none):
    Neo4j stores no maps, and these are only ever shown whole."""
    return orjson.dumps(items, option=orjson.OPT_SORT_KEYS).decode() if items else None


HASH_BYTES: Final = 12  # a stable_hash is this many bytes, in hex


def stable_hash(*parts: Any) -> str:
    """A short, deterministic digest of JSON-able parts: detects changed records between loads."""
    data = orjson.dumps(parts, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str)
    return hashlib.blake2b(data, digest_size=HASH_BYTES).hexdigest()
