"""Start, stop and inspect the local embedded Neo4j (`papers-graph db start|stop|status`).

Layout under the data directory (default `.data/`):

    neo4j/conf/neo4j.conf     settings written at each start (from the options below)
    neo4j/home/               Neo4j's own data and logs
    neo4j/run/neo4j.pid       the JVM's pid while it runs
    neo4j/run/bolt-address    host:port, written by the launcher once Bolt listens
    neo4j/console.log         the JVM's stdout and stderr

Bolt listens on 127.0.0.1 only, which is why authentication is off.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from graphdb.local.install import LAUNCHER_CLASS, NEO4J_VERSION, prepare
from graphdb.settings import local_address_file

# The module opens Neo4j 5 asks for in its own neo4j.conf (server.jvm.additional),
# needed on Java 17+ for its off-heap page cache and Netty; plus the GC choice.
# -XX:+TrustFinalNonStaticFields is left out: Neo4j's conf says not to use it embedded.
NEO4J_JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


class LocalNeo4jError(RuntimeError):
    """A local Neo4j operation failed; the message says why and what to do."""


@dataclass(frozen=True)
class LocalNeo4jConfig:
    data_dir: Path
    port: int = 7687  # 0 picks a free port, reported on start
    # Sized for a 2-core, 24 GB machine that also runs the loader and the API.
    heap: str = "4g"
    pagecache: str = "6g"
    start_timeout: float = 180.0
    stop_timeout: float = 120.0

    def __post_init__(self) -> None:
        # The pid check compares paths with the JVM's command line: keep them absolute.
        object.__setattr__(self, "data_dir", Path(self.data_dir).resolve())

    @property
    def root(self) -> Path:
        return self.data_dir / "neo4j"

    @property
    def pid_file(self) -> Path:
        return self.root / "run" / "neo4j.pid"

    @property
    def address_file(self) -> Path:
        return local_address_file(self.data_dir)

    @property
    def conf_file(self) -> Path:
        return self.root / "conf" / "neo4j.conf"

    @property
    def console_log(self) -> Path:
        return self.root / "console.log"


@dataclass(frozen=True)
class LocalStatus:
    running: bool
    pid: int | None = None
    address: str | None = None  # host:port

    @property
    def uri(self) -> str | None:
        return f"bolt://{self.address}" if self.address else None


def neo4j_conf(config: LocalNeo4jConfig) -> str:
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{config.port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        # Loopback only (above), so no password: the same trade-off as a dev database.
        "dbms.security.auth_enabled": "false",
        "server.memory.pagecache.size": config.pagecache,
        "dbms.usage_report.enabled": "false",
        "db.logs.query.enabled": "OFF",
        # Bulk loads write large transactions; keep log files from piling up.
        "db.tx_log.rotation.retention_policy": "2 files",
    }
    lines = ["# Written by `papers-graph db start`; edit the command's options, not this file."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def pid_alive(pid: int) -> bool:
    """Whether a process of this pid runs on this host (a zombie does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) is not running.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _is_our_neo4j(pid: int, config: LocalNeo4jConfig) -> bool:
    """True when pid is a live LocalNeo4j JVM for this data directory (not a recycled pid)."""
    if not pid_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return True  # no /proc (macOS): trust the pid file
    args = [a.decode(errors="replace") for a in cmdline]
    return LAUNCHER_CLASS in args and str(config.root / "home") in args


def _read_pid(config: LocalNeo4jConfig) -> int | None:
    try:
        return int(config.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def status(config: LocalNeo4jConfig) -> LocalStatus:
    pid = _read_pid(config)
    if pid is None or not _is_our_neo4j(pid, config):
        return LocalStatus(running=False)
    try:
        address = config.address_file.read_text().strip() or None
    except OSError:
        address = None
    return LocalStatus(running=True, pid=pid, address=address)


def port_is_free(port: int) -> bool:
    """True when Neo4j could listen on port: nothing listens there.

    SO_REUSEADDR, as Neo4j's own server socket has it: a port whose recent
    connections linger in TIME_WAIT (right after `db stop` under load) is free
    to listen on again; only a live listener makes the bind fail.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _bolt_answers(address: str) -> bool:
    """True when a Bolt client can open a session on address (host:port)."""
    try:
        with GraphDatabase.driver(f"bolt://{address}", auth=None, connection_timeout=2.0) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError):
        return False
    return True


def _spawn_detached(command: list[str], log: Path) -> int:
    """Start command as a daemon (reparented to init, in its own session); returns its pid.

    A shell starts it in the background and exits at once, so this process
    keeps no child to reap and the database outlives the command that started it.
    """
    launcher = subprocess.run(
        ["sh", "-c", 'LOG="$1"; shift; "$@" >>"$LOG" 2>&1 </dev/null & echo $!', "sh", str(log), *command],
        capture_output=True, text=True, check=True, start_new_session=True,
    )  # fmt: skip
    return int(launcher.stdout.strip())


def _console_tail(config: LocalNeo4jConfig, lines: int = 25) -> str:
    try:
        text = config.console_log.read_text(errors="replace")
    except OSError:
        return "(no console output)"
    return "\n".join(text.strip().splitlines()[-lines:])


def start(config: LocalNeo4jConfig, *, quiet: bool = False) -> LocalStatus:
    """Start the local Neo4j and wait until Bolt answers. Starting it twice is harmless."""
    current = status(config)
    if current.running:
        raise AlreadyRunning(current)
    if config.port and not port_is_free(config.port):
        raise LocalNeo4jError(
            f"port {config.port} on 127.0.0.1 is already in use by another process; "
            "pick another with `papers-graph db start --port N` (or --port 0 for any free port)"
        )
    runtime = prepare(quiet=quiet)
    from graphdb.local.admin import recover_swap  # it needs this module's config

    recover_swap(config)  # a bulk load killed while it replaced the store: complete it

    for folder in (config.root / "conf", config.root / "run", config.root / "home"):
        folder.mkdir(parents=True, exist_ok=True)
    config.conf_file.write_text(neo4j_conf(config), encoding="utf-8")
    config.address_file.unlink(missing_ok=True)

    command = [
        runtime.java,
        f"-Xms{config.heap}",
        f"-Xmx{config.heap}",
        *NEO4J_JVM_FLAGS,
        "-cp",
        runtime.classpath,
        LAUNCHER_CLASS,
        str(config.root / "home"),
        str(config.conf_file),
        str(config.address_file),
    ]
    pid = _spawn_detached(command, config.console_log)
    config.pid_file.write_text(f"{pid}\n")

    deadline = time.monotonic() + config.start_timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            config.pid_file.unlink(missing_ok=True)
            raise LocalNeo4jError(
                "Neo4j exited during start-up. "
                f"Last lines of {config.console_log}:\n{_console_tail(config)}"
            )
        started = status(config)
        if started.address and _bolt_answers(started.address):
            _remember_launch(config, started.address)
            return started
        time.sleep(0.25)
    _terminate(pid, config.stop_timeout)
    config.pid_file.unlink(missing_ok=True)
    raise LocalNeo4jError(
        f"Neo4j did not answer on Bolt within {config.start_timeout:.0f}s and was stopped. "
        f"Last lines of {config.console_log}:\n{_console_tail(config)}"
    )


def _launch_file(config: LocalNeo4jConfig) -> Path:
    return config.root / "run" / "launch.json"


def _remember_launch(config: LocalNeo4jConfig, address: str) -> None:
    """How it was started, so that a restart (the bulk load's) keeps its port and memory."""
    launch = {"address": address, "heap": config.heap, "pagecache": config.pagecache}
    _launch_file(config).write_text(json.dumps(launch), encoding="utf-8")


def last_launch(data_dir: Path) -> tuple[LocalNeo4jConfig, str] | None:
    """The config of the last start in data_dir (its port the one it listened on), and its
    address; None when it was never started."""
    config = LocalNeo4jConfig(data_dir=data_dir)
    try:
        launch = json.loads(_launch_file(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    address = str(launch["address"])
    port = int(address.rsplit(":", 1)[1])
    restart = LocalNeo4jConfig(
        data_dir=data_dir, port=port, heap=launch["heap"], pagecache=launch["pagecache"]
    )
    return restart, address


class AlreadyRunning(LocalNeo4jError):
    def __init__(self, current: LocalStatus) -> None:
        super().__init__(
            f"the local Neo4j is already running (pid {current.pid}) at {current.uri}; "
            "nothing was changed"
        )
        self.status = current


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM (runs Neo4j's shutdown hook), then wait; True once the process is gone."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.2)
    return False


def stop(config: LocalNeo4jConfig) -> LocalStatus:
    """Stop the local Neo4j cleanly; returns the status it had. Stopping a stopped one is harmless."""
    current = status(config)
    if (
        current.running
        and current.pid is not None
        and not _terminate(current.pid, config.stop_timeout)
    ):
        raise LocalNeo4jError(
            f"Neo4j (pid {current.pid}) did not shut down within {config.stop_timeout:.0f}s; "
            f"it is still running. See {config.console_log}."
        )
    config.pid_file.unlink(missing_ok=True)
    config.address_file.unlink(missing_ok=True)
    return current


def version() -> str:
    return NEO4J_VERSION
