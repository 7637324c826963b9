"""Get an embedded Neo4j ready to run: check the JDK and Maven, resolve the jars, compile the launcher.

Maven resolves Neo4j and its dependencies into its own repository (~/.m2, outside
git); we keep only the resulting classpath and the compiled launcher in a cache
folder keyed by the Neo4j version and the launcher's source hash.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

NEO4J_VERSION = "5.26.30"
JAVA_DIR = Path(__file__).parent / "java"
LAUNCHER_SOURCE = JAVA_DIR / "LocalNeo4j.java"
LAUNCHER_CLASS = "LocalNeo4j"

# Tried in order: the core embedded artifact, then the test harness of the same
# version (it bundles the same kernel and Bolt server) should the core be unavailable.
ARTIFACTS: tuple[tuple[str, str], ...] = (
    ("org.neo4j", "neo4j"),
    ("org.neo4j.test", "neo4j-harness"),
)

DOCKER_HINT = (
    "Without a JDK and Maven you can still run papers-graph with Docker: "
    "`docker compose up` starts Neo4j 5.26 and the API (see README.md)."
)


class SetupError(RuntimeError):
    """The local Neo4j cannot be prepared; the message says what to install or fix."""


@dataclass(frozen=True)
class Runtime:
    java: str
    classpath: str  # the Neo4j jars and the compiled launcher, os.pathsep-joined


def cache_dir() -> Path:
    """PAPERS_GRAPH_CACHE_DIR, else $XDG_CACHE_HOME/papers-graph, else ~/.cache/papers-graph."""
    explicit = os.environ.get("PAPERS_GRAPH_CACHE_DIR")
    if explicit:
        return Path(explicit).resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache").resolve() / "papers-graph"


def find_tool(name: str, package_hint: str) -> str:
    java_home = os.environ.get("JAVA_HOME")
    if name in ("java", "javac") and java_home and (Path(java_home) / "bin" / name).exists():
        return str(Path(java_home) / "bin" / name)
    found = shutil.which(name)
    if not found:
        raise SetupError(
            f"`{name}` was not found on PATH. The local Neo4j needs a JDK 17 or newer and Maven: "
            f"install {package_hint} (Debian/Ubuntu: `sudo apt-get install openjdk-17-jdk-headless "
            f"maven`; macOS: `brew install openjdk@17 maven`). {DOCKER_HINT}"
        )
    return found


def java_major_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    text = out.stderr + out.stdout
    # `openjdk version "17.0.15" 2025-04-15` or `java version "1.8.0_392"`
    for token in text.split('"')[1:2]:
        parts = token.split(".")
        major = parts[1] if parts[0] == "1" and len(parts) > 1 else parts[0]
        if major.isdigit():
            return int(major)
    raise SetupError(f"could not tell the Java version from `{java} -version`: {text.strip()!r}")


def resolve_classpath(version: str = NEO4J_VERSION, *, quiet: bool = False) -> str:
    """The Neo4j jars' classpath, resolved by Maven once and cached."""
    target = cache_dir() / f"neo4j-{version}"
    classpath_file = target / "classpath.txt"
    if classpath_file.exists():
        cached = classpath_file.read_text(encoding="utf-8").strip()
        if cached and all(Path(p).exists() for p in cached.split(os.pathsep)):
            return cached
    mvn = find_tool("mvn", "Maven 3.6+")
    target.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    for group, artifact in ARTIFACTS:
        if not quiet:
            print(f"Resolving {group}:{artifact}:{version} with Maven (first run only) ...")
        proc = subprocess.run(
            [
                mvn, "-B", "-q", "-f", str(JAVA_DIR / "pom.xml"),
                f"-Dneo4j.version={version}", f"-Dneo4j.group={group}",
                f"-Dneo4j.artifact={artifact}",
                "dependency:build-classpath", f"-Dmdep.outputFile={classpath_file}",
            ],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode == 0 and classpath_file.exists():
            return classpath_file.read_text(encoding="utf-8").strip()
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        failures.append(f"{group}:{artifact}:{version}:\n{tail}")
    raise SetupError(
        "Maven could not resolve Neo4j. Tried, in order:\n\n"
        + "\n\n".join(failures)
        + f"\n\nCheck that Maven Central is reachable. {DOCKER_HINT}"
    )


def compile_launcher(javac: str, classpath: str) -> Path:
    """Compile LocalNeo4j.java once per source version; returns the classes folder."""
    digest = hashlib.sha256(LAUNCHER_SOURCE.read_bytes()).hexdigest()[:16]
    classes = cache_dir() / f"launcher-{digest}"
    if (classes / f"{LAUNCHER_CLASS}.class").exists():
        return classes
    staging = classes.with_name(classes.name + f".tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    proc = subprocess.run(
        [javac, "-d", str(staging), "-cp", classpath, str(LAUNCHER_SOURCE)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SetupError(f"javac could not compile the Neo4j launcher:\n{proc.stderr.strip()}")
    shutil.rmtree(classes, ignore_errors=True)
    staging.rename(classes)
    return classes


def prepare(*, quiet: bool = False) -> Runtime:
    """Everything needed to start the local Neo4j; raises SetupError with a remedy."""
    java = find_tool("java", "a JDK 17+")
    major = java_major_version(java)
    if major < 17:
        raise SetupError(
            f"Neo4j {NEO4J_VERSION} needs Java 17 or newer; `{java}` is Java {major}. "
            f"Install openjdk-17-jdk-headless or set JAVA_HOME. {DOCKER_HINT}"
        )
    javac = find_tool("javac", "a JDK 17+ (the JRE alone has no javac)")
    jars = resolve_classpath(quiet=quiet)
    classes = compile_launcher(javac, jars)
    return Runtime(java=java, classpath=os.pathsep.join([str(classes), jars]))
