"""Neo4j values into plain Python ones the schema can serve."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j.time import Date, DateTime

_TEMPORAL = (Date, DateTime)


def plain_value(value: Any) -> Any:
    if type(value) in _TEMPORAL:
        return value.to_native()
    return value


def plain_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: value.to_native() if type(value) in _TEMPORAL else value
        for key, value in props.items()
    }
