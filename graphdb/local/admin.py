"""Neo4j's offline importer for the local Neo4j: `neo4j-admin database import full`.

The importer's classes (org.neo4j:neo4j-import-tool, neo4j-command-line) are in the jars the
launcher already resolves, so its main class (org.neo4j.cli.AdminTool) runs on the same
classpath. It writes a new store into a staging home under the data directory
(`neo4j/bulk/home`) while the live one is left alone; `swap_in` then replaces the live
store by renames while Neo4j is stopped. A run killed before the swap leaves the live store
as it was; one killed during the swap leaves a marker that `recover_swap` (run before each
start) completes it from, so the store is never half old, half new.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Final

from graphdb.local.install import prepare
from graphdb.local.lifetime import die_with_parent
from graphdb.local.process import LocalNeo4jConfig, LocalNeo4jError

ADMIN_CLASS: Final = "org.neo4j.cli.AdminTool"
DATABASE: Final = "neo4j"
STORE_PARTS: Final = ("databases", "transactions")  # data/<part>/neo4j


def staging_home(config: LocalNeo4jConfig) -> Path:
    return config.root / "bulk" / "home"


def _marker(config: LocalNeo4jConfig) -> Path:
    return config.root / "bulk" / "swap.json"


def _live(config: LocalNeo4jConfig, part: str) -> Path:
    return config.root / "home" / "data" / part / DATABASE


def _staged(config: LocalNeo4jConfig, part: str) -> Path:
    return staging_home(config) / "data" / part / DATABASE


def _retired(config: LocalNeo4jConfig, part: str) -> Path:
    return config.root / "bulk" / "retired" / part


def importer_heap() -> str:
    """The importer's JVM heap: 2 GB where the machine has 8 GB or more (Neo4j is stopped
    while it runs; 4-5 s less of the 600,000-paper import's 60 than with 1 GB, which its
    estimate of 1 GB calls barely enough), else 1 GB."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return "1g"
    return "2g" if memory >= 8 << 30 else "1g"


def run_import(
    config: LocalNeo4jConfig, arguments: list[str], log: Path, *, heap: str | None = None
) -> None:
    """Run the importer into a fresh staging home; raises LocalNeo4jError with its output."""
    heap = heap or importer_heap()
    home = staging_home(config)
    shutil.rmtree(home, ignore_errors=True)
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    runtime = prepare(quiet=True)
    command = [
        runtime.java, f"-Xmx{heap}", "-XX:+UseG1GC",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-cp", runtime.classpath, ADMIN_CLASS,
        "database", "import", "full", DATABASE, *arguments,
        f"--report-file={home / 'import.report'}",
    ]  # fmt: skip
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.run(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, check=False,
            preexec_fn=die_with_parent,
        )  # fmt: skip
    if proc.returncode != 0 or not _staged(config, "databases").is_dir():
        tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-20:])
        raise LocalNeo4jError(
            f"the offline importer failed (exit code {proc.returncode}); nothing was changed "
            f"in the database. Its output ({log}) ends:\n{tail}"
        )


def swap_in(config: LocalNeo4jConfig) -> None:
    """Replace the live store by the staged one (Neo4j must be stopped)."""
    marker = _marker(config)
    marker.write_text(json.dumps({"state": "swapping"}), encoding="utf-8")
    recover_swap(config)


def recover_swap(config: LocalNeo4jConfig) -> None:
    """Finish a swap that was started (idempotent: each step checks what is done)."""
    marker = _marker(config)
    if not marker.exists():
        return
    for part in STORE_PARTS:
        live, staged, retired = _live(config, part), _staged(config, part), _retired(config, part)
        if staged.exists():
            if live.exists():
                retired.parent.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(retired, ignore_errors=True)
                live.rename(retired)
            live.parent.mkdir(parents=True, exist_ok=True)
            staged.rename(live)
    marker.unlink()
    shutil.rmtree(config.root / "bulk", ignore_errors=True)


def discard_staging(config: LocalNeo4jConfig) -> None:
    """What a killed run left before its swap: not part of the database."""
    if not _marker(config).exists():
        shutil.rmtree(config.root / "bulk", ignore_errors=True)
