"""Neo4j values into plain Python ones the schema can serve."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j.time import Date, DateTime


def plain_value(value: Any) -> Any:
    if isinstance(value, Date | DateTime):
        return value.to_native()
    return value


def plain_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: plain_value(value) for key, value in props.items()}
