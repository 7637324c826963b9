"""The related links of a bulk load, scored by processes of their own beside the CSV writer.

The loader saves the paper-feature graph as files (PaperFeatureGraph.save) and starts one
`python -m loaders.bulk.scoring` per part; each maps those files read-only (the pages are
shared between the scorers and left to the page cache), scores every parts-th chunk of papers
(loaders/bulk/derive.py: related_links) and writes its RELATED_TO files and a summary for
the loader. Fresh processes rather than forks of the loader: a fork shares the loader's heap
only until the loader touches it (reference counts write into every object it reads while it
writes the CSV), and each then held a private copy of most of it (400 MB at 600,000 papers).

Each process scores with SCORING_THREADS threads: the compiled kernel releases the GIL, and
numba's runtime (about 170 MB of a scorer's 316) is then paid once for two cores' work. The
Python around the kernel (the reasons, the CSV) takes turns; on two cores, where the loader
writing the rest holds one, a second process gained little for that memory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

import orjson

from graphdb.local.lifetime import die_with_parent
from loaders.bulk.csv import CsvWriter, csv_list
from loaders.bulk.derive import related_links
from loaders.memory import peak_rss_mb
from loaders.related import PaperFeatureGraph, RelatedSettings

RELATED_HEADER: Final = [":START_ID", ":END_ID", "score:double", "reasons:string[]"]

# Scorers beside the process writing the rest of the CSV: the scoring is the longest step
# (a core each), the machine's cores share it: up to 4 threads, 2 to a process.
SCORING_THREADS: Final = 2
SCORING_PROCESSES: Final = -(-min(4, os.cpu_count() or 1) // SCORING_THREADS)


def start_scorer(
    graph_folder: Path, out: Path, part: int, parts: int, k: int
) -> subprocess.Popen[bytes]:
    """Start the scorer of one part: its files go to `out` (see `finish_scorer`)."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in (_summary(out, part), _error(out, part)):
        stale.unlink(missing_ok=True)
    command = [sys.executable, "-m", "loaders.bulk.scoring", str(graph_folder), str(out),
               "--part", str(part), "--parts", str(parts), "--k", str(k),
               "--threads", str(SCORING_THREADS)]  # fmt: skip
    return subprocess.Popen(command, stdin=subprocess.DEVNULL)


def finish_scorer(
    process: subprocess.Popen[bytes], csv: CsvWriter, out: Path, part: int
) -> tuple[int, float]:
    """Wait for a scorer and add its RELATED_TO files to `csv`; its links and peak RSS (MB)."""
    code = process.wait()
    if code != 0 or not _summary(out, part).exists():
        error = _error(out, part)
        raise RuntimeError(
            "the related links could not be computed: "
            + (error.read_text() if error.exists() else f"the scorer exited with status {code}")
        )
    summary = orjson.loads(_summary(out, part).read_bytes())
    for group in summary["groups"]:
        csv.files.relationships.append(("RELATED_TO", [Path(f) for f in group]))
    csv.files.multiline += [Path(f) for f in summary["multiline"]]
    csv.files.relationship_count += summary["count"]
    return int(summary["count"]), float(summary["peak_rss_mb"])


def _summary(out: Path, part: int) -> Path:
    return out / f"related-{part}.json"


def _error(out: Path, part: int) -> Path:
    return out / f"related-{part}.error"


def score_part(graph_folder: Path, out: Path, part: int, parts: int, k: int,
               threads: int = 1) -> None:  # fmt: skip
    """The scorer's work: its part's RELATED_TO files and their summary. Thread t scores
    sub-part part * threads + t of parts * threads, into files of its own."""
    graph = PaperFeatureGraph.load(graph_folder)
    settings = RelatedSettings(k=k)

    def score(thread: int) -> CsvWriter:
        sub = part * threads + thread
        writer = CsvWriter(out)
        links = related_links(graph.sharing_arrays(), settings, sub, parts * threads)
        writer.relationship_lines("RELATED_TO", RELATED_HEADER,
                                  (f"{a},{b},{s!r},{csv_list(why)}" for a, b, s, why in links),
                                  name=f"RELATED_TO-part{sub}")  # fmt: skip
        return writer

    with ThreadPoolExecutor(max_workers=threads) as pool:
        writers = list(pool.map(score, range(threads)))
    summary = {"groups": [[str(f) for f in w.files.relationships[0][1]] for w in writers],
               "multiline": [str(f) for w in writers for f in w.files.multiline],
               "count": sum(w.files.relationship_count for w in writers),
               # this image's (VmHWM): getrusage's would be the loader's at the fork
               "peak_rss_mb": peak_rss_mb() or 0.0}  # fmt: skip
    _summary(out, part).write_bytes(orjson.dumps(summary))


def main(argv: list[str] | None = None) -> int:
    die_with_parent()  # a killed load leaves no scorer behind
    parser = argparse.ArgumentParser(prog="python -m loaders.bulk.scoring", description=__doc__)
    parser.add_argument("graph", type=Path, help="the folder PaperFeatureGraph.save wrote")
    parser.add_argument("out", type=Path, help="the folder of the importer's CSV")
    parser.add_argument("--part", type=int, required=True)
    parser.add_argument("--parts", type=int, required=True)
    parser.add_argument("--k", type=int, required=True, help="links per paper")
    parser.add_argument("--threads", type=int, default=1, help="scoring threads")
    args = parser.parse_args(argv)
    try:
        score_part(args.graph, args.out, args.part, args.parts, args.k, args.threads)
    except BaseException:
        _error(args.out, args.part).write_text(traceback.format_exc(), encoding="utf-8")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
