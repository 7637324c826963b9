"""Which dump a file is, recognised by the core of its name, and the order to load them in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class DumpSelection:
    files: list[tuple[Path, DumpKind]]  # in load order
    skipped: list[Path]  # files in the folders given that are not dumps


def select_dump_files(paths: Iterable[Path]) -> DumpSelection:
    """Expand folders (their dump files, not recursive), check every file, sort into load order.

    A file named explicitly must be a dump (an error otherwise). In a folder,
    files that are not dumps are skipped and listed, but a folder without any
    dump is an error naming what it holds: loading nothing from it is a mistake.
    """
    found: list[tuple[Path, DumpKind]] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            children = sorted(path.iterdir())
            dumps = [
                (child, kind) for child in children if (kind := _folder_dump(child)) is not None
            ]
            if not dumps:
                raise UnknownDumpError(_no_dump_in(path, children))
            found += dumps
            loaded = {child for child, _ in dumps}
            skipped += [c for c in children if c.is_file() and c not in loaded]
        elif path.exists():
            found.append((path, dump_kind(path)))
        else:
            raise UnknownDumpError(f"{path}: no such file or folder")
    # Stable within a kind (names sort by date prefix in the archive's naming).
    return DumpSelection(sorted(found, key=lambda item: item[1].order), skipped)


def collect_dump_files(paths: Iterable[Path]) -> list[tuple[Path, DumpKind]]:
    """The dump files of `paths` in load order (see select_dump_files)."""
    return select_dump_files(paths).files


def _folder_dump(child: Path) -> DumpKind | None:
    if not child.is_file() or strip_suffix(child.name.lower()) is None:
        return None
    try:
        return dump_kind(child)
    except UnknownDumpError:
        return None


def _no_dump_in(folder: Path, children: list[Path], shown: int = 10) -> str:
    if not children:
        return f"{folder}: no dump file in this folder; it is empty"
    names = [c.name + ("/" if c.is_dir() else "") for c in children]
    listed = ", ".join(names[:shown]) + (
        f" and {len(names) - shown} more" if len(names) > shown else ""
    )
    known = ", ".join(sorted(k.value for k in DumpKind))
    return (
        f"{folder}: no dump file in this folder; it holds {listed}. A dump's name has one of "
        f"the cores {known} (with or without a date prefix) and ends in {', '.join(SUFFIXES)}; "
        "subfolders are not read"
    )
