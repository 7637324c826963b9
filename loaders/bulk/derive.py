"""The whole-graph steps of loaders/phases.py, on the in-memory graph of a first load.

On a first load every flag the writers set is set on everything written, so each step of
phases.py applies to the whole graph: results joined to papers; each paper's datasets; the
paper counts (of every author and repository, of the tasks and methods the paper writer
MERGEd, of the datasets with papers); the papers lists' kept totals of every author, task,
method and dataset and their papers per year (graphdb/list_counts.py); proceedings and
conferences (counts, years; those left without papers go); areas (their counts and papers per
year); the graph counts (graphdb/counts.py), written with the graph. The typeahead's
properties are made while writing CSV (loaders/bulk/csv.py), and the related links here
(`related_links`) with the scoring of loaders/related.py, from the same paper-feature graph
the online step reads from Neo4j.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from graphdb.counts import COUNTED
from graphdb.list_counts import Kept
from loaders.bulk.graph import BulkGraph, FeatureLinks, cypher_order
from loaders.related import (
    SCORING_CHUNK,
    LinkArrays,
    PaperFeatureGraph,
    RelatedSettings,
)


@dataclass
class YearCounts:
    """Each node's papers per year of publication, as graphdb/list_counts.py keeps them: the
    (year, papers) pairs of node i are years[ptr[i]:ptr[i + 1]], oldest first."""

    ptr: np.ndarray
    years: np.ndarray
    papers: np.ndarray

    @classmethod
    def of_links(
        cls, papers: np.ndarray, features: np.ndarray, n: int, year: np.ndarray, blocks: int = 8
    ) -> YearCounts:
        """From (paper, node) links, each counted (as Cypher's count(*) of the pattern's rows);
        papers without a date are left out. Counted a block of nodes at a time: the keys and
        their sort for all of the real archive's author links at once held some 120 MB."""
        dated = year[papers] > 0
        papers, features = papers[dated], features[dated]
        del dated
        keys_of: list[np.ndarray] = []
        counts_of: list[np.ndarray] = []
        for block in range(blocks):  # in node order: the joined keys stay sorted
            low, high = n * block // blocks, n * (block + 1) // blocks
            members = np.flatnonzero((features >= low) & (features < high))
            keys = features[members].astype(np.int64) * 10_000 + year[papers[members]]
            unique, counts = np.unique(keys, return_counts=True)
            keys_of.append(unique)
            counts_of.append(counts.astype(np.int32))
        unique = np.concatenate([np.zeros(0, np.int64), *keys_of])
        nodes = unique // 10_000
        ptr = np.searchsorted(nodes, np.arange(n + 1))
        return cls(
            ptr,
            (unique % 10_000).astype(np.int16),
            np.concatenate([np.zeros(0, np.int32), *counts_of]),
        )

    def of(self, node: int) -> list[int]:
        """The flat [year, papers, ...] list of one node ([] when none of its papers is dated)."""
        start, end = int(self.ptr[node]), int(self.ptr[node + 1])
        flat = np.empty(2 * (end - start), dtype=np.int64)
        flat[0::2], flat[1::2] = self.years[start:end], self.papers[start:end]
        return flat.tolist()


@dataclass
class Derived:
    reports: dict[str, int] = field(default_factory=dict)  # result key -> paper (REPORTS)
    uses_dataset: dict[int, dict[str, None]] = field(default_factory=dict)  # paper -> datasets
    author_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    task_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    method_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    dataset_count: dict[str, int] = field(default_factory=dict)
    repository_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    code_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # per paper
    proceeding_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    conferences: dict[str, tuple[list[int], int]] = field(default_factory=dict)  # years, count
    area_count: dict[str, int] = field(default_factory=dict)
    # label -> the kept totals of graphdb/list_counts.py, one array of each node's per Kept
    list_counts: dict[str, dict[Kept, np.ndarray]] = field(default_factory=dict)
    # label -> each node's papers per year (Area: of its tasks' papers, each once)
    year_counts: dict[str, YearCounts] = field(default_factory=dict)
    # the kept co-author rankings (loaders/coauthors.py): which authors keep one, and their
    # links as parallel arrays: author, co-author, shared papers
    coauthors_kept: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    coauthor_links: tuple[np.ndarray, np.ndarray, np.ndarray] = field(
        default_factory=lambda: (np.zeros(0, np.int32),) * 3
    )
    # the numbers graphdb/counts.py keeps on its one node (COUNTED's names)
    graph_counts: dict[str, int] = field(default_factory=dict)


def joined_arrays(chunks: list[np.ndarray]) -> np.ndarray:
    """The chunks as one array, the chunks released (so only the result holds the memory)."""
    joined = np.concatenate(chunks) if chunks else np.zeros(0, np.int32)
    chunks.clear()
    return joined


def _counts(graph: BulkGraph, links: FeatureLinks, n: int) -> np.ndarray:
    live = graph.live(links)
    return np.bincount(np.frombuffer(links.feature, dtype=np.int32)[live], minlength=n)


def _listed(graph: BulkGraph, code_count: np.ndarray) -> dict[Kept, np.ndarray]:
    """Per paper, whether each Kept total counts it: not a stub, with code, with official code."""
    listed = np.frombuffer(graph.serial, dtype=np.int32) >= 0  # a stub was never written
    official = np.zeros(len(listed), dtype=bool)
    official[[paper for paper, _, link in graph.code_links() if link.get("official") is True]] = (
        True
    )
    return {Kept.PAPERS: listed, Kept.WITH_CODE: listed & (code_count > 0),
            Kept.WITH_OFFICIAL_CODE: listed & official}  # fmt: skip


def _kept_counts(
    papers: np.ndarray, features: np.ndarray, n: int, listed: dict[Kept, np.ndarray]
) -> dict[Kept, np.ndarray]:
    """Each feature's links from the papers each Kept total counts (a link each, as Cypher's
    COUNT of the pattern counts them)."""
    return {kept: np.bincount(features[mask[papers]], minlength=n) for kept, mask in listed.items()}


def _live_links(graph: BulkGraph, links: FeatureLinks) -> tuple[np.ndarray, np.ndarray]:
    live = graph.live(links)
    return (np.frombuffer(links.paper, dtype=np.int32)[live],
            np.frombuffer(links.feature, dtype=np.int32)[live])  # fmt: skip


# Pairs of links handled at once when ranking co-authors: bounds the temporary arrays.
COAUTHOR_CHUNK: Final = 500_000  # ~50 MB of temporary arrays (2,000,000: ~400 MB)


def coauthor_links(
    papers: np.ndarray, authors: np.ndarray, kept: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each kept author's co-authors with their shared papers, from the live AUTHORED_BY links
    (`papers[i]` lists `authors[i]`): the paths (author)<-paper->(co-author) through distinct
    links, counted per pair, as loaders/coauthors.py's Cypher counts them."""
    order = np.argsort(papers, kind="stable")
    papers, authors = papers[order], authors[order]
    del order
    # paper p's links: ptr[p]:ptr[p + 1] (per paper, not per link: a third of the memory)
    ptr = np.searchsorted(papers, np.arange(int(papers[-1]) + 2 if len(papers) else 1))
    mine = np.nonzero(kept[authors])[0]
    mine = mine[np.argsort(authors[mine], kind="stable")]  # each author's links together
    _, first = np.unique(authors[mine], return_index=True)
    bounds = np.append(first, len(mine))  # author g's links: mine[bounds[g] : bounds[g + 1]]
    starts = ptr[papers[mine]]  # for each of mine, where its paper's links start, and how many
    sizes = ptr[papers[mine] + 1] - starts
    pairs_to = np.concatenate([[0], np.cumsum(sizes)])  # pairs of mine[:i]
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    begin = 0
    while begin < len(first):  # whole authors per chunk: each pair is counted in one
        end = begin + 1
        while (end < len(first)
               and pairs_to[bounds[end + 1]] - pairs_to[bounds[begin]] <= COAUTHOR_CHUNK):  # fmt: skip
            end += 1
        group = slice(bounds[begin], bounds[end])
        counts = sizes[group]
        owner = np.repeat(authors[mine[group]], counts)
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        other = authors[np.repeat(starts[group], counts) + within]
        distinct = owner != other
        keys, shared = np.unique(
            (owner[distinct].astype(np.int64) << 32) | other[distinct].astype(np.int64),
            return_counts=True,
        )
        out.append(((keys >> 32).astype(np.int32), (keys & 0xFFFFFFFF).astype(np.int32),
                    shared.astype(np.int32)))  # fmt: skip
        begin = end
    if not out:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.int32)
    owners, others, counted = (np.concatenate(parts) for parts in zip(*out, strict=True))
    return owners, others, counted


def _area_members(graph: BulkGraph) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (paper, area) pairs of papers addressing a task of the area, as two arrays
    (areas numbered in the order of graph.areas). Arrays, not a set per task: sets of a
    million papers cost the step some 300 MB at the real archive's size."""
    area_number = {name: i for i, name in enumerate(graph.areas)}
    pairs = [(graph.task_ids.index[name], area_number[area])
             for name, task in graph.tasks.items() for area in task.areas]  # fmt: skip
    pair_tasks = np.array([task for task, _ in pairs], dtype=np.int64)
    pair_areas = np.array([area for _, area in pairs], dtype=np.int64)
    order = np.argsort(pair_tasks, kind="stable")
    pair_tasks, pair_areas = pair_tasks[order], pair_areas[order]
    ptr = np.searchsorted(pair_tasks, np.arange(len(graph.task_ids) + 1))  # task t: ptr[t]:ptr[t+1]
    papers, tasks = _live_links(graph, graph.addresses)
    counts = ptr[tasks + 1] - ptr[tasks]  # the areas of each link's task
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    areas = pair_areas[np.repeat(ptr[tasks], counts) + within]
    n_papers = max(len(graph.papers), 1)
    members = np.unique(areas * n_papers + np.repeat(papers, counts).astype(np.int64))
    return members % n_papers, members // n_papers


def derive(graph: BulkGraph, keep_coauthors_from: int) -> Derived:
    out = Derived()
    papers = graph.papers
    # 1. join results to papers: by arXiv id, then PWC URL, then title
    for key, result in graph.results.items():
        props = result.props
        slug = None
        if props.get("refArxivId") is not None:
            slug = graph.first_slug(graph.by_arxiv.get(props["refArxivId"]))
        if slug is None and props.get("refSlug") is not None and props["refSlug"] in papers.index:
            slug = props["refSlug"]
        if slug is None and props.get("refTitleKey") is not None:
            slug = graph.first_slug(graph.by_title_key.get(props["refTitleKey"]))
        if slug is not None:
            out.reports[key] = papers.index[slug]
    # 2. a paper's datasets: those of its results, then those it introduced
    for key, paper in out.reports.items():
        out.uses_dataset.setdefault(paper, {})[graph.results[key].dataset] = None
    for name, dataset in graph.datasets.items():
        if dataset.paper is not None:
            out.uses_dataset.setdefault(dataset.paper, {})[name] = None
    # 3. paper counts
    out.author_count = _counts(graph, graph.authored, len(graph.authors))
    out.task_count = _counts(graph, graph.addresses, len(graph.task_ids))
    out.method_count = _counts(graph, graph.uses_method, len(graph.method_ids))
    for names in out.uses_dataset.values():
        for name in names:
            out.dataset_count[name] = out.dataset_count.get(name, 0) + 1
    keys = np.fromiter(graph.has_code, dtype=np.int64, count=len(graph.has_code))
    repo_of, paper_of = keys & 0xFFFFFFFF, keys >> 32
    del keys
    out.repository_count = np.bincount(repo_of, minlength=len(graph.repositories))
    out.code_count = np.bincount(paper_of, minlength=len(papers))
    # the co-author rankings of the authors of many papers
    out.coauthors_kept = out.author_count >= keep_coauthors_from
    out.coauthor_links = coauthor_links(*_live_links(graph, graph.authored), out.coauthors_kept)
    # the papers lists' kept totals
    listed = _listed(graph, out.code_count)
    paper_year = np.frombuffer(graph.year, dtype=np.int16).astype(np.int64)
    for label, links, n in (("Author", graph.authored, len(graph.authors)),
                            ("Task", graph.addresses, len(graph.task_ids)),
                            ("Method", graph.uses_method, len(graph.method_ids))):  # fmt: skip
        link_papers, link_features = _live_links(graph, links)
        out.list_counts[label] = _kept_counts(link_papers, link_features, n, listed)
        out.year_counts[label] = YearCounts.of_links(link_papers, link_features, n, paper_year)
        del link_papers, link_features
    dataset_index = {name: i for i, name in enumerate(graph.datasets)}
    ds_papers = np.array([p for p, names in out.uses_dataset.items() for _ in names], np.int64)
    ds_features = np.array(
        [dataset_index[n] for names in out.uses_dataset.values() for n in names], np.int64
    )
    out.list_counts["Dataset"] = _kept_counts(ds_papers, ds_features, len(dataset_index), listed)
    out.year_counts["Dataset"] = YearCounts.of_links(ds_papers, ds_features, len(dataset_index),
                                                     paper_year)  # fmt: skip
    # 4. proceedings and conferences; those without papers are not kept
    venue = np.frombuffer(graph.venue, dtype=np.int32)
    out.proceeding_count = np.bincount(venue[venue >= 0], minlength=len(graph.proceedings))
    years: dict[str, set[int]] = {}
    counted: dict[str, int] = {}
    for number, (conference, year) in enumerate(graph.proceeding_props):
        if out.proceeding_count[number]:
            years.setdefault(conference, set()).add(year)
            counted[conference] = counted.get(conference, 0) + int(out.proceeding_count[number])
    out.conferences = {name: (sorted(years[name]), counted[name]) for name in years}
    # 5. areas: the papers of their tasks, each once
    area_papers, area_numbers = _area_members(graph)
    out.area_count = dict(
        zip(
            graph.areas, np.bincount(area_numbers, minlength=len(graph.areas)).tolist(), strict=True
        )
    )
    out.year_counts["Area"] = YearCounts.of_links(area_papers, area_numbers, len(graph.areas),
                                                  paper_year)  # fmt: skip
    # 6. the graph counts, as COUNTED's statements count them: papers that are not stubs,
    # those of them with code, and the (task, dataset) pairs of results
    out.graph_counts = {
        "papers": int(listed[Kept.PAPERS].sum()),
        "papersWithCode": int(listed[Kept.WITH_CODE].sum()),
        "leaderboards": len({(r.task, r.dataset) for r in graph.results.values()}),
    }
    if set(out.graph_counts) != set(COUNTED):
        raise TypeError(f"the bulk path counts {sorted(out.graph_counts)}, "
                        f"graphdb/counts.py keeps {sorted(COUNTED)}")  # fmt: skip
    return out


# Code points whose order differs between Python (code points) and Cypher (UTF-16 code units):
# those past U+FFFF (surrogate pairs, D800-DFFF) against U+E000-U+FFFF.
_ORDERS_DIFFER: Final = re.compile("[\ue000-\uffff]")
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")


def slug_order(slugs: list[str]) -> list[int]:
    """The positions of `slugs` in Cypher's string order. Python's own order is the same
    unless a slug holds a character past U+FFFF and one a character of U+E000-U+FFFF: it is
    used then, sparing a UTF-16 copy of every slug (some 100 MB at the real archive's size)."""
    if any(map(_ASTRAL.search, slugs)) and any(map(_ORDERS_DIFFER.search, slugs)):
        return sorted(range(len(slugs)), key=lambda p: cypher_order(slugs[p]))
    return sorted(range(len(slugs)), key=slugs.__getitem__)


def paper_feature_graph(
    graph: BulkGraph, derived: Derived, settings: RelatedSettings
) -> PaperFeatureGraph:
    """The graph loaders/related.py reads from Neo4j, made from the in-memory one.

    Papers are numbered in slug order (the "ids" are the bulk graph's paper numbers);
    features are those of at least two papers, by kind in the order of FEATURE_KINDS.
    """
    n_papers = len(graph.papers)
    paper_ids = np.array(slug_order(graph.papers.keys), dtype=np.int64)
    position = np.empty(n_papers, dtype=np.int32)
    position[paper_ids] = np.arange(n_papers, dtype=np.int32)

    dataset_names = list(graph.datasets)

    def kinds() -> Iterator[tuple[np.ndarray, np.ndarray, list[str]]]:
        """Each kind's live links, one kind at a time: their copies are freed as they go."""
        for links, names in ((graph.authored, graph.authors.keys),
                             (graph.addresses, graph.task_ids.keys),
                             (graph.uses_method, graph.method_ids.keys)):  # fmt: skip
            live = graph.live(links)
            yield (np.frombuffer(links.paper, dtype=np.int32)[live],
                   np.frombuffer(links.feature, dtype=np.int32)[live], names)  # fmt: skip
        dataset_index = {name: i for i, name in enumerate(dataset_names)}
        uses = derived.uses_dataset
        yield (np.array([p for p, names in uses.items() for _ in names], dtype=np.int32),
               np.array([dataset_index[n] for names in uses.values() for n in names],
                        dtype=np.int32), dataset_names)  # fmt: skip

    feature_kind: list[np.ndarray] = []
    degrees: list[np.ndarray] = []
    names_out: list[str] = []
    link_papers: list[np.ndarray] = []
    link_features: list[np.ndarray] = []
    offset = 0
    for code, (papers, features, names) in enumerate(kinds()):
        degree = np.bincount(features, minlength=len(names))
        kept = np.flatnonzero(degree >= 2)
        renumber = np.full(len(names), -1, dtype=np.int32)
        renumber[kept] = offset + np.arange(len(kept), dtype=np.int32)
        feature_kind.append(np.full(len(kept), code, dtype=np.int8))
        degrees.append(degree[kept])
        names_out.extend(names[i] for i in kept.tolist())
        features = renumber[features]
        known = features >= 0
        link_papers.append(position[papers[known]])
        link_features.append(features[known])
        offset += len(kept)
        del papers, features, known
    del position
    return PaperFeatureGraph(
        paper_ids,
        np.arange(offset, dtype=np.int64),
        np.concatenate(feature_kind),
        np.concatenate(degrees),
        names_out,
        LinkArrays.of(joined_arrays(link_papers), joined_arrays(link_features)),
        settings.hub_degree,
    )


def related_links(
    features: PaperFeatureGraph, settings: RelatedSettings, part: int = 0, parts: int = 1
) -> Iterator[tuple[int, int, float, list[str]]]:
    """(paper, other paper, score, reasons) of every paper's top k, as the online step writes
    them on a first load (every paper is recomputed then); of the papers of `part` (0 to
    parts - 1) when the work is shared: every parts-th chunk, so that each part gets papers
    of every kind. Scored by the compiled kernel: this runs in scorer processes of its own."""
    positions = np.arange(len(features.paper_ids), dtype=np.int64)
    has_features = features.paper_ptr[1:] > features.paper_ptr[:-1]
    positions = positions[has_features]
    chunks = np.arange(len(positions)) // SCORING_CHUNK
    positions = positions[chunks % parts == part]
    # per link, a number from an array and a cached reason: a numpy scalar and a feature name
    # decoded afresh for each of millions of links were a fifth of the scorer's time
    paper_ids = array("q", features.paper_ids.astype(np.int64).tobytes())
    reason = _Reasons(features)
    for start in range(0, len(positions), SCORING_CHUNK):
        chunk = positions[start : start + SCORING_CHUNK]
        for paper, links in zip(
            chunk.tolist(), features.top_related_compiled(chunk, settings.k), strict=True
        ):
            paper_id = paper_ids[paper]
            for other, score, shared in links:
                yield paper_id, paper_ids[other], score, sorted(map(reason.__getitem__, shared))


class _Reasons(dict[int, str]):
    """Each feature's reason (PaperFeatureGraph.reason), kept for the features of many papers,
    which give most links their reasons (44,172 of 233,270 features at 600,000 papers; with
    every one kept and the paper ids in a list, a scorer's peak went from 302 to 365 MB)."""

    KEPT_FROM_DEGREE: Final = 8

    def __init__(self, features: PaperFeatureGraph) -> None:
        super().__init__()
        self.features = features
        self.kept = features.degree >= self.KEPT_FROM_DEGREE

    def __missing__(self, feature: int) -> str:
        text = self.features.reason(feature)
        if self.kept[feature]:
            self[feature] = text
        return text
