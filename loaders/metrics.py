"""Metric values as the archive writes them, and which direction is better on a leaderboard.

Values are strings such as "0.8428 ± 0.0014", "76.2%", "1,234", "25M" or
"Please tell us": the raw text is always kept; the number (and an error bound)
are parsed when present, otherwise they are null.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?"
_VALUE = re.compile(
    rf"^\s*(?P<number>{_NUMBER})\s*(?P<suffix>%|[kKmMbB](?![a-zA-Z]))?"
    rf"(?:\s*\(?\s*(?:±|\+/-|\+-)\s*(?P<error>{_NUMBER})\s*%?\)?)?"
)
_SCALE = {"k": 1e3, "m": 1e6, "b": 1e9}

# A metric whose name holds one of these words is lower-is-better (see metric_directions.toml).
LOWER_IS_BETTER_WORDS: tuple[str, ...] = (
    "error", "err", "loss", "perplexity", "ppl", "fid", "kid", "wer", "cer", "ter",
    "mae", "mse", "rmse", "mape", "smape", "distance", "miss rate", "false positive",
    "fpr", "eer", "latency", "runtime", "time", "memory", "lpips", "nll", "bpd", "bpc",
    "params", "parameters", "flops", "abs rel", "sq rel", "log10", "hausdorff",
)  # fmt: skip


@dataclass(frozen=True)
class MetricValue:
    raw: str | None
    number: float | None
    error_bound: float | None


def _to_float(text: str) -> float | None:
    if not text or text in {"+", "-", "."}:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_metric_value(value: Any) -> MetricValue:
    """The raw text, the number in it (if any) and its ± bound (if any)."""
    if value is None:
        return MetricValue(None, None, None)
    if isinstance(value, bool):
        return MetricValue(str(value).lower(), None, None)
    if isinstance(value, int | float):
        as_float = float(value)
        return MetricValue(str(value), as_float if math.isfinite(as_float) else None, None)
    raw = str(value)
    match = _VALUE.match(raw)
    if not match:
        return MetricValue(raw, None, None)
    number = _to_float(match.group("number"))
    if number is None:
        return MetricValue(raw, None, None)
    suffix = (match.group("suffix") or "").lower()
    if suffix in _SCALE:
        number *= _SCALE[suffix]
    error = _to_float(match.group("error") or "")
    return MetricValue(raw, number, error)


@cache
def _overrides() -> dict[str, bool]:
    table = tomllib.loads(Path(__file__).with_name("metric_directions.toml").read_text("utf-8"))
    result: dict[str, bool] = {}
    for name in table.get("lower_is_better", {}).get("names", []):
        result[name.strip().lower()] = False
    for name in table.get("higher_is_better", {}).get("names", []):
        result[name.strip().lower()] = True
    return result


_WORD_SPLIT = re.compile(r"[^a-z0-9%@]+")


@cache
def higher_is_better(metric: str) -> bool:
    """The documented rule: the override table first, then lower-is-better words, else higher."""
    name = metric.strip().lower()
    overridden = _overrides().get(name)
    if overridden is not None:
        return overridden
    padded = " " + " ".join(_WORD_SPLIT.split(name)) + " "
    return not any(f" {word} " in padded for word in LOWER_IS_BETTER_WORDS)


def competition_ranks(values: Sequence[float | None], higher_better: bool) -> list[int | None]:
    """Ranks "1224"-style: equal values share a rank; rows without a number get none."""
    numbered = [(v, i) for i, v in enumerate(values) if v is not None]
    numbered.sort(key=lambda item: -item[0] if higher_better else item[0])
    ranks: list[int | None] = [None] * len(values)
    previous: float | None = None
    rank = 0
    for position, (value, index) in enumerate(numbered, start=1):
        if value != previous:
            rank, previous = position, value
        ranks[index] = rank
    return ranks
