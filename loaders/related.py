"""Related-paper links: (Paper)-[:RELATED_TO {score, reasons}]->(Paper), the top k per paper.

Scoring (Adamic-Adar over shared features)
------------------------------------------
Two papers are related by what they share: authors, tasks, methods and
datasets (a paper's datasets are those of its results and those it
introduced). Each shared feature f adds

    weight(f) = 1 / ln(degree(f))

where degree(f) is the number of papers having f. A task shared by 50,000
papers adds 1/ln(50000) = 0.09; an author of 20 papers adds 1/ln(20) = 0.33;
a feature of exactly two papers adds 1/ln(2) = 1.44. A paper's score with
another is the sum over the features they share, rounded to 9 decimals. Its
links are the k best (default 10), ties broken by the other paper's slug;
each stores its score and its reasons, the shared features as
"author:Name", "dataset:Name", "method:Name", "task:Name", sorted.

Hubs
----
Walking every co-paper of a feature with 50,000 papers, for each of those
papers, costs 50,000² steps. Features with more than `hub_degree` papers
(default 300) are therefore not walked to *find* candidates; they still
count in every score: each candidate found through a smaller feature gets
the hubs it shares added, and candidates are kept until no hub bonus could
lift them into the top k, so the top k among the candidates is exact. The
one approximation: a pair of papers sharing nothing but hubs is not found,
which only shortens the list of a paper that has nothing but hubs.

Incremental recomputation
-------------------------
The writers flag (relatedStale) every paper whose features changed and every
feature that a paper gained or lost. The papers recomputed are the flagged
ones plus all papers of a flagged feature (their scores with the changed
paper, and the feature's weight, changed): exactly those whose top k can
differ. Each batch writes its links and clears its papers' flags in one
transaction; the features' flags are cleared at the end, so a run killed
part-way is finished by the next load.

How
---
The scoring runs here, over the paper-feature graph read from Neo4j into
compact arrays (about 12 bytes per paper-feature link: some 90 MB for the
real archive's 7 million links). Two scorers give the same floats in the same
order: numpy's batch sorts (`top_related`, about 6,500 papers a second at
600,000 papers, faster than Neo4j takes the links) for the online step, and a
compiled kernel (`top_related_compiled`, loaders/related_kernel.py: one pass
per paper with a dense accumulator, about 11,000 a second) for the bulk path's
scorer processes. The kernel's numba compiler holds about 100 MB in the process
that uses it, which the online loader, one process, does without. Cypher
evaluated the same scoring at under a thousand papers a second on two cores
(see the README's performance section).
"""

from __future__ import annotations

import copy
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, LiteralString, overload

import numpy as np
import orjson

from graphdb.model import KEEP_COAUTHORS_FROM
from loaders.memory import release_free_memory, trim_heap
from loaders.write.sink import BatchSink, WriteCounts

if TYPE_CHECKING:  # the driver too: the bulk path's scorers use this module without it
    from neo4j import Driver, ManagedTransaction, Session, SummaryCounters

    from loaders.related_kernel import Scratch

# (label, relationship from Paper, reason prefix). The code of a kind is its position here.
FEATURE_KINDS: Final = (
    ("Author", "AUTHORED_BY", "author"),
    ("Task", "ADDRESSES", "task"),
    ("Method", "USES_METHOD", "method"),
    ("Dataset", "USES_DATASET", "dataset"),
)

# Reads return lists, not rows: the driver handles one list of 100,000 ids far
# faster than 100,000 records.
PAPER_IDS: Final = "MATCH (p:Paper) WITH p ORDER BY p.slug RETURN collect(id(p)) AS ids"

# Features of at least two papers (others relate nothing), with their degree.
FEATURES: Final[dict[str, LiteralString]] = {
    "Author": "MATCH (f:Author) WITH f, COUNT { (f)<-[:AUTHORED_BY]-() } AS degree WHERE degree >= 2 "
    "RETURN collect(id(f)) AS ids, collect(degree) AS degrees, collect(f.name) AS names",
    "Task": "MATCH (f:Task) WITH f, COUNT { (f)<-[:ADDRESSES]-() } AS degree WHERE degree >= 2 "
    "RETURN collect(id(f)) AS ids, collect(degree) AS degrees, collect(f.name) AS names",
    "Method": "MATCH (f:Method) WITH f, COUNT { (f)<-[:USES_METHOD]-() } AS degree WHERE degree >= 2 "
    "RETURN collect(id(f)) AS ids, collect(degree) AS degrees, collect(f.name) AS names",
    "Dataset": "MATCH (f:Dataset) WITH f, COUNT { (f)<-[:USES_DATASET]-() } AS degree WHERE degree >= 2 "
    "RETURN collect(id(f)) AS ids, collect(degree) AS degrees, collect(f.name) AS names",
}

# The features of a chunk of papers, as two parallel lists.
LINKS: Final = """
UNWIND $papers AS paper
MATCH (p:Paper) WHERE id(p) = paper
MATCH (p)-[:AUTHORED_BY|ADDRESSES|USES_METHOD|USES_DATASET]->(f)
RETURN collect(paper) AS papers, collect(id(f)) AS features
"""

STALE_PAPERS: Final = "MATCH (p:Paper {relatedStale: true}) RETURN collect(id(p)) AS ids"
# Papers of flagged features left with a single paper (such features are not in the graph).
LONE_PAPERS_OF_STALE_FEATURES: Final[dict[str, LiteralString]] = {
    "Author": "MATCH (f:Author {relatedStale: true}) WHERE COUNT { (f)<-[:AUTHORED_BY]-() } = 1 "
    "MATCH (f)<-[:AUTHORED_BY]-(p:Paper) RETURN collect(id(p)) AS ids",
    "Task": "MATCH (f:Task {relatedStale: true}) WHERE COUNT { (f)<-[:ADDRESSES]-() } = 1 "
    "MATCH (f)<-[:ADDRESSES]-(p:Paper) RETURN collect(id(p)) AS ids",
    "Method": "MATCH (f:Method {relatedStale: true}) WHERE COUNT { (f)<-[:USES_METHOD]-() } = 1 "
    "MATCH (f)<-[:USES_METHOD]-(p:Paper) RETURN collect(id(p)) AS ids",
    "Dataset": "MATCH (f:Dataset {relatedStale: true}) WHERE COUNT { (f)<-[:USES_DATASET]-() } = 1 "
    "MATCH (f)<-[:USES_DATASET]-(p:Paper) RETURN collect(id(p)) AS ids",
}
STALE_FEATURES: Final[dict[str, LiteralString]] = {
    "Author": "MATCH (f:Author {relatedStale: true}) RETURN collect(id(f)) AS ids",
    "Task": "MATCH (f:Task {relatedStale: true}) RETURN collect(id(f)) AS ids",
    "Method": "MATCH (f:Method {relatedStale: true}) RETURN collect(id(f)) AS ids",
    "Dataset": "MATCH (f:Dataset {relatedStale: true}) RETURN collect(id(f)) AS ids",
}
CLEAR_STALE_FEATURES: Final[dict[str, LiteralString]] = {
    "Author": "MATCH (f:Author {relatedStale: true}) WITH f LIMIT 10000 "
    "REMOVE f.relatedStale RETURN count(f) AS n",
    "Task": "MATCH (f:Task {relatedStale: true}) WITH f LIMIT 10000 "
    "REMOVE f.relatedStale RETURN count(f) AS n",
    "Method": "MATCH (f:Method {relatedStale: true}) WITH f LIMIT 10000 "
    "REMOVE f.relatedStale RETURN count(f) AS n",
    "Dataset": "MATCH (f:Dataset {relatedStale: true}) WITH f LIMIT 10000 "
    "REMOVE f.relatedStale RETURN count(f) AS n",
}

# One batch: each paper's old links go, its new ones come, its flag is cleared. The REMOVE
# write-locks the paper first, so an overlapping write of the same paper waits, then deletes
# this one's links: CREATE links once (tests/test_overlapping_writes.py); MERGE measured
# about twice as slow in this step.
WRITE_RELATED: Final = """
UNWIND $rows AS row
MATCH (p:Paper) WHERE id(p) = row.paper
REMOVE p.relatedStale
WITH p, row
CALL (p) {
  MATCH (p)-[old:RELATED_TO]->()
  DELETE old
}
CALL (p, row) {
  UNWIND row.links AS link
  MATCH (q:Paper) WHERE id(q) = link.paper
  CREATE (p)-[:RELATED_TO {score: link.score, reasons: link.reasons}]->(q)
}
"""


@dataclass(frozen=True)
class RelatedSettings:
    k: int = 10
    hub_degree: int = 300
    batch: int = 500  # papers per write transaction
    # authors of at least this many papers keep their co-author ranking (loaders/coauthors.py)
    coauthors_from: int = KEEP_COAUTHORS_FROM


class PaperFeatureGraph:
    """The bipartite paper-feature graph as CSR (paper → features) and CSC (feature → papers).

    Papers are indexed in slug order, so comparing indexes breaks ties by slug.
    """

    def __init__(
        self,
        paper_ids: np.ndarray,
        feature_ids: np.ndarray,
        feature_kind: np.ndarray,
        feature_degree: np.ndarray,
        feature_names: Sequence[str],
        links: LinkArrays,
        hub_degree: int,
    ) -> None:
        self.paper_ids = paper_ids
        self.feature_ids = feature_ids
        self.feature_kind = feature_kind
        self.feature_names = PackedStrings.of(feature_names)
        self.degree = feature_degree
        self.weight = 1.0 / np.log(np.maximum(feature_degree, 2).astype(np.float64))
        self.is_hub = feature_degree > hub_degree
        n_papers, n_features = len(paper_ids), len(feature_ids)
        # taken from their holder: these names are then the arrays' only references, so each
        # goes as soon as it is no longer needed (arguments passed in the call would live on
        # the caller's stack until the call returns)
        link_papers, link_features = links.take()
        # Links arrive grouped by paper in index order (read() asks for papers in that
        # order); group them only if they do not, a block of papers at a time (one argsort of
        # them all would hold an int64 index and copies of the largest arrays at once).
        self.paper_ptr = _pointers(link_papers, n_papers)
        if not _nondecreasing(link_papers):
            link_features = _grouped(link_papers, self.paper_ptr, partial(np.take, link_features))
        # from here a link's paper is found from paper_ptr
        del link_papers
        self.paper_features = link_features.astype(np.int32, copy=False)
        del link_features
        # the hub features of each paper, on their own, for the hub bonus
        hub = self.is_hub[self.paper_features]
        self.paper_hubs = self.paper_features[hub]
        self.paper_hub_ptr = np.searchsorted(np.flatnonzero(hub), self.paper_ptr)
        del hub
        self.feature_ptr = _pointers(self.paper_features, n_features)  # counts need no order
        self.feature_papers = _grouped(self.paper_features, self.feature_ptr, self._paper_of_links)
        self._scratch: Scratch | None = None  # made by the process that scores

    def _paper_of_links(self, links: np.ndarray) -> np.ndarray:
        """The paper of each link (positions in paper_features), as int32."""
        return (np.searchsorted(self.paper_ptr, links, side="right") - 1).astype(np.int32)

    @classmethod
    def read(cls, session: Session, hub_degree: int, chunk: int = 5_000) -> PaperFeatureGraph:
        """The graph of every paper's features, from Neo4j. Its peak is the constructor's
        (the link arrays, then the CSC built from them); the driver's lists of ids (a chunk of
        papers' links at a time) are handed back to the system between the reads, so that
        the heap they grew does not stay on top of it."""
        paper_ids = np.array(session.run(PAPER_IDS).single(strict=True)["ids"], dtype=np.int64)
        release_free_memory()
        ids, kinds, degrees, names = [], [], [], []
        for code, (label, _, _) in enumerate(FEATURE_KINDS):
            record = session.run(FEATURES[label]).single(strict=True)
            ids.append(np.array(record["ids"], dtype=np.int64))
            degrees.append(np.array(record["degrees"], dtype=np.int64))
            kinds.append(np.full(len(record["ids"]), code, dtype=np.int8))
            names.append(PackedStrings.of(record["names"]))
            del record
            release_free_memory()
        feature_ids = np.concatenate(ids)
        feature_degree = np.concatenate(degrees)
        papers_index, features_index = _Indexer(paper_ids), _Indexer(feature_ids)

        # The links fill arrays of their known number (the kept features' degrees) in place:
        # chunks joined at the end would hold them twice.
        links = LinkArrays(int(feature_degree.sum()))
        for start in range(0, len(paper_ids), chunk):
            record = session.run(LINKS, papers=paper_ids[start : start + chunk].tolist()).single(
                strict=True
            )
            papers = papers_index.positions(np.array(record["papers"], dtype=np.int64))
            features = features_index.positions(np.array(record["features"], dtype=np.int64))
            known = features >= 0  # links to features of a single paper are left out
            links.add(papers[known], features[known])
        del papers_index, features_index
        release_free_memory()
        return cls(
            paper_ids, feature_ids, np.concatenate(kinds), feature_degree,
            PackedStrings.joined(names), links, hub_degree,
        )  # fmt: skip

    def save(self, folder: Path) -> None:
        """The graph as files that `load` maps: one .npy per array, the names as JSON."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in _SAVED_ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name))
        (folder / "feature_names.json").write_bytes(orjson.dumps(self.feature_names.tolist()))

    @classmethod
    def load(cls, folder: Path) -> PaperFeatureGraph:
        """A saved graph, its arrays mapped read-only: processes that load it share the pages."""
        graph = object.__new__(cls)
        for name in _SAVED_ARRAYS:
            setattr(graph, name, np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r")))
        graph.feature_names = PackedStrings.of(
            orjson.loads((folder / "feature_names.json").read_bytes())
        )
        graph._scratch = None
        return graph

    def sharing_arrays(self) -> PaperFeatureGraph:
        """The same graph, its arrays shared, with a scratch of its own for the compiled
        kernel: one for each thread that scores."""
        twin = copy.copy(self)
        twin._scratch = None
        return twin

    def features_of(self, paper: int) -> np.ndarray:
        return self.paper_features[self.paper_ptr[paper] : self.paper_ptr[paper + 1]]

    def papers_of(self, feature: int) -> np.ndarray:
        return self.feature_papers[self.feature_ptr[feature] : self.feature_ptr[feature + 1]]

    def top_related(self, batch: np.ndarray, k: int) -> list[list[tuple[int, float, list[int]]]]:
        """For each paper of the batch, its k best (other paper, score, shared features).

        Follows the module doc: candidates through non-hub features, the hub bonus for
        every candidate that could still reach the top k, ties by slug order. Vectorised
        over the batch in numpy: the online step's scorer, which keeps numba's compiler
        (about 100 MB resident) out of the loader. `top_related_compiled` gives the same
        floats in the same order, several times faster (the bulk path's scorers).
        """
        n_papers, n_features = len(self.paper_ids), len(self.feature_ids)
        batch = np.asarray(batch, dtype=np.int64)
        # (paper of the batch, feature) pairs, split into finders and hubs
        feats, owner = _gather(self.paper_features, self.paper_ptr, batch)
        hub = self.is_hub[feats]
        hub_bound = np.bincount(owner[hub], weights=self.weight[feats[hub]], minlength=len(batch))
        finder_feats, finder_owner = feats[~hub], owner[~hub]
        # candidates: every other paper of every finder; bincount adds each pair's weights
        # one after the other in the finders' order, as the kernel does
        cands, via = _gather(self.feature_papers, self.feature_ptr, finder_feats)
        cand_owner = finder_owner[via]
        keep = cands != batch[cand_owner]
        keys = cand_owner[keep] * n_papers + cands[keep]
        pair_keys, inverse = np.unique(keys, return_inverse=True)
        partial_score = np.bincount(
            inverse, weights=self.weight[finder_feats[via[keep]]], minlength=len(pair_keys)
        )
        del cands, via, cand_owner, keep, keys, inverse
        pair_owner, pair_paper = pair_keys // n_papers, pair_keys % n_papers

        # contenders: pairs that could reach their paper's top k once hubs are added
        order = np.lexsort((-partial_score, pair_owner))
        group_start = np.searchsorted(pair_owner[order], np.arange(len(batch)))
        group_size = np.bincount(pair_owner, minlength=len(batch))
        kth = np.full(len(batch), -np.inf)
        big = group_size > k
        kth[big] = partial_score[order[group_start[big] + k - 1]]
        contender = partial_score + hub_bound[pair_owner] >= kth[pair_owner] - 1e-9
        score = np.where(contender, partial_score, -np.inf)

        # the hub bonus: hubs shared between a contender pair's two papers, summed in the
        # other paper's order, then added
        batch_hub_keys = np.unique(owner[hub] * n_features + feats[hub])
        bonused = np.nonzero(contender & (hub_bound[pair_owner] > 0))[0]
        their_hubs, which = _gather(self.paper_hubs, self.paper_hub_ptr, pair_paper[bonused])
        shared_hub = np.isin(pair_owner[bonused][which] * n_features + their_hubs, batch_hub_keys)
        score[bonused] += np.bincount(
            which[shared_hub], weights=self.weight[their_hubs[shared_hub]], minlength=len(bonused)
        )
        score = np.rint(score * 1e9) / 1e9

        # top k per paper: best score, then slug order
        order = np.lexsort((pair_paper, -score, pair_owner))
        rank = np.arange(len(order)) - np.searchsorted(pair_owner[order], pair_owner[order])
        top = order[(rank < k) & np.isfinite(score[order])]

        # shared features of the chosen pairs, in the other paper's order, for the reasons
        batch_feature_keys = np.unique(owner * n_features + feats)
        their_feats, which = _gather(self.paper_features, self.paper_ptr, pair_paper[top])
        is_shared = np.isin(pair_owner[top][which] * n_features + their_feats, batch_feature_keys)
        shared_by_pair: list[list[int]] = [[] for _ in range(len(top))]
        for pair, feature in zip(
            which[is_shared].tolist(), their_feats[is_shared].tolist(), strict=True
        ):
            shared_by_pair[pair].append(feature)

        result: list[list[tuple[int, float, list[int]]]] = [[] for _ in range(len(batch))]
        owners, papers, scores = pair_owner[top].tolist(), pair_paper[top].tolist(), score[top]
        for i, (who, other, value) in enumerate(zip(owners, papers, scores.tolist(), strict=True)):
            result[who].append((other, value, shared_by_pair[i]))
        return result

    def top_related_compiled(
        self, batch: np.ndarray, k: int
    ) -> list[list[tuple[int, float, list[int]]]]:
        """`top_related` by the compiled kernel of loaders/related_kernel.py: the same
        answer, several times faster, at the cost of numba's compiler in the process."""
        # imported here: numba costs every other command of the CLI 0.6 s and 60 MB
        from loaders.related_kernel import Scratch, score_batch

        if self._scratch is None:
            self._scratch = Scratch(len(self.paper_ids), len(self.feature_ids))
        scored = score_batch(
            batch,
            k,
            paper_ptr=self.paper_ptr,
            paper_features=self.paper_features,
            paper_hub_ptr=self.paper_hub_ptr,
            paper_hubs=self.paper_hubs,
            feature_ptr=self.feature_ptr,
            feature_papers=self.feature_papers,
            weight=self.weight,
            is_hub=self.is_hub,
            scratch=self._scratch,
        )
        others, scores = scored.other.tolist(), scored.score.tolist()
        link_ptr, shared_ptr = scored.link_ptr.tolist(), scored.shared_ptr.tolist()
        shared = scored.shared.tolist()
        return [
            [
                (others[j], scores[j], shared[shared_ptr[j] : shared_ptr[j + 1]])
                for j in range(link_ptr[i], link_ptr[i + 1])
            ]
            for i in range(len(link_ptr) - 1)
        ]

    def reasons(self, shared: list[int]) -> list[str]:
        return sorted(map(self.reason, shared))

    def reason(self, feature: int) -> str:
        """What a shared feature says of a link ("method:Attention")."""
        return f"{FEATURE_KINDS[self.feature_kind[feature]][2]}:{self.feature_names[feature]}"


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 buffer with their offsets: the features' names, kept for the
    reasons of every link, in under a third of the memory of a list of str (the 233,270
    names of the 600,000-paper graph: 5.1 MB instead of 16.6). The offsets are a stdlib
    array, whose items index faster than numpy's (names are read for every link)."""

    def __init__(self, data: bytes, offsets: array[int]) -> None:
        self.data = data
        self.offsets = offsets

    @classmethod
    def of(cls, strings: Sequence[str]) -> PackedStrings:
        if isinstance(strings, PackedStrings):
            return strings
        encoded = [text.encode() for text in strings]
        return cls(b"".join(encoded), array("q", [0, *accumulate(map(len, encoded))]))

    @classmethod
    def joined(cls, parts: Sequence[PackedStrings]) -> PackedStrings:
        offsets, start = array("q", [0]), 0
        for part in parts:
            offsets.extend(start + offset for offset in part.offsets[1:])
            start += len(part.data)
        return cls(b"".join(part.data for part in parts), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
            if index < 0:
                raise IndexError(index - len(self))
        # past the end, offsets[index + 1] raises
        return self.data[self.offsets[index] : self.offsets[index + 1]].decode()

    def tolist(self) -> list[str]:
        return [self[i] for i in range(len(self))]


class LinkArrays:
    """(paper, feature) links as two int32 arrays of an expected length, filled chunk by chunk;
    they grow when more come (links written since the features were counted). The holder
    that hands them to PaperFeatureGraph, which takes them out of it."""

    def __init__(self, expected: int) -> None:
        self.papers = np.empty(expected, dtype=np.int32)
        self.features = np.empty(expected, dtype=np.int32)
        self.count = 0

    @classmethod
    def of(cls, papers: np.ndarray, features: np.ndarray) -> LinkArrays:
        """A holder of links made elsewhere (grouped by paper or not)."""
        links = cls(0)
        links.papers, links.features, links.count = papers, features, len(papers)
        return links

    def add(self, papers: np.ndarray, features: np.ndarray) -> None:
        end = self.count + len(papers)
        if end > len(self.papers):
            grown = max(end, len(self.papers) * 5 // 4)
            self.papers = np.resize(self.papers, grown)
            self.features = np.resize(self.features, grown)
        self.papers[self.count : end] = papers
        self.features[self.count : end] = features
        self.count = end

    def take(self) -> tuple[np.ndarray, np.ndarray]:
        """The links added (views: no copy when as many came as were expected); this holder
        lets go of them, so that the caller's references are the only ones."""
        taken = self.papers[: self.count], self.features[: self.count]
        self.papers = self.features = np.zeros(0, dtype=np.int32)
        self.count = 0
        return taken


# What save() writes and load() maps: every array of the graph (feature_names aside).
_SAVED_ARRAYS: Final = (
    "paper_ids", "feature_ids", "feature_kind", "degree", "weight", "is_hub", "paper_features",
    "paper_ptr", "paper_hubs", "paper_hub_ptr", "feature_ptr", "feature_papers",
)  # fmt: skip


def _gather(
    values: np.ndarray, pointers: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The CSR rows `rows` concatenated without a Python loop, with each value's row number."""
    starts, ends = pointers[rows], pointers[rows + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    owner = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return values[np.repeat(starts, lengths) + offsets], owner


class _Indexer:
    """Positions of ids in an id array, with the sort done once."""

    def __init__(self, ids: np.ndarray) -> None:
        self.order = np.argsort(ids, kind="stable")
        self.sorted = ids[self.order]

    def positions(self, wanted: np.ndarray) -> np.ndarray:
        """Position of each wanted id in the id array (-1 when absent)."""
        if len(self.order) == 0:
            return np.full(len(wanted), -1, dtype=np.int64)
        at = np.clip(np.searchsorted(self.sorted, wanted), 0, len(self.order) - 1)
        return np.where(self.sorted[at] == wanted, self.order[at], -1)


def _index(ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    return _Indexer(ids).positions(wanted)


def _positions(all_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Indexes into all_ids of the wanted ids that are there."""
    found = _index(all_ids, wanted)
    return found[found >= 0]


def _targets(
    graph: PaperFeatureGraph,
    stale_papers: np.ndarray,
    stale_features: np.ndarray,
    lone_papers: np.ndarray,
) -> np.ndarray:
    """Paper indexes to recompute: flagged papers and all papers of flagged features.

    `lone_papers` are the papers of flagged features that now have a single paper
    (those features are not in the graph, but their paper lost a neighbour).
    Computed with masks over the whole graph: a list of per-feature slices would
    cost more memory than the graph itself on a first load, when everything is flagged.
    """
    wanted = np.zeros(len(graph.paper_ids), dtype=bool)
    wanted[_positions(graph.paper_ids, stale_papers)] = True
    wanted[_positions(graph.paper_ids, lone_papers)] = True
    flagged = np.zeros(len(graph.feature_ids), dtype=bool)
    flagged[_positions(graph.feature_ids, stale_features)] = True
    if flagged.any() and len(graph.paper_features):
        has_links = graph.paper_ptr[1:] > graph.paper_ptr[:-1]
        starts = graph.paper_ptr[:-1][has_links]
        wanted[has_links] |= np.logical_or.reduceat(flagged[graph.paper_features], starts)
    return np.nonzero(wanted)[0]


# Papers scored together: numpy's candidate arrays, and so the peak memory, grow
# with this (about 125 KB per paper on the benchmark archive). At 600,000 papers 50 scored
# 4,900 papers a second with 11 MB of temporaries at most, 100 4,400 with 17 MB.
SCORING_CHUNK = 50


def _rows(
    graph: PaperFeatureGraph, batch: np.ndarray, settings: RelatedSettings
) -> list[dict[str, Any]]:
    rows = []
    for start in range(0, len(batch), SCORING_CHUNK):
        chunk = batch[start : start + SCORING_CHUNK]
        for paper, links in zip(chunk.tolist(), graph.top_related(chunk, settings.k), strict=True):
            rows.append(
                {
                    "paper": int(graph.paper_ids[paper]),
                    "links": [
                        {
                            "paper": int(graph.paper_ids[other]),
                            "score": score,
                            "reasons": graph.reasons(shared),
                        }
                        for other, score, shared in links
                    ],
                }
            )
    return rows


def _write_related(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> list[SummaryCounters]:
    return [tx.run(WRITE_RELATED, rows=rows).consume().counters]


def _grouped(
    keys: np.ndarray,
    pointers: np.ndarray,
    value_at: Callable[[np.ndarray], np.ndarray],
    blocks: int = 16,
) -> np.ndarray:
    """The values of the entries ordered by key (stable), as int32: `value_at(positions)` gives
    the values of the entries at those positions, `pointers` each key's start. Sorted a block
    of keys at a time: one argsort of all links held an int64 index and a sorted copy of the
    largest arrays at once (~110 MB at the real archive's 7 million links)."""
    grouped = np.empty(len(keys), dtype=np.int32)
    # blocks of about as many entries each (keys hold very different numbers of them)
    bounds = np.searchsorted(pointers, np.linspace(0, pointers[-1], blocks + 1))
    bounds[0], bounds[-1] = 0, len(pointers) - 1
    for low, high in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if pointers[high] == pointers[low]:
            continue
        in_block = keys >= low
        np.logical_and(in_block, keys < high, out=in_block)
        members = np.flatnonzero(in_block)
        del in_block
        order = np.argsort(keys[members], kind="stable")
        grouped[pointers[low] : pointers[high]] = value_at(members[order])
    return grouped


def _nondecreasing(values: np.ndarray, block: int = 1 << 20) -> bool:
    """Whether the values never go down, a block at a time (np.diff of all would copy them)."""
    for start in range(0, max(len(values) - 1, 0), block):
        part = values[start : start + block + 1]
        if np.any(part[1:] < part[:-1]):
            return False
    return True


def _pointers(keys: np.ndarray, n: int) -> np.ndarray:
    """Where each key's run starts in an array grouped by key (from counts: any order will do)."""
    counts = np.bincount(keys, minlength=n) if len(keys) else np.zeros(n, np.int64)
    pointers = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=pointers[1:])
    return pointers


def _ids(session: Session, query: LiteralString) -> np.ndarray:
    return np.array(session.run(query).single(strict=True)["ids"], dtype=np.int64)


def recompute_related(
    driver: Driver,
    database: str | None,
    settings: RelatedSettings,
    counts: WriteCounts,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute the links of every paper whose top k may have changed; returns how many."""
    from neo4j import NotificationDisabledClassification  # see the TYPE_CHECKING import

    with driver.session(
        database=database,
        # id() is deprecated in favour of elementId(); ids stay valid within this
        # run, and integers keep the in-memory graph compact.
        notifications_disabled_classifications=[NotificationDisabledClassification.DEPRECATION],
    ) as session:
        stale_papers = _ids(session, STALE_PAPERS)
        stale_features = np.concatenate(
            [_ids(session, STALE_FEATURES[label]) for label, _, _ in FEATURE_KINDS]
        )
        if len(stale_papers) == 0 and len(stale_features) == 0:
            return 0
        lone = np.concatenate(
            [_ids(session, LONE_PAPERS_OF_STALE_FEATURES[label]) for label, _, _ in FEATURE_KINDS]
        )
        graph = PaperFeatureGraph.read(session, settings.hub_degree)
        targets = _targets(graph, stale_papers, stale_features, lone)
        total = len(targets)
        if on_progress:
            on_progress(0, total)
        # numpy scores the next batch while Neo4j writes this one
        sink = BatchSink(driver, database, counts=counts)
        written = 0

        def committed(rows: int) -> None:
            nonlocal written
            written += rows
            if on_progress:
                on_progress(written, total)

        try:
            for start in range(0, total, settings.batch):
                sink.submit(
                    _write_related,
                    _rows(graph, targets[start : start + settings.batch], settings),
                    committed,
                )
                trim_heap()  # the scored batches' temporaries (memory.py says why)
        finally:
            sink.close()
        # last: a run killed before this point recomputes these features' papers next time
        for label, _, _ in FEATURE_KINDS:
            while session.execute_write(_clear_stale_features, label):
                pass
        return total


def _clear_stale_features(tx: ManagedTransaction, label: str) -> int:
    return int(tx.run(CLEAR_STALE_FEATURES[label]).single(strict=True)["n"])
