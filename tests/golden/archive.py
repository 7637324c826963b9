"""The fixed archive the golden corpus runs on: the API tests' archive and a generated one."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver
from rich.console import Console

from loaders.generate import generate_archive
from loaders.pipeline import load_dumps
from loaders.progress import LineProgress
from loaders.rejects import RejectsFile
from loaders.related import RelatedSettings
from tests.support.api_archive import KEEP_COAUTHORS_FROM, write_archive

GENERATED_PAPERS = 300
SEED = 7


def load_golden_archive(driver: Driver, folder: Path) -> None:
    """Empty the database and load both archives (the same graph every time)."""
    with driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    write_archive(folder / "api")
    generate_archive(folder / "generated", GENERATED_PAPERS, SEED)
    # One folder after the other: two folders in one load did not give the same graph twice.
    for part in ("api", "generated"):
        with RejectsFile(folder / f"rejects-{part}.jsonl") as rejects:
            report = load_dumps(
                driver, [folder / part], rejects=rejects, progress=LineProgress(Console(quiet=True)),
                related=RelatedSettings(coauthors_from=KEEP_COAUTHORS_FROM),
            )  # fmt: skip
        assert report.ok, report
