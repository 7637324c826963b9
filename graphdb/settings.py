"""Where the Neo4j database is and how to log in, read from the environment.

NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE point at any Neo4j.
When NEO4J_URI is unset, the local Neo4j that `papers-graph db start` runs is
used: its address is read from the run directory under the data directory
(PAPERS_GRAPH_DATA_DIR, default `.data`), so a local Neo4j started on a free
port (--port 0) is found without further configuration.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BOLT_PORT = 7687


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder that holds the local Neo4j's files (and nothing else of ours)."""
    env = os.environ if env is None else env
    return Path(env.get("PAPERS_GRAPH_DATA_DIR", ".data")).resolve()


def local_address_file(base: Path) -> Path:
    """The file in which a running local Neo4j publishes its Bolt address."""
    return base / "neo4j" / "run" / "bolt-address"


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str | None = None
    password: str | None = None
    database: str | None = None

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.user is None:
            return None
        return (self.user, self.password or "")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Neo4jSettings:
        env = os.environ if env is None else env
        uri = env.get("NEO4J_URI") or local_neo4j_uri(data_dir(env))
        return cls(
            uri=uri,
            user=env.get("NEO4J_USER") or None,
            password=env.get("NEO4J_PASSWORD") or None,
            database=env.get("NEO4J_DATABASE") or None,
        )


def local_neo4j_uri(base: Path) -> str:
    """bolt:// URI of the local Neo4j, or of the default port when none runs."""
    try:
        address = local_address_file(base).read_text(encoding="utf-8").strip()
    except OSError:
        address = ""
    return f"bolt://{address}" if address else f"bolt://127.0.0.1:{DEFAULT_BOLT_PORT}"
