"""Test fixtures: one real Neo4j per test run, an empty database per test, a real HTTP server.

The Neo4j comes from PAPERS_GRAPH_TEST_NEO4J_URI when set (CI starts one with
`papers-graph db start`); otherwise the suite starts the local embedded Neo4j
itself in a temporary folder on a free port and stops it at the end. Tests
never use NEO4J_URI: it may point at a database someone cares about, and every
test here begins by emptying the database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from graphdb.driver import open_sync_driver
from graphdb.local.process import LocalNeo4jConfig, start, stop
from graphdb.model import ensure_schema
from graphdb.settings import Neo4jSettings
from tests.support.http import RunningServer, serve_in_thread

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jSettings]:
    uri = os.environ.get("PAPERS_GRAPH_TEST_NEO4J_URI")
    if uri:
        yield Neo4jSettings(uri=uri)
        return
    config = LocalNeo4jConfig(
        data_dir=tmp_path_factory.mktemp("neo4j-data"), port=0, heap="1g", pagecache="256m"
    )
    status = start(config, quiet=True)
    assert status.uri is not None
    try:
        yield Neo4jSettings(uri=status.uri)
    finally:
        stop(config)


@pytest.fixture(scope="session")
def session_driver(neo4j_settings: Neo4jSettings) -> Iterator[Driver]:
    with open_sync_driver(neo4j_settings) as driver:
        driver.verify_connectivity()
        ensure_schema(driver)
        yield driver


@pytest.fixture
def driver(session_driver: Driver) -> Driver:
    """The shared driver, on a database emptied for this test (schema kept: it is idempotent)."""
    with (
        session_driver.session() as session
    ):  # CALL ... IN TRANSACTIONS needs an implicit transaction
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    return session_driver


@pytest.fixture
def neo4j_env(
    neo4j_settings: Neo4jSettings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> Neo4jSettings:
    """Point the command line (which reads NEO4J_*) at the test database."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    # an empty local folder: `load` chooses the bulk path into an empty local Neo4j, and must
    # never take it into a developer's `.data` (tests that want it set this themselves)
    monkeypatch.setenv("PAPERS_GRAPH_DATA_DIR", str(tmp_path_factory.mktemp("no-local-neo4j")))
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_settings


@pytest.fixture(scope="session")
def api_server(neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    """The real app under uvicorn on a free port, over real HTTP."""
    with serve_in_thread(neo4j_settings) as server:
        yield server


@pytest.fixture(scope="module")
def api_graph(
    session_driver: Driver, neo4j_settings: Neo4jSettings, tmp_path_factory: pytest.TempPathFactory
) -> Driver:
    """The API tests' archive, loaded once per module into an emptied database."""
    from tests.support.api_archive import write_archive

    load_emptied(session_driver, write_archive(tmp_path_factory.mktemp("api-archive")))
    return session_driver


def load_emptied(driver: Driver, folder: Path) -> None:
    """Empty the database, then load the archive in `folder`, which must load without rejects."""
    from rich.console import Console

    from loaders.pipeline import load_dumps
    from loaders.progress import LineProgress
    from loaders.rejects import RejectsFile

    with driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    from loaders.related import RelatedSettings
    from tests.support.api_archive import KEEP_COAUTHORS_FROM

    with RejectsFile(folder / "rejects.jsonl") as rejects:
        report = load_dumps(
            driver, [folder], rejects=rejects, progress=LineProgress(Console(quiet=True)),
            related=RelatedSettings(coauthors_from=KEEP_COAUTHORS_FROM),
        )  # fmt: skip
    assert report.ok and rejects.count == 0


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The statements the API sends, in order: tests assert one per request."""
    from schema.data.executor import CypherExecutor

    sent: list[str] = []
    run_whole = CypherExecutor.run_whole

    async def counted(self: CypherExecutor, cypher: str, params: Any) -> list[Any]:
        sent.append(cypher)
        return await run_whole(self, cypher, params)

    monkeypatch.setattr(CypherExecutor, "run_whole", counted)
    yield sent
