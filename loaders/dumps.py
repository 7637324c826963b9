"""Which dump a file is, recognised by the core of its name, and the order to load them in."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path

SUFFIXES = (".json.gz", ".json", ".parquet")


class DumpKind(Enum):
    # Declared in load order: papers first so that later dumps find them to link to.
    PAPERS = "papers-with-abstracts"
    METHODS = "methods"
    DATASETS = "datasets"
    EVALUATION_TABLES = "evaluation-tables"
    CODE_LINKS = "links-between-papers-and-code"

    @property
    def order(self) -> int:
        return list(DumpKind).index(self)


# name cores as they appear in the archive (with or without a date prefix like `jul-28-`)
_CORES: tuple[tuple[str, DumpKind], ...] = (
    ("papers-with-abstracts", DumpKind.PAPERS),
    ("links-between-papers-and-code", DumpKind.CODE_LINKS),
    ("links-between-paper-and-code", DumpKind.CODE_LINKS),
    ("evaluation-tables", DumpKind.EVALUATION_TABLES),
    ("methods", DumpKind.METHODS),
    ("datasets", DumpKind.DATASETS),
)


class UnknownDumpError(ValueError):
    """A file given to `load` is not one of the archive's dumps."""


def strip_suffix(name: str) -> str | None:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def dump_kind(path: Path) -> DumpKind:
    """The dump a file holds, from its name; raises UnknownDumpError naming the file."""
    core = strip_suffix(path.name.lower())
    if core is None:
        raise UnknownDumpError(
            f"{path}: not a dump file (expected a name ending in {', '.join(SUFFIXES)})"
        )
    for name, kind in _CORES:
        if core == name or core.endswith("-" + name) or core.endswith("_" + name):
            return kind
    known = ", ".join(sorted({k.value for k in DumpKind}))
    raise UnknownDumpError(f"{path}: unknown dump (the name's core should be one of: {known})")


def collect_dump_files(paths: Iterable[Path]) -> list[tuple[Path, DumpKind]]:
    """Expand folders (their dump files, not recursive), check every file, sort into load order.

    A file named explicitly must be a dump (an error otherwise); in a folder,
    files that are not dumps are skipped.
    """
    found: list[tuple[Path, DumpKind]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and strip_suffix(child.name.lower()) is not None:
                    try:
                        found.append((child, dump_kind(child)))
                    except UnknownDumpError:
                        continue
        elif path.exists():
            found.append((path, dump_kind(path)))
        else:
            raise UnknownDumpError(f"{path}: no such file or folder")
    # Stable within a kind (names sort by date prefix in the archive's naming).
    return sorted(found, key=lambda item: item[1].order)
