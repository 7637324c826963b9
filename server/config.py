"""API settings from the environment (the Neo4j connection itself is graphdb.settings)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from graphdb.settings import Neo4jSettings


@dataclass(frozen=True)
class ApiSettings:
    neo4j: Neo4jSettings
    # Seconds a single Cypher transaction may run before Neo4j aborts it.
    query_timeout: float = 10.0
    # Browser origins allowed to call the API (CORS); empty allows none cross-origin.
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    # Planned execution (schema/execution): off runs graphql-core's executor for every request.
    planned_execution: bool = True
    # Whole-request compilation (schema/execution/compile.py), in front of planned execution:
    # off resolves every planned request field by field.
    compiled_execution: bool = True
    # The one lane (schema/lane): every request translated into one statement.
    lane: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiSettings:
        env = os.environ if env is None else env
        origins = tuple(
            o.strip() for o in env.get("PAPERS_GRAPH_CORS_ORIGINS", "").split(",") if o.strip()
        )
        return cls(
            neo4j=Neo4jSettings.from_env(env),
            query_timeout=float(env.get("PAPERS_GRAPH_QUERY_TIMEOUT", "10")),
            cors_origins=origins,
            planned_execution=_flag(env, "PAPERS_GRAPH_PLANNED_EXECUTION"),
            compiled_execution=_flag(env, "PAPERS_GRAPH_COMPILED_EXECUTION"),
            lane=_flag(env, "PAPERS_GRAPH_LANE"),
        )


def _flag(env: Mapping[str, str], name: str, default: str = "on") -> bool:
    text = env.get(name, default)
    value = text.strip().lower()
    if value in ("1", "on", "true", "yes"):
        return True
    if value in ("0", "off", "false", "no"):
        return False
    raise ValueError(f"{name} must be on or off, not {text!r}")
