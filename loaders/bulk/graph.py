"""The file writers of loaders/write/*.py, applied in the same order to a graph held in memory.

Each `write_*` method mirrors one Cypher writer clause by clause, batch by batch (a batch's
paper references are resolved against the graph as it was before the batch, as
loaders/write/references.py does), so that the bulk load ends with the graph the online
load makes. The rules they share, in Cypher terms:

- `SET n += map`: non-null values set, null values remove the property (`_update`);
- `coalesce(n.x, new)`: the first non-null value wins; `coalesce(new, n.x)`: the last;
- links MERGEd are sets (insertion-ordered dicts here), CREATEd links of a paper belong to
  the write of that paper (its `serial`): a paper rewritten by a later dump keeps only the
  links of its last write.

Papers are the bulk of the archive: their properties go to a spool file as they are read
(`PaperSpool`), and memory keeps only what later writes and the whole-graph steps look up.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import orjson

from loaders.validate.code_links import repository_owner_and_name
from loaders.validate.fields import HASH_BYTES

Props = dict[str, Any]

# The properties of a loaded paper (row.props of loaders/validate/papers.py), in CSV order.
PAPER_PROPS: Final = (
    "pwcUrl", "arxivId", "title", "titleKey", "abstract", "published", "urlAbs", "urlPdf",
    "proceeding", "conference", "conferenceUrlAbs", "conferenceUrlPdf", "nipsId", "openreviewId",
)  # fmt: skip


def cypher_order(text: str) -> bytes:
    """A sort key giving Cypher's string order (UTF-16 code units, as Java compares)."""
    return text.encode("utf-16-be", "surrogatepass")


def _update(target: Props, new: Props) -> None:
    """`SET n += new`: null values remove the property."""
    for key, value in new.items():
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value


def _set(target: Props, key: str, value: Any) -> None:
    """`SET n.key = value` (null removes)."""
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


class Keyed:
    """Nodes of one label by their key, numbered in order of creation."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.keys: list[str] = []

    def merge(self, key: str) -> tuple[int, bool]:
        """`MERGE (n {key})`: its number, and whether it was created."""
        found = self.index.get(key)
        if found is not None:
            return found, False
        self.index[key] = len(self.keys)
        self.keys.append(key)
        return len(self.keys) - 1, True

    def __len__(self) -> int:
        return len(self.keys)


@dataclass
class Task:
    props: Props = field(default_factory=dict)
    by_papers: bool = False  # MERGEd by the paper writer: it has a paperCount
    parents: dict[str, None] = field(default_factory=dict)  # SUBTASK_OF
    areas: dict[str, None] = field(default_factory=dict)  # IN_AREA


@dataclass
class Method:
    props: Props = field(default_factory=dict)
    by_papers: bool = False
    collections: dict[str, None] = field(default_factory=dict)  # IN_COLLECTION
    paper: int | None = None  # INTRODUCED_IN


@dataclass
class Dataset:
    props: Props = field(default_factory=dict)
    tasks: dict[str, None] = field(default_factory=dict)  # FOR_TASK
    paper: int | None = None  # INTRODUCED_IN


@dataclass
class Result:
    props: Props
    task: str
    dataset: str


class FeatureLinks:
    """CREATEd links of papers to one kind of feature: (paper, feature, serial[, position])."""

    def __init__(self, positions: bool = False) -> None:
        self.paper = array("i")
        self.feature = array("i")
        self.serial = array("i")
        self.position = array("i") if positions else None

    def add(self, paper: int, feature: int, serial: int, position: int = 0) -> None:
        self.paper.append(paper)
        self.feature.append(feature)
        self.serial.append(serial)
        if self.position is not None:
            self.position.append(position)


class PaperSpool:
    """The properties of each paper write, one JSON line each, read back when writing CSV."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out: IO[bytes] | None = path.open("wb")

    def write(self, paper: int, serial: int, row: dict[str, Any]) -> None:
        assert self._out is not None
        props = row["props"]
        values = [props[name] for name in PAPER_PROPS]
        self._out.write(orjson.dumps([paper, serial, values, row["hash"]]) + b"\n")

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def read(self) -> Iterable[tuple[int, int, list[Any], str]]:
        self.close()
        with self.path.open("rb") as spool:
            for line in spool:
                paper, serial, values, source_hash = orjson.loads(line)
                yield paper, serial, values, source_hash


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


class BulkGraph:
    """The graph the online writers would make, built from the same rows in the same order."""

    def __init__(self, spool: PaperSpool) -> None:
        self.spool = spool
        # papers, numbered in order of creation
        self.papers = Keyed()
        self.stub_props: list[Props | None] = []  # a stub's properties; None once loaded
        self.serial = array("i")  # the number of its last write (-1: never loaded: a stub)
        # the sourceHash of its last write, HASH_BYTES each (str objects: 80 bytes each);
        # meaningless for a stub
        self.source_digest = bytearray()
        self.arxiv: list[str | None] = []
        self.title_key: list[str | None] = []
        # arXiv id / title key -> its paper, or its papers when several have it (an int
        # until then: a list per paper would cost more than the rest of the paper)
        self.by_arxiv: dict[str, int | list[int]] = {}
        self.by_title_key: dict[str, int | list[int]] = {}
        self.venue = array("i")  # PUBLISHED_IN: proceeding number or -1
        self.year = array("h")  # the year of `published`, 0 when it has none (or is a stub)
        self.day = array("i")  # `published` as a proleptic ordinal (date.toordinal), 0 for none
        self.reproduces = array("i")  # REPRODUCES: paper number or -1
        self.writes = 0
        self.sealed = False  # drop_lookups was called
        # features and the rest
        self.authors = Keyed()
        self.task_ids = Keyed()
        self.tasks: dict[str, Task] = {}
        self.method_ids = Keyed()
        self.methods: dict[str, Method] = {}
        self.authored = FeatureLinks(positions=True)
        self.addresses = FeatureLinks()
        self.uses_method = FeatureLinks()
        self.proceedings = Keyed()
        self.proceeding_props: list[tuple[str, int]] = []  # (conference, year)
        self.conferences: dict[str, None] = {}
        self.collections: dict[str, Props] = {}
        self.datasets: dict[str, Dataset] = {}
        self.areas: dict[str, None] = {}
        self.results: dict[str, Result] = {}
        self.repositories = Keyed()
        # A repository's properties are those of its last code link (each row gives all of
        # them: `SET r += row.repo` leaves exactly its non-null values), and its owner and name
        # come from its URL: only the framework is kept, one shared string per framework.
        self.repository_framework: list[str | None] = []
        self._frameworks: dict[str, str] = {}
        # HAS_CODE: paper << 32 | repository -> its properties as code_flags() packs them (a
        # dict of three booleans per link cost 200 bytes more; there is one per code link)
        self.has_code: dict[int, int] = {}

    # papers and stubs -------------------------------------------------------------------
    def _paper(self, slug: str) -> tuple[int, bool]:
        if self.sealed:
            raise RuntimeError("the bulk graph's lookups were dropped: it takes no more writes")
        index, created = self.papers.merge(slug)
        if created:
            self.stub_props.append({})
            self.serial.append(-1)
            self.source_digest += bytes(HASH_BYTES)
            self.arxiv.append(None)
            self.title_key.append(None)
            self.venue.append(-1)
            self.year.append(0)
            self.day.append(0)
            self.reproduces.append(-1)
        return index, created

    def _index_keys(self, paper: int, arxiv_id: str | None, title_key: str | None) -> None:
        for old, lookup in ((self.arxiv[paper], self.by_arxiv),
                            (self.title_key[paper], self.by_title_key)):  # fmt: skip
            if old is not None:
                found = lookup[old]
                if isinstance(found, int):
                    del lookup[old]
                else:
                    found.remove(paper)
                    if len(found) == 1:
                        lookup[old] = found[0]
        self.arxiv[paper], self.title_key[paper] = arxiv_id, title_key
        for new, lookup in ((arxiv_id, self.by_arxiv), (title_key, self.by_title_key)):
            if new is None:
                continue
            present = lookup.get(new)
            if present is None:
                lookup[new] = paper
            elif isinstance(present, int):
                lookup[new] = [present, paper]
            else:
                present.append(paper)

    def _stub(self, slug: str, on_create: Props) -> int:
        """`MERGE (p:Paper {slug}) ON CREATE SET p += on_create, p.stub = true`."""
        paper, created = self._paper(slug)
        if created:
            props = self.stub_props[paper]
            assert props is not None
            _update(props, on_create)
            props["stub"] = True
            self._index_keys(paper, props.get("arxivId"), props.get("titleKey"))
        return paper

    def first_slug(self, papers: int | list[int] | None) -> str | None:
        """`... RETURN p.slug ORDER BY p.slug LIMIT 1`."""
        if papers is None:
            return None
        if isinstance(papers, int):
            return self.papers.keys[papers]
        return min((self.papers.keys[p] for p in papers), key=cypher_order)

    def resolve_refs(self, rows: list[dict[str, Any]]) -> None:
        """loaders/write/references.py: a slug for refs without one, by arXiv id, then title."""
        found: list[tuple[dict[str, Any], str]] = []
        for row in rows:
            ref = row["paper"]
            if ref is None or ref["slug"] is not None:
                continue
            slug = None
            if ref["arxivId"] is not None:
                slug = self.first_slug(self.by_arxiv.get(ref["arxivId"]))
            if slug is None and ref["titleKey"] is not None:
                slug = self.first_slug(self.by_title_key.get(ref["titleKey"]))
            if slug is not None:
                found.append((ref, slug))
        for ref, slug in found:  # after all: the batch's query sees the graph before it
            ref["slug"] = slug

    def _ref_stub(self, ref: dict[str, Any]) -> int:
        return self._stub(
            ref["slug"], {"title": ref["title"] or ref["slug"], "titleKey": ref["titleKey"]}
        )

    # loaders/write/papers.py ------------------------------------------------------------
    def write_papers(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self._write_paper(row)

    def _write_paper(self, row: dict[str, Any]) -> None:
        paper, _ = self._paper(row["slug"])
        digest = bytes.fromhex(row["hash"])
        if len(digest) != HASH_BYTES:
            raise ValueError(f"a paper's hash has {len(digest)} bytes, not {HASH_BYTES}")
        at = paper * HASH_BYTES
        if self.serial[paper] >= 0 and self.source_digest[at : at + HASH_BYTES] == digest:
            return  # unchanged: nothing is written
        self.writes += 1
        serial = self.writes
        # SET p += row.props, p.sourceHash, p.stub = null: every property is the row's
        self.stub_props[paper] = None
        self.source_digest[at : at + HASH_BYTES] = digest
        self.serial[paper] = serial
        props = row["props"]
        self._index_keys(paper, props["arxivId"], props["titleKey"])
        self.spool.write(paper, serial, row)
        published = _date(props["published"])
        self.year[paper] = published.year if published is not None else 0
        self.day[paper] = published.toordinal() if published is not None else 0
        venue = row["venue"]
        self.venue[paper] = -1
        if venue is not None:
            self.conferences.setdefault(venue["conference"], None)
            proceeding, created = self.proceedings.merge(venue["name"])
            if created:
                self.proceeding_props.append((venue["conference"], venue["year"]))
            self.venue[paper] = proceeding
        self.reproduces[paper] = -1
        if row["reproduces"] is not None:
            self.reproduces[paper] = self._stub(row["reproduces"], {"title": row["reproduces"]})
        for position, name in enumerate(row["authors"]):
            author, _ = self.authors.merge(name)
            self.authored.add(paper, author, serial, position)
        for name in row["tasks"]:
            self.addresses.add(paper, self._task(name, by_papers=True), serial)
        for method in row["methods"]:
            self.uses_method.add(paper, self._paper_method(method), serial)

    def _task(self, name: str, by_papers: bool = False) -> int:
        index, created = self.task_ids.merge(name)
        if created:
            self.tasks[name] = Task()
        if by_papers:
            self.tasks[name].by_papers = True
        return index

    def _method(self, name: str) -> Method:
        _, created = self.method_ids.merge(name)
        if created:
            self.methods[name] = Method()
        return self.methods[name]

    def _paper_method(self, ref: dict[str, Any]) -> int:
        method = self._method(ref["name"])
        method.by_papers = True
        if "describedBy" not in method.props:
            # a paper's copy only describes a method nothing described yet
            _update(method.props, ref["props"])
            method.props["describedBy"] = "papers"
            collection = ref["collection"]
            if collection is not None:
                props = self._collection(collection["name"])
                for key in ("description", "area"):
                    if props.get(key) is None and collection[key] is not None:
                        props[key] = collection[key]
                method.collections.setdefault(collection["name"], None)
        return self.method_ids.index[ref["name"]]

    def _collection(self, name: str) -> Props:
        return self.collections.setdefault(name, {})

    # loaders/write/methods.py -----------------------------------------------------------
    def write_methods(self, rows: list[dict[str, Any]]) -> None:
        self.resolve_refs(rows)
        for row in rows:
            method = self._method(row["name"])
            _update(method.props, row["props"])
            method.props["describedBy"] = "methods"
            method.collections = {}
            method.paper = None
            for collection in row["collections"]:
                props = self._collection(collection["name"])
                for key, source in (("area", "area"), ("areaId", "areaId")):
                    if collection[source] is not None:
                        props[key] = collection[source]
                method.collections.setdefault(collection["name"], None)
            ref = row["paper"]
            if ref is not None and ref["slug"] is not None:
                method.paper = self._ref_stub(ref)

    # loaders/write/datasets.py ----------------------------------------------------------
    def _dataset(self, name: str) -> Dataset:
        dataset = self.datasets.get(name)
        if dataset is None:
            dataset = self.datasets[name] = Dataset()
        return dataset

    def write_datasets(self, rows: list[dict[str, Any]]) -> None:
        self.resolve_refs(rows)
        for row in rows:
            dataset = self._dataset(row["name"])
            _update(dataset.props, row["props"])
            dataset.tasks = {}
            dataset.paper = None
            for name in row["tasks"]:
                self._task(name)
                dataset.tasks.setdefault(name, None)
            ref = row["paper"]
            if ref is not None and ref["slug"] is not None:
                dataset.paper = self._ref_stub(ref)

    # loaders/write/evaluation.py --------------------------------------------------------
    def write_evaluation(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:  # tasks first: datasets and tables match them
            if row["kind"] == "task":
                self._evaluation_task(row)
        for row in rows:
            if row["kind"] == "dataset":
                dataset = self._dataset(row["name"])
                props = row["props"]
                if dataset.props.get("description") is None:
                    _set(dataset.props, "description", props["description"])
                dataset.props["evaluationLinks"] = props["evaluationLinks"]
                dataset.props["citations"] = props["citations"]
                dataset.tasks.setdefault(row["task"], None)
        for row in rows:
            if row["kind"] == "table":
                for res in row["results"]:
                    result = self.results.get(res["key"])
                    if result is None:
                        result = self.results[res["key"]] = Result({}, row["task"], row["dataset"])
                    if result.props.get("contentHash") != res["contentHash"]:
                        _update(result.props, res["props"])
                        result.props["contentHash"] = res["contentHash"]

    def _evaluation_task(self, row: dict[str, Any]) -> None:
        self._task(row["name"])
        task = self.tasks[row["name"]]
        props = row["props"]
        for key in ("description", "sourceLinkTitle", "sourceLinkUrl"):
            if task.props.get(key) is None:
                _set(task.props, key, props[key])
        if props["synonyms"]:
            task.props["synonyms"] = props["synonyms"]
        if row["parent"] is not None:
            self._task(row["parent"])
            task.parents.setdefault(row["parent"], None)
        for area in row["areas"]:
            self.areas.setdefault(area, None)
            task.areas.setdefault(area, None)

    # loaders/write/code_links.py --------------------------------------------------------
    def write_code_links(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            paper = self._stub(row["slug"], row["paper"])
            repository, created = self.repositories.merge(row["url"])
            if created:
                self.repository_framework.append(None)
            repo = row["repo"]
            if repo.keys() != REPOSITORY_PROPS:
                raise TypeError(f"a code link's repository has {sorted(repo)}, not the "
                                f"{sorted(REPOSITORY_PROPS)} that repository_props makes")  # fmt: skip
            framework = repo["framework"]
            if framework is not None:
                framework = self._frameworks.setdefault(framework, framework)
            self.repository_framework[repository] = framework
            # `SET link += row.link` with every property given: the row's values are the link's
            self.has_code[paper << 32 | repository] = code_flags(row["link"])

    def repository_props(self, repository: int) -> Props:
        """A repository's properties, as the code links writer leaves them."""
        owner, name = repository_owner_and_name(self.repositories.keys[repository])
        repo = {"owner": owner, "name": name, "framework": self.repository_framework[repository]}
        return {key: value for key, value in repo.items() if value is not None}

    def drop_lookups(self) -> None:
        """Free the lookups by slug, arXiv id, title, author name and URL: they serve the
        reading and the results join, nothing after (the CSV takes papers' properties from the
        spool, and nodes by number)."""
        self.by_arxiv, self.by_title_key = {}, {}
        self.arxiv, self.title_key = [], []
        for keyed in (self.papers, self.authors, self.repositories):
            keyed.index = {}
        self.sealed = True

    # for the whole-graph steps ----------------------------------------------------------
    def code_links(self) -> Iterator[tuple[int, int, Props]]:
        """(paper, repository, properties) of every HAS_CODE link, in order of creation."""
        for key, flags in self.has_code.items():
            yield key >> 32, key & 0xFFFFFFFF, code_props(flags)

    def live(self, links: FeatureLinks) -> Any:
        """A mask of the links that belong to their paper's last write."""
        import numpy as np

        serial = np.frombuffer(self.serial, dtype=np.int32)
        papers = np.frombuffer(links.paper, dtype=np.int32)
        return serial[papers] == np.frombuffer(links.serial, dtype=np.int32)


# The properties of a Repository (row.repo of loaders/validate/code_links.py).
REPOSITORY_PROPS: Final = frozenset({"owner", "name", "framework"})

# The properties of a HAS_CODE link (row.link of loaders/validate/code_links.py): booleans
# or null, two bits each in code_flags (0: null, 1: false, 2: true).
CODE_LINK_PROPS: Final = ("official", "mentionedInPaper", "mentionedInGithub")


def code_flags(link: Props) -> int:
    flags = 0
    for shift, name in enumerate(CODE_LINK_PROPS):
        value = link[name]
        if value is not None:
            flags |= (2 if value else 1) << (2 * shift)
    return flags


def code_props(flags: int) -> Props:
    props: Props = {}
    for shift, name in enumerate(CODE_LINK_PROPS):
        value = (flags >> (2 * shift)) & 3
        if value:
            props[name] = value == 2
    return props


def spooled_paper_props(values: list[Any], source_hash: str) -> Props:
    """A loaded paper's properties from its spool line (slug aside)."""
    props: Props = {}
    for name, value in zip(PAPER_PROPS, values, strict=True):
        if value is not None:
            props[name] = _date(value) if name == "published" else value
    props["sourceHash"] = source_hash
    return props
