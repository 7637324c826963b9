"""The related-paper scoring of loaders/related.py, compiled (numba) over its CSR arrays.

One pass per paper with a dense accumulator over the other papers replaces the batch's
sorts (np.unique, lexsort, isin), which were most of the step's time. The arithmetic is
the numpy version's, in the same order, so that the scores are the same floats: a pair's
partial score sums the paper's non-hub features in its CSR order, the hub bonus sums the
other paper's hubs in theirs, and the sum is rounded as np.round(x, 9) rounds
(rint(x * 1e9) / 1e9).

`cache=True` keeps the machine code under __pycache__ (or numba's user cache when that is
not writable): the first run of a version compiles it (seconds), later ones load it.
`warm_up()` compiles or loads it now: a process that forks scorers calls it first, so
that they inherit the compiled code instead of each compiling it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit


class Scored(NamedTuple):
    """A batch's top links, flat: paper i's links are [link_ptr[i], link_ptr[i + 1]) of
    `other` and `score`; link j's shared features are [shared_ptr[j], shared_ptr[j + 1])
    of `shared`."""

    link_ptr: np.ndarray
    other: np.ndarray
    score: np.ndarray
    shared_ptr: np.ndarray
    shared: np.ndarray


class Scratch:
    """Per-process work arrays of the kernel, sized for a graph, reused between batches
    (left zeroed by every batch)."""

    def __init__(self, n_papers: int, n_features: int) -> None:
        self.partial = np.zeros(n_papers, dtype=np.float64)
        self.is_candidate = np.zeros(n_papers, dtype=np.bool_)
        self.candidates = np.zeros(n_papers, dtype=np.int32)
        self.has_feature = np.zeros(n_features, dtype=np.bool_)


@njit(cache=True, nogil=True)
def _better(score_a: float, paper_a: int, score_b: float, paper_b: int) -> bool:
    """The order of a paper's links: best score first, then slug (index) order."""
    return score_a > score_b or (score_a == score_b and paper_a < paper_b)


@njit(cache=True, nogil=True)
def _score_batch(
    batch: np.ndarray,
    k: int,
    paper_ptr: np.ndarray,
    paper_features: np.ndarray,
    paper_hub_ptr: np.ndarray,
    paper_hubs: np.ndarray,
    feature_ptr: np.ndarray,
    feature_papers: np.ndarray,
    weight: np.ndarray,
    is_hub: np.ndarray,
    partial: np.ndarray,
    is_candidate: np.ndarray,
    candidates: np.ndarray,
    has_feature: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(batch)
    link_ptr = np.zeros(n + 1, dtype=np.int64)
    other = np.empty(n * k, dtype=np.int64)
    score = np.empty(n * k, dtype=np.float64)
    top_kth = np.empty(k, dtype=np.float64)  # the k best partial scores, best first
    for i in range(n):
        paper = batch[i]
        # candidates through the non-hub features; the hubs' weights bound their bonus
        n_candidates = 0
        hub_bound = 0.0
        for j in range(paper_ptr[paper], paper_ptr[paper + 1]):
            feature = paper_features[j]
            if is_hub[feature]:
                hub_bound += weight[feature]
                continue
            w = weight[feature]
            for q in range(feature_ptr[feature], feature_ptr[feature + 1]):
                candidate = feature_papers[q]
                if candidate == paper:
                    continue
                if not is_candidate[candidate]:
                    is_candidate[candidate] = True
                    candidates[n_candidates] = candidate
                    n_candidates += 1
                partial[candidate] += w
        # the k-th best partial score: a candidate that cannot reach it with every hub
        # bonus is out
        kth = -np.inf
        if n_candidates > k:
            filled = 0
            for c in range(n_candidates):
                value = partial[candidates[c]]
                if filled < k:
                    at = filled
                    filled += 1
                elif value > top_kth[k - 1]:
                    at = k - 1
                else:
                    continue
                while at > 0 and top_kth[at - 1] < value:
                    top_kth[at] = top_kth[at - 1]
                    at -= 1
                top_kth[at] = value
            kth = top_kth[k - 1]
        for j in range(paper_ptr[paper], paper_ptr[paper + 1]):
            has_feature[paper_features[j]] = True
        # the top k of the contenders, in order, from the end of the links before
        start = link_ptr[i]
        kept = 0
        for c in range(n_candidates):
            candidate = candidates[c]
            value = partial[candidate]
            if not value + hub_bound >= kth - 1e-9:
                continue
            if hub_bound > 0:
                bonus = 0.0
                for h in range(paper_hub_ptr[candidate], paper_hub_ptr[candidate + 1]):
                    hub = paper_hubs[h]
                    if has_feature[hub]:
                        bonus += weight[hub]
                value += bonus
            value = np.rint(value * 1e9) / 1e9
            if kept < k:
                at = kept
                kept += 1
            elif _better(value, candidate, score[start + k - 1], other[start + k - 1]):
                at = k - 1
            else:
                continue
            while at > 0 and _better(
                value, candidate, score[start + at - 1], other[start + at - 1]
            ):
                score[start + at] = score[start + at - 1]
                other[start + at] = other[start + at - 1]
                at -= 1
            score[start + at] = value
            other[start + at] = candidate
        link_ptr[i + 1] = start + kept
        # leave the scratch arrays as they were found
        for c in range(n_candidates):
            partial[candidates[c]] = 0.0
            is_candidate[candidates[c]] = False
        for j in range(paper_ptr[paper], paper_ptr[paper + 1]):
            has_feature[paper_features[j]] = False

    # shared features of each link (the other paper's, in its order, that the paper has)
    n_links = link_ptr[n]
    shared_ptr = np.zeros(n_links + 1, dtype=np.int64)
    bound = 0
    for j in range(n_links):
        bound += paper_ptr[other[j] + 1] - paper_ptr[other[j]]
    shared = np.empty(bound, dtype=np.int32)
    at = 0
    for i in range(n):
        paper = batch[i]
        for j in range(paper_ptr[paper], paper_ptr[paper + 1]):
            has_feature[paper_features[j]] = True
        for link in range(link_ptr[i], link_ptr[i + 1]):
            for j in range(paper_ptr[other[link]], paper_ptr[other[link] + 1]):
                if has_feature[paper_features[j]]:
                    shared[at] = paper_features[j]
                    at += 1
            shared_ptr[link + 1] = at
        for j in range(paper_ptr[paper], paper_ptr[paper + 1]):
            has_feature[paper_features[j]] = False
    return link_ptr, other[:n_links], score[:n_links], shared_ptr, shared[:at]


def score_batch(
    batch: np.ndarray,
    k: int,
    *,
    paper_ptr: np.ndarray,
    paper_features: np.ndarray,
    paper_hub_ptr: np.ndarray,
    paper_hubs: np.ndarray,
    feature_ptr: np.ndarray,
    feature_papers: np.ndarray,
    weight: np.ndarray,
    is_hub: np.ndarray,
    scratch: Scratch,
) -> Scored:
    """The top k links of each paper of `batch` (paper indexes), with their shared features.

    The arrays are PaperFeatureGraph's; their types are fixed here (one compiled version)."""
    return Scored(
        *_score_batch(
            np.ascontiguousarray(batch, dtype=np.int64),
            k,
            paper_ptr,
            paper_features,
            paper_hub_ptr,
            paper_hubs,
            feature_ptr,
            feature_papers,
            weight,
            is_hub,
            scratch.partial,
            scratch.is_candidate,
            scratch.candidates,
            scratch.has_feature,
        )
    )
