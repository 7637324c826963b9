"""Recognising dump files; metric values, directions and ranks (no database needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.dumps import (
    DumpKind,
    UnknownDumpError,
    collect_dump_files,
    dump_kind,
    select_dump_files,
)
from loaders.metrics import competition_ranks, higher_is_better, parse_metric_value


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("papers-with-abstracts.json.gz", DumpKind.PAPERS),
        ("jul-28-papers-with-abstracts.json.gz", DumpKind.PAPERS),
        ("papers-with-abstracts.parquet", DumpKind.PAPERS),
        ("links-between-papers-and-code.json", DumpKind.CODE_LINKS),
        ("links-between-paper-and-code.json.gz", DumpKind.CODE_LINKS),
        ("jul-28-evaluation-tables.json.gz", DumpKind.EVALUATION_TABLES),
        ("squad-evaluation-tables.json", DumpKind.EVALUATION_TABLES),
        ("jul-28-methods.json.gz", DumpKind.METHODS),
        ("datasets.json", DumpKind.DATASETS),
    ],
)
def test_dump_recognised_by_name_core(name: str, kind: DumpKind) -> None:
    assert dump_kind(Path(name)) is kind


@pytest.mark.parametrize(
    "name", ["notes.json", "papers.csv", "methods.txt", "my-paper-list.json.gz"]
)
def test_other_files_are_refused_by_name(name: str) -> None:
    with pytest.raises(UnknownDumpError, match=name):
        dump_kind(Path(name))


def test_folders_expand_in_load_order(tmp_path: Path) -> None:
    for name in ("links-between-papers-and-code.json", "datasets.json", "README.md", "notes.json",
                 "evaluation-tables.json", "methods.json", "papers-with-abstracts.json.gz"):  # fmt: skip
        (tmp_path / name).write_text("[]")
    kinds = [kind for _, kind in collect_dump_files([tmp_path])]
    assert kinds == [DumpKind.PAPERS, DumpKind.METHODS, DumpKind.DATASETS,
                     DumpKind.EVALUATION_TABLES, DumpKind.CODE_LINKS]  # fmt: skip
    with pytest.raises(UnknownDumpError, match="no such file"):
        collect_dump_files([tmp_path / "missing.json"])
    assert [p.name for p in select_dump_files([tmp_path]).skipped] == ["README.md", "notes.json"]


def test_a_folder_without_a_dump_is_an_error_naming_its_files(tmp_path: Path) -> None:
    with pytest.raises(UnknownDumpError, match="no dump file in this folder; it is empty"):
        select_dump_files([tmp_path])
    (tmp_path / "foo.json").write_text("[]")
    (tmp_path / "2025").mkdir()  # the archive one level down
    (tmp_path / "2025" / "methods.json").write_text("[]")
    with pytest.raises(UnknownDumpError) as refused:
        select_dump_files([tmp_path])
    assert str(refused.value).startswith(
        f"{tmp_path}: no dump file in this folder; it holds 2025/, foo.json. "
    )
    assert "subfolders are not read" in str(refused.value)


@pytest.mark.parametrize(
    ("raw", "number", "bound"),
    [
        ("0.8428 ± 0.0014", 0.8428, 0.0014),
        ("76.2%", 76.2, None),
        ("86.1 %", 86.1, None),
        ("Please tell us", None, None),
        ("", None, None),
        ("-", None, None),
        ("2179678", 2179678.0, None),
        ("1,234.5", 1234.5, None),
        ("25M", 25e6, None),
        ("3.2e-4", 0.00032, None),
        ("12.3 (±0.4)", 12.3, 0.4),
        ("-1.5", -1.5, None),
        (90, 90.0, None),
    ],
)
def test_metric_values_keep_raw_text_and_parse_numbers(
    raw: object, number: float | None, bound: float | None
) -> None:
    value = parse_metric_value(raw)
    assert value.raw == str(raw)
    assert value.number == (pytest.approx(number) if number is not None else None)
    assert value.error_bound == (pytest.approx(bound) if bound is not None else None)


@pytest.mark.parametrize(
    ("metric", "higher"),
    [
        ("Accuracy", True), ("Test Accuracy", True), ("F1", True), ("EM", True), ("BLEU score", True),
        ("mAP", True), ("% Test Accuracy", True), ("MRR", True),
        ("Error Rate", False), ("Top-1 Error Rate", False), ("Perplexity", False),
        ("Validation perplexity", False), ("FID", False), ("WER", False), ("Test Loss", False),
        ("MAE", False), ("Number of params", False), ("Inference Time (ms)", False),
        # the override table beats the word rule
        ("Error Rate Reduction", True), ("Inception score", True),
    ],
)  # fmt: skip
def test_metric_direction_rule_and_overrides(metric: str, higher: bool) -> None:
    assert higher_is_better(metric) is higher


def test_competition_ranks_share_ties_and_skip_missing() -> None:
    assert competition_ranks([90.0, None, 95.0, 90.0, 80.0], higher_better=True) == [
        2,
        None,
        1,
        2,
        4,
    ]
    assert competition_ranks([3.0, 1.0, 1.0, None], higher_better=False) == [3, 1, 1, None]
    assert competition_ranks([], higher_better=True) == []
