"""API settings from the environment (the Neo4j connection itself is graphdb.settings)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphdb.settings import Neo4jSettings
from schema.limits import Limits

# `npm run build` in site/ writes here; the package is installed from the checkout (pip -e).
DEFAULT_SITE_DIR = Path(__file__).resolve().parent.parent / "site" / "dist"


@dataclass(frozen=True)
class ApiSettings:
    neo4j: Neo4jSettings
    # Seconds a single Cypher transaction may run before Neo4j aborts it.
    query_timeout: float = 10.0
    # Browser origins allowed to call the API (CORS); empty allows none cross-origin.
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    # What a request may ask (schema/limits.py: each from PAPERS_GRAPH_MAX_*).
    limits: Limits = field(default_factory=Limits)
    # The built site served at / (site/dist of the checkout unless PAPERS_GRAPH_SITE_DIR says).
    site_dir: Path = field(default_factory=lambda: DEFAULT_SITE_DIR)

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
            limits=Limits.from_env(env),
            site_dir=Path(env["PAPERS_GRAPH_SITE_DIR"])
            if env.get("PAPERS_GRAPH_SITE_DIR")
            else DEFAULT_SITE_DIR,
        )
