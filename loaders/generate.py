"""`papers-graph generate`: a synthetic archive in the real formats, for tests and benchmarks.

All five dumps as .json.gz, the same bytes for the same seed and size, with the
shapes of the real archive: 3-6 authors per paper drawn from a pool where a
few authors write many papers; long-tailed popularity of tasks, methods and
datasets (a few hubs, many rare ones); about half of the papers with code;
nested subtasks (also repeated at the top level, as in the real file);
leaderboards with several papers each whose rows point at papers by arXiv
abs/pdf URL, Papers With Code URL, title only, or at unknown papers; metric
values in the messy real forms ("0.8428 ± 0.0014", "76.2%", "Please tell us").

With `with_bad_records`, each file also gets a few records of each bad kind
the loader must reject: not an object, missing key field, wrong types.

Records are generated and written one at a time, so memory stays flat for any N.
"""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
import random
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIRST = (
    "Ada Alan Alice Amir Ana Andrei Anna Arjun Ben Bo Carla Chen Chloe Daniel David Diana Elena "
    "Emma Eric Fatima Felix Hana Hiro Igor Ines Ivan Jan Jia Jonas Julia Kai Karim Kenji Lara Lea "
    "Leo Li Lina Lucas Luis Maria Marta Max Mei Mia Mohamed Nadia Nina Noah Olga Omar Paul Pedro "
    "Priya Qi Rafael Ravi Rosa Sara Sofia Tariq Tom Uma Victor Wei Xin Yara Yuki Yusuf Zara Zhen"
).split()
LAST = (
    "Abe Ali Bauer Berg Brown Chen Costa Cruz Das Diaz Dubois Eze Fischer Garcia Gupta Haas Ito "
    "Jensen Kim Kowalski Kumar Lam Lee Li Lopez Mehta Meyer Moreau Muller Nagy Nakamura Ng Novak "
    "Okafor Olsen Park Patel Petrov Popescu Qian Rao Rossi Sato Schmidt Silva Singh Smith Sousa "
    "Suzuki Tan Torres Ueda Vargas Wang Weber Wong Wu Xu Yamada Yang Yilmaz Zhang Zhao Zhou"
).split()
AREAS = (
    "Computer Vision", "Natural Language Processing", "Speech", "Graphs", "Reinforcement Learning",
    "Medical", "Time Series", "Audio", "Robotics", "Methodology", "Adversarial", "Knowledge Base",
    "Music", "Computer Code", "Playing Games", "Miscellaneous",
)  # fmt: skip
TASK_HEADS = (
    "Image", "Video", "Text", "Speech", "Graph", "Point Cloud", "3D", "Medical Image", "Document",
    "Audio", "Molecule", "Scene", "Face", "Road", "Multi-Object", "Few-Shot", "Zero-Shot",
    "Cross-Lingual", "Open-Domain", "Semi-Supervised", "Unsupervised", "Weakly-Supervised",
    "Long-Tail", "Real-Time", "Multimodal", "Temporal", "Fine-Grained", "Domain-Adaptive",
)  # fmt: skip
TASK_TAILS = (
    "Classification", "Segmentation", "Detection", "Generation", "Retrieval", "Captioning",
    "Translation", "Question Answering", "Summarization", "Parsing", "Tracking", "Recognition",
    "Reconstruction", "Denoising", "Super-Resolution", "Inpainting", "Clustering", "Link Prediction",
    "Node Classification", "Forecasting", "Anomaly Detection", "Pose Estimation", "Depth Estimation",
    "Registration", "Alignment", "Matching", "Completion", "Editing", "Synthesis", "Ranking",
)  # fmt: skip
METHOD_HEADS = (
    "Sparse", "Gated", "Residual", "Dilated", "Deformable", "Graph", "Spectral", "Recurrent",
    "Causal", "Linear", "Local", "Global", "Axial", "Adaptive", "Dynamic", "Hierarchical",
    "Contrastive", "Variational", "Stochastic", "Quantized", "Grouped", "Depthwise", "Cross",
)  # fmt: skip
METHOD_TAILS = (
    "Attention", "Convolution", "Normalization", "Dropout", "Pooling", "Embedding", "Transformer",
    "Autoencoder", "Optimizer", "Activation", "Memory", "Routing", "Mixing", "Gating", "Sampling",
    "Regularization", "Distillation", "Augmentation", "Loss", "Encoder", "Decoder", "Tokenizer",
)  # fmt: skip
COLLECTIONS = (
    ("Attention Mechanisms", "General"), ("Convolutions", "Computer Vision"),
    ("Normalization", "General"), ("Regularization", "General"), ("Stochastic Optimization", "General"),
    ("Activation Functions", "General"), ("Language Models", "Natural Language Processing"),
    ("Generative Models", "Computer Vision"), ("Graph Models", "Graphs"), ("Pooling Operations", "Computer Vision"),
)  # fmt: skip
DATA_NOUNS = (
    "Bench", "Net", "Set", "QA", "Corpus", "Scenes", "Faces", "Cities", "Speech", "Graphs", "Mol",
    "Docs", "Clips", "Drive", "Med", "Chat", "Code", "Sketch", "Sat", "Audio",
)  # fmt: skip
MODALITIES = ("Images", "Texts", "Videos", "Audio", "Graphs", "3D", "Tabular", "Time series")
LANGUAGES = ("English", "Chinese", "German", "French", "Spanish", "Japanese", "Arabic", "Hindi")
FRAMEWORKS = (
    "pytorch",
    "pytorch",
    "pytorch",
    "tf",
    "tf",
    "jax",
    "none",
    "mxnet",
    "paddle",
    "torch",
    "caffe2",
)
METRICS = (
    ("Accuracy", "pct"), ("Top-1 Accuracy", "pct"), ("F1", "frac"), ("mAP", "pct"), ("BLEU", "num"),
    ("EM", "num"), ("Error Rate", "pct"), ("Perplexity", "num"), ("FID", "num"), ("WER", "pct"),
    ("MAE", "frac"), ("Number of params", "int"), ("AUC", "frac"), ("mIoU", "pct"),
)  # fmt: skip
SENTENCES = (
    "We study {task} and show that {method} is a strong baseline.",
    "Existing approaches to {task} rely on hand-crafted pipelines that do not scale.",
    "We propose {model}, which combines {method} with a simple training recipe.",
    "Experiments on {dataset} show consistent gains over prior work.",
    "Our analysis explains when {method} helps and when it does not.",
    "Code and pretrained models are publicly available.",
    "The approach needs no extra labels and adds little computation.",
    "Ablations confirm that each component contributes to the final result.",
    "We further extend the method to {task2} with minor changes.",
    "On {dataset}, {model} sets a new state of the art at the time of writing.",
)  # fmt: skip
VALUE_JUNK = ("Please tell us", "-", "", "N/A")


@dataclass(frozen=True)
class ArchiveShape:
    """Pool sizes for an archive of n papers, scaled like the real one (576k papers)."""

    papers: int

    @property
    def authors(self) -> int:
        return max(60, int(self.papers * 1.2))

    @property
    def tasks(self) -> int:
        return max(24, min(len(TASK_HEADS) * len(TASK_TAILS), self.papers // 150))

    @property
    def methods(self) -> int:
        return max(30, min(len(METHOD_HEADS) * len(METHOD_TAILS) * 8, self.papers // 70))

    @property
    def datasets(self) -> int:
        return max(16, self.papers // 40)


class Popularity:
    """Draws indexes 0..n-1 with a long tail: weight of index i is 1 / (i + offset) ** exponent."""

    def __init__(self, n: int, exponent: float, offset: float) -> None:
        running = 0.0
        self.cumulative: list[float] = []
        for i in range(n):
            running += 1.0 / (i + offset) ** exponent
            self.cumulative.append(running)
        self.total = running

    def draw(self, rng: random.Random) -> int:
        return bisect_left(self.cumulative, rng.random() * self.total)

    def draw_distinct(self, rng: random.Random, count: int) -> list[int]:
        picked: dict[int, None] = {}
        for _ in range(count * 4):
            if len(picked) == count:
                break
            picked.setdefault(self.draw(rng), None)
        return list(picked)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class SyntheticArchive:
    def __init__(self, papers: int, seed: int) -> None:
        self.shape = ArchiveShape(papers)
        self.seed = seed
        shape = self.shape
        self.task_names = self._task_names(shape.tasks)
        self.method_names = self._method_names(shape.methods)
        self.dataset_names = [self._dataset_name(i) for i in range(shape.datasets)]
        # Long tails: a few hubs (a task with several percent of all papers), many rare ones.
        self.author_pop = Popularity(shape.authors, 1.0, 40.0)
        self.task_pop = Popularity(shape.tasks, 1.1, 3.0)
        self.method_pop = Popularity(shape.methods, 1.2, 2.0)
        self.dataset_pop = Popularity(shape.datasets, 1.1, 3.0)

    # names ---------------------------------------------------------------
    @staticmethod
    def author_name(i: int) -> str:
        first = FIRST[i % len(FIRST)]
        rest = i // len(FIRST)
        initial = chr(65 + rest % 26)
        last = LAST[(rest // 26) % len(LAST)]
        suffix = rest // (26 * len(LAST))
        return f"{first} {initial}. {last}" + (f" {suffix + 1}" if suffix else "")

    @staticmethod
    def _task_names(n: int) -> list[str]:
        combos = [f"{h} {t}" for t, h in itertools.product(TASK_TAILS, TASK_HEADS)]
        return [*TASK_TAILS, *combos][:n]

    @staticmethod
    def _method_names(n: int) -> list[str]:
        base = [
            *METHOD_TAILS,
            *(f"{h} {t}" for t, h in itertools.product(METHOD_TAILS, METHOD_HEADS)),
        ]
        names = list(base)
        version = 2
        while len(names) < n:
            names += [f"{b} v{version}" for b in base]
            version += 1
        return names[:n]

    @staticmethod
    def _dataset_name(i: int) -> str:
        noun = DATA_NOUNS[i % len(DATA_NOUNS)]
        number = i // len(DATA_NOUNS)
        return f"{noun}-{number}" if number else noun

    @staticmethod
    def model_name(i: int) -> str:
        syllables = ("Ra", "Zo", "Ki", "Ve", "Lu", "Mo", "Ta", "Ne", "Xi", "Po", "Qu", "Fe")
        a, b = syllables[i % 12], syllables[(i // 12) % 12].lower()
        return f"{a}{b}Net-{i // 144}"

    def paper_title(self, i: int, rng: random.Random) -> str:
        method = self.method_names[self.method_pop.draw(rng)]
        task = self.task_names[self.task_pop.draw(rng)]
        return f"{self.model_name(i)}: {method} for {task}"

    @staticmethod
    def arxiv_id(i: int) -> str:
        month = i % 144  # 2013-01 .. 2024-12
        year, mon = 13 + month // 12, month % 12 + 1
        return f"{year:02d}{mon:02d}.{i // 144 + 1:05d}"

    # papers --------------------------------------------------------------
    def paper(self, i: int) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}/paper/{i}")
        title = self.paper_title(i, rng)
        slug = slugify(title)
        has_arxiv = rng.random() < 0.85
        arxiv = self.arxiv_id(i) if has_arxiv else None
        month = i % 144
        date = dt.date(2013 + month // 12, month % 12 + 1, rng.randint(1, 28))
        authors = [
            self.author_name(a) for a in self.author_pop.draw_distinct(rng, rng.randint(3, 6))
        ]
        tasks = [
            self.task_names[t]
            for t in self.task_pop.draw_distinct(rng, rng.choice((1, 1, 2, 2, 3, 4)))
        ]
        methods = [
            self.method_record(m) for m in self.method_pop.draw_distinct(rng, rng.randint(0, 6))
        ]
        words = {
            "task": tasks[0] if tasks else "representation learning",
            "task2": tasks[-1] if tasks else "transfer learning",
            "method": methods[0]["name"] if methods else "self-supervision",
            "model": self.model_name(i),
            "dataset": self.dataset_names[self.dataset_pop.draw(rng)],
        }
        abstract = " ".join(s.format(**words) for s in rng.sample(SENTENCES, rng.randint(4, 8)))
        proceeding = rng.choice(
            (None, None, None, "NeurIPS", "ICML", "CVPR", "ICLR", "ACL", "EMNLP")
        )
        return {
            "paper_url": f"https://paperswithcode.com/paper/{slug}",
            "arxiv_id": arxiv,
            "nips_id": None,
            "openreview_id": None if has_arxiv else f"or{i:07d}",
            "title": title,
            "abstract": abstract,
            "short_abstract": abstract[:120],
            "url_abs": f"http://arxiv.org/abs/{arxiv}v{rng.randint(1, 3)}"
            if arxiv
            else f"https://openreview.net/forum?id=or{i:07d}",
            "url_pdf": f"http://arxiv.org/pdf/{arxiv}v1.pdf" if arxiv else None,
            "proceeding": f"{proceeding} {date.year} {date.month}" if proceeding else None,
            "authors": authors,
            "tasks": tasks,
            "date": date.isoformat(),
            "conference_url_abs": None,
            "conference_url_pdf": None,
            "conference": slugify(f"{proceeding}-{date.year}") if proceeding else None,
            "reproduces_paper": None,
            "methods": methods,
        }

    def method_record(self, m: int) -> dict[str, Any]:
        name = self.method_names[m]
        collection, area = COLLECTIONS[m % len(COLLECTIONS)]
        return {
            "name": name,
            "full_name": name,
            "description": f"{name} is a building block used across many architectures.",
            "introduced_year": 1990 + m % 35,
            "source_url": None,
            "source_title": None,
            "code_snippet_url": None,
            "main_collection": {
                "name": collection,
                "description": "",
                "parent": None,
                "area": area,
            },
        }

    def paper_ref(self, i: int) -> tuple[str, str, str | None]:
        """(title, PWC URL, arXiv id) of paper i, without generating the whole record."""
        rng = random.Random(f"{self.seed}/paper/{i}")
        title = self.paper_title(i, rng)
        has_arxiv = rng.random() < 0.85
        return (
            title,
            f"https://paperswithcode.com/paper/{slugify(title)}",
            self.arxiv_id(i) if has_arxiv else None,
        )

    # other dumps ------------------------------------------------------------
    def code_links(self) -> Iterator[dict[str, Any]]:
        for i in range(self.shape.papers):
            rng = random.Random(f"{self.seed}/code/{i}")
            if rng.random() >= 0.5:
                continue
            title, url, arxiv = self.paper_ref(i)
            for r in range(rng.choice((1, 1, 1, 2, 3))):
                owner = self.author_name(rng.randrange(self.shape.authors)).split()[0].lower()
                official = r == 0 and rng.random() < 0.6
                yield {
                    "paper_url": url,
                    "paper_title": title,
                    "paper_arxiv_id": arxiv,
                    "paper_url_abs": f"https://arxiv.org/abs/{arxiv}v1" if arxiv else None,
                    "paper_url_pdf": f"https://arxiv.org/pdf/{arxiv}v1.pdf" if arxiv else None,
                    "repo_url": f"https://github.com/{owner}{i % 997}/{slugify(self.model_name(i))}-{r}",
                    "is_official": official,
                    "mentioned_in_paper": official and rng.random() < 0.7,
                    "mentioned_in_github": rng.random() < 0.5,
                    "framework": rng.choice(FRAMEWORKS),
                }

    def methods(self) -> Iterator[dict[str, Any]]:
        for m, name in enumerate(self.method_names):
            rng = random.Random(f"{self.seed}/method/{m}")
            paper = None
            if rng.random() < 0.4:
                title, url, _ = self.paper_ref(rng.randrange(self.shape.papers))
                paper = {"title": title, "url": url}
            collection, area = COLLECTIONS[m % len(COLLECTIONS)]
            collections = [{"collection": collection, "area_id": slugify(area), "area": area}]
            if rng.random() < 0.3:
                other, other_area = COLLECTIONS[(m + 3) % len(COLLECTIONS)]
                collections.append(
                    {"collection": other, "area_id": slugify(other_area), "area": other_area}
                )
            yield {
                "url": f"https://paperswithcode.com/method/{slugify(name)}",
                "name": name,
                "full_name": f"{name} ({m})" if m % 7 == 0 else name,
                "description": f"**{name}** is a method. It was described in detail by its authors.",
                "paper": paper,
                "introduced_year": 1990 + m % 35,
                "source_url": None,
                "source_title": None,
                "code_snippet_url": None,
                "num_papers": None,
                "collections": collections,
            }

    def datasets(self) -> Iterator[dict[str, Any]]:
        for d, name in enumerate(self.dataset_names):
            rng = random.Random(f"{self.seed}/dataset/{d}")
            paper = None
            if rng.random() < 0.35:
                title, url, _ = self.paper_ref(rng.randrange(self.shape.papers))
                paper = {"title": title, "url": url}
            tasks = [
                self.task_names[t] for t in self.task_pop.draw_distinct(rng, rng.randint(1, 3))
            ]
            yield {
                "url": f"https://paperswithcode.com/dataset/{slugify(name)}",
                "name": name,
                "full_name": f"The {name} Dataset",
                "homepage": f"https://example.org/{slugify(name)}",
                "description": f"{name} is a benchmark for {tasks[0]}.",
                "short_description": f"A benchmark for {tasks[0]}.",
                "paper": paper,
                "introduced_date": f"{2010 + d % 15}-0{1 + d % 9}-15",
                "warning": None,
                "modalities": rng.sample(MODALITIES, rng.randint(1, 2)),
                "tasks": [
                    {"task": t, "url": f"https://paperswithcode.com/task/{slugify(t)}"}
                    for t in tasks
                ],
                "languages": rng.sample(LANGUAGES, rng.randint(0, 2)),
                "variants": [name],
                "num_papers": None,
                "data_loaders": [],
            }

    def evaluation_tables(self) -> Iterator[dict[str, Any]]:
        """Every task at the top level; every fifth task is also nested under task t // 5 (so
        subtasks nest several levels deep and repeat at the top, as in the real file)."""
        n = len(self.task_names)
        tree: dict[int, list[int]] = {}
        for t in range(5, n, 5):
            tree.setdefault(t // 5, []).append(t)
        for t in range(n):
            yield self._task_record(t, tree)
        # one top-level task with an empty name, as in the real file
        yield {
            "task": "",
            "description": "",
            "categories": [],
            "datasets": [],
            "subtasks": [],
            "synonyms": [],
            "source_link": None,
        }

    def _task_record(self, t: int, tree: dict[int, list[int]]) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}/task/{t}")
        name = self.task_names[t]
        datasets = []
        if rng.random() < 0.6:
            for d in self.dataset_pop.draw_distinct(rng, rng.randint(1, 3)):
                datasets.append(self._leaderboard(t, d, rng))
        return {
            "task": name,
            "description": f"{name} is the task of doing {name.lower()} well." if t % 3 else "",
            "categories": [AREAS[t % len(AREAS)]]
            + ([AREAS[(t + 5) % len(AREAS)]] if t % 4 == 0 else []),
            "datasets": datasets,
            "subtasks": [self._task_record(s, tree) for s in tree.get(t, [])],
            "synonyms": [f"{name} (synonym)"] if t % 9 == 0 else [],
            "source_link": None
            if t % 2
            else {"title": "Survey", "url": f"https://example.org/{slugify(name)}"},
        }

    def _leaderboard(self, t: int, d: int, rng: random.Random) -> dict[str, Any]:
        metrics = [METRICS[(t + d + k) % len(METRICS)] for k in range(rng.randint(1, 3))]
        rows = []
        for _ in range(rng.randint(3, 25)):
            i = rng.randrange(self.shape.papers)
            title, url, arxiv = self.paper_ref(i)
            how = rng.random()
            if how < 0.55 and arxiv:
                paper_url, paper_title = f"https://arxiv.org/abs/{arxiv}v{rng.randint(1, 3)}", ""
            elif how < 0.65 and arxiv:
                paper_url, paper_title = f"https://arxiv.org/pdf/{arxiv}.pdf", ""
            elif how < 0.75:
                paper_url, paper_title = url, title
            elif how < 0.9:
                paper_url, paper_title = "", title
            else:  # a paper the archive does not know
                paper_url, paper_title = (
                    f"https://example.org/paper-{rng.randrange(10**6)}.pdf",
                    f"Unknown work {i}",
                )
            rows.append(
                {
                    "code_links": [
                        {"title": "", "url": f"https://github.com/x/{slugify(self.model_name(i))}"}
                    ]
                    if rng.random() < 0.3
                    else [],
                    "metrics": {name: self._metric_value(kind, rng) for name, kind in metrics},
                    "model_links": [],
                    "model_name": f"{self.model_name(i)}"
                    + (" (ensemble)" if rng.random() < 0.1 else ""),
                    "paper_date": None
                    if rng.random() < 0.1
                    else f"{2013 + i % 12}-0{1 + i % 9}-1{i % 10}",
                    "paper_title": paper_title,
                    "paper_url": paper_url,
                    "uses_additional_data": rng.random() < 0.1,
                }
            )
        key = "sota_rows" if (t + d) % 11 == 0 else "rows"  # the older spelling appears too
        return {
            "dataset": self.dataset_names[d],
            "dataset_citations": [],
            "dataset_links": [{"title": "homepage", "url": f"https://example.org/{d}"}]
            if d % 2
            else [],
            "description": "",
            "sota": {"metrics": [m for m, _ in metrics], key: rows},
            "subdatasets": [],
        }

    @staticmethod
    def _metric_value(kind: str, rng: random.Random) -> str:
        roll = rng.random()
        if roll < 0.03:
            return rng.choice(VALUE_JUNK)
        if kind == "pct":
            value = f"{rng.uniform(20, 99):.1f}"
            return value + "%" if roll < 0.4 else value
        if kind == "frac":
            value = f"{rng.uniform(0.3, 0.99):.4f}"
            return f"{value} ± {rng.uniform(0.0001, 0.01):.4f}" if roll < 0.3 else value
        if kind == "int":
            return str(rng.randint(10**5, 10**9))
        return f"{rng.uniform(1, 60):.2f}"


# bad records ----------------------------------------------------------------
def bad_records(kind: str) -> list[Any]:
    """A few records of each kind the loader must reject (see the loaders' validation)."""
    key_field = {
        "papers-with-abstracts": "paper_url",
        "links-between-papers-and-code": "paper_url",
        "evaluation-tables": "task",
        "methods": "name",
        "datasets": "name",
    }[kind]
    wrong_types: dict[str, dict[str, Any]] = {
        "papers-with-abstracts": {
            "paper_url": "https://paperswithcode.com/paper/bad-authors",
            "title": "Bad",
            "authors": "Jane Doe",
        },
        "links-between-papers-and-code": {
            "paper_url": "https://paperswithcode.com/paper/x",
            "repo_url": 42,
        },
        "evaluation-tables": {"task": ["not", "a", "string"]},
        "methods": {"name": "Bad Method", "introduced_year": "last year"},
        "datasets": {"name": "Bad Dataset", "tasks": "Image Classification"},
    }
    return [
        "not an object",
        12345,
        None,
        {"title": f"a record without {key_field}"},
        wrong_types[kind],
    ]


# writing ----------------------------------------------------------------------
def _write_array(
    path: Path, records: Iterator[Any], bad: list[Any] | None, rng: random.Random
) -> int:
    """Stream records into a gzipped JSON array; bad ones are spread through the file."""
    count = 0
    # mtime=0: the same bytes for the same seed
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz,
    ):
        out = gz
        out.write(b"[\n")
        pending_bad = list(bad or [])
        first = True
        for record in records:
            items = [record]
            if pending_bad and rng.random() < 0.02:
                items.append(pending_bad.pop())
            for item in items:
                out.write(
                    (b"" if first else b",\n") + json.dumps(item, ensure_ascii=False).encode()
                )
                first = False
                count += 1
        for item in pending_bad:
            out.write((b"" if first else b",\n") + json.dumps(item, ensure_ascii=False).encode())
            first = False
            count += 1
        out.write(b"\n]\n")
    return count


def generate_archive(
    out: Path, papers: int, seed: int = 0, with_bad_records: bool = False
) -> dict[str, int]:
    """Write the five dumps into `out`; returns records written per file."""
    out.mkdir(parents=True, exist_ok=True)
    archive = SyntheticArchive(papers, seed)
    streams = {
        "papers-with-abstracts": (archive.paper(i) for i in range(papers)),
        "links-between-papers-and-code": archive.code_links(),
        "evaluation-tables": archive.evaluation_tables(),
        "methods": archive.methods(),
        "datasets": archive.datasets(),
    }
    written = {}
    for kind, records in streams.items():
        bad = bad_records(kind) if with_bad_records else None
        written[kind] = _write_array(
            out / f"{kind}.json.gz", records, bad, random.Random(f"{seed}/bad/{kind}")
        )
    return written
