"""What the API does and logs when Neo4j hangs or is away, and when clients make mistakes.

- A database that accepts connections and never answers: every request answers 503 within
  the timeout (waiting for a connection counts), /readyz within its own.
- The log: one line per request (id, status, duration, operation); a client's mistake is that
  line only, never an ERROR or a traceback; JSON lines when asked. (An outage's two lines,
  when it starts and when it ends: tests/test_health_and_outage.py, with a real restart.)
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from neo4j import Driver

from graphdb.settings import Neo4jSettings
from server.request_log import JsonLines
from tests.support.http import RunningServer, serve_in_thread


@pytest.fixture
def silent_database() -> Iterator[str]:
    """A bolt address that accepts connections and then says nothing."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"bolt://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def test_a_silent_database_gives_503_within_the_timeout(silent_database: str) -> None:
    with serve_in_thread(Neo4jSettings(uri=silent_database), query_timeout=2.0) as server:
        for _ in range(3):
            started = time.monotonic()
            response = server.graphql('{ paper(slug: "x") { title } }')
            waited = time.monotonic() - started
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"]
            (error,) = response.json()["errors"]
            assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
            assert "did not answer within 2s" in error["message"]
            assert waited < 4.5, f"{waited:.1f}s"
        started = time.monotonic()
        ready = httpx.get(f"{server.base_url}/readyz", timeout=30)
        assert ready.status_code == 503 and time.monotonic() - started < 4


def _records(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == name]


def test_a_client_mistake_is_one_line_without_a_traceback(
    api_graph: Driver, api_server: RunningServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    mistakes = [
        ("query Named { paper(slug: 1) { title } }", None),
        ('{ papers(first: 1, after: "bad") { nodes { slug } } }', None),
        ("{ nope }", None),
        ("query Q($q: String!) { search(query: $q) { totalCount } }", {"q": "a " * 100}),
    ]
    for query, variables in mistakes:
        assert api_server.graphql(query, variables).json()["errors"]
    assert httpx.post(f"{api_server.base_url}/graphql", content=b"42",
                      headers={"content-type": "application/json",
                               "x-request-id": "mistake-5"}).status_code == 400  # fmt: skip
    time.sleep(0.2)  # the last line is written after the response is sent
    lines = _records(caplog, "papers_graph.requests")
    assert len(lines) == len(mistakes) + 1
    assert all(r.levelno == logging.INFO and r.exc_info is None for r in lines)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    named = lines[0].__dict__
    assert named["operation"] == "Named" and named["status"] == 200
    assert named["codes"] == ["GRAPHQL_VALIDATION_FAILED"] and named["ms"] > 0
    assert lines[1].__dict__["codes"] == ["BAD_USER_INPUT"]
    assert lines[-1].__dict__["request_id"] == "mistake-5" and lines[-1].__dict__["status"] == 400


def test_json_lines_carry_the_request_fields() -> None:
    record = logging.LogRecord("papers_graph.requests", logging.INFO, __file__, 1,
                               "%s done", ("r1",), None)  # fmt: skip
    record.__dict__.update(request_id="r1", status=200, ms=3.5, operation=None, codes=[])
    line = json.loads(JsonLines().format(record))
    assert line["message"] == "r1 done" and line["request_id"] == "r1" and line["status"] == 200
    assert line["level"] == "INFO" and "traceback" not in line
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        failed = logging.LogRecord(
            "papers_graph.api", logging.ERROR, __file__, 1, "x", (), sys.exc_info()
        )
    assert "RuntimeError: boom" in json.loads(JsonLines().format(failed))["traceback"]
