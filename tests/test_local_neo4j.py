"""`papers-graph db start|stop|status` against a real, separate local Neo4j."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graphdb.local.process import port_is_free
from server.cli import main


def port_in_time_wait() -> int:
    """A port with no listener whose last connection lingers in TIME_WAIT on the server side.

    The server side closes first, as Neo4j does at shutdown: its end of the
    connection stays in TIME_WAIT (60 s on Linux), bound to the listening port.
    """
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port: int = listener.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            served, _ = listener.accept()
            served.close()
            client.recv(1)  # the server's FIN has arrived: the client's close is the passive one
    with socket.socket() as plain, pytest.raises(OSError):  # what the old check saw
        plain.bind(("127.0.0.1", port))
    return port


def test_status_of_a_never_started_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "status", "--data-dir", str(tmp_path)]) == 3
    assert "not running" in capsys.readouterr().out
    assert main(["db", "stop", "--data-dir", str(tmp_path)]) == 0


def test_start_on_a_taken_port_is_refused_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["db", "start", "--data-dir", str(tmp_path), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert not (tmp_path / "neo4j" / "run" / "neo4j.pid").exists()


def test_a_port_in_time_wait_is_free_but_a_listening_one_is_not() -> None:
    port = port_in_time_wait()
    assert port_is_free(port)
    with socket.socket() as taken:  # a listener with SO_REUSEADDR too, like a JVM's
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", port))
        taken.listen()
        assert not port_is_free(port)
    assert port_is_free(port)


@pytest.mark.slow
def test_start_on_a_port_in_time_wait_succeeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Right after a stop under load the port is in TIME_WAIT; Neo4j listens on it regardless."""
    port = port_in_time_wait()
    args = ["--data-dir", str(tmp_path)]
    start = ["db", "start", *args, "--port", str(port), "--heap", "512m", "--pagecache", "128m"]
    try:
        assert main(start) == 0, capsys.readouterr().err
        assert f"bolt://127.0.0.1:{port} " in capsys.readouterr().out
    finally:
        main(["db", "stop", *args])


@pytest.mark.slow
def test_start_twice_status_stop_keeps_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--data-dir", str(tmp_path)]
    start = ["db", "start", *args, "--port", "0", "--heap", "512m", "--pagecache", "128m"]
    assert main(start) == 0
    try:
        out = capsys.readouterr().out
        uri = out.split(" at ", 1)[1].split(" ", 1)[0]
        with GraphDatabase.driver(uri) as driver:
            driver.execute_query("CREATE (:Marker {name: 'kept'})")

        assert main(start) == 0  # a second start changes nothing and says so
        assert "already running" in capsys.readouterr().out
        assert main(["db", "status", *args]) == 0
        assert uri in capsys.readouterr().out
        with GraphDatabase.driver(uri) as driver:
            records, _, _ = driver.execute_query("MATCH (m:Marker) RETURN m.name AS name")
            assert [r["name"] for r in records] == ["kept"]
    finally:
        assert main(["db", "stop", *args]) == 0
    assert "stopped" in capsys.readouterr().out
    assert main(["db", "status", *args]) == 3
    # the clean shutdown left a store that starts again with the data in it
    assert main(start) == 0
    try:
        uri = capsys.readouterr().out.split(" at ", 1)[1].split(" ", 1)[0]
        with GraphDatabase.driver(uri) as driver:
            records, _, _ = driver.execute_query("MATCH (m:Marker) RETURN count(m) AS n")
            assert records[0]["n"] == 1
    finally:
        main(["db", "stop", *args])


def test_missing_jdk_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java, no mvn
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert main(["db", "start", "--data-dir", str(tmp_path / "data"), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert "`java` was not found" in err
    assert "openjdk-17-jdk-headless" in err and "maven" in err
    assert "docker compose up" in err


def test_fulltext_index_is_created_and_queryable(driver: Driver) -> None:
    driver.execute_query(
        "CREATE (:Paper {slug: 'a', title: 'Graph neural networks', abstract: 'message passing'}),"
        "       (:Paper {slug: 'b', title: 'Convolutional networks', abstract: 'images'})"
    )
    records, _, _ = driver.execute_query(
        "CALL db.index.fulltext.queryNodes('paper_text', $q) YIELD node, score "
        "RETURN node.slug AS slug ORDER BY score DESC",
        q="message passing",
    )
    assert [r["slug"] for r in records] == ["a"]
