"""The importer's CSV input (neo4j-admin database import full) for a bulk-built graph.

One header file and data files per node label and relationship type, integer node ids
(`:ID`, not stored; papers first, then each label's nodes in a range of their own), typed
columns (`published:date`, `paperCount:long`, `score:double`, `reasons:string[]`, ...), so
that every value lands with the type the online loader gives it. Strings are always quoted
(an empty string stays one); a missing value is an empty field (no property). Array
elements are separated by U+001F, which no name holds. Rows with a line break in a value go
to a file of their own, the only ones the importer reads as multi-line (that is slower).

The importer cannot write an empty list (an empty field is no property), which the online
loader stores (`SET n += {codeLinks: []}`): those properties are listed in `empty_lists`,
and set online after the import (loaders/bulk/run.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

import numpy as np

from graphdb.counts import KEY as GRAPH_COUNTS_KEY
from graphdb.counts import LABEL as GRAPH_COUNTS_LABEL
from graphdb.list_counts import YEARS
from graphdb.model import (
    COAUTHOR_LINK,
    COAUTHOR_OF,
    COAUTHOR_SHARED,
    COAUTHORS_KEPT,
    LINK_DATE,
    LINK_NAME,
    NO_DATE,
)
from graphdb.suggest import suggest_tags, suggest_text
from loaders.bulk.derive import Derived
from loaders.bulk.graph import PAPER_PROPS, BulkGraph, Props, spooled_paper_props

ARRAY_DELIMITER: Final = "\x1f"
Row = list[Any]


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def csv_list(value: list[Any]) -> str:
    """A list's CSV field (an array column's)."""
    return _text(ARRAY_DELIMITER.join(map(str, value)))


# Each value's CSV form by its exact type: one lookup per field (there are tens of millions),
# not a chain of isinstance checks. bool has its own entry, before int could claim it.
_FORMS: Final[dict[type, Callable[[Any], str]]] = {
    str: _text,
    int: str,
    bool: lambda value: "true" if value else "false",
    float: repr,
    dt.date: dt.date.isoformat,
    dt.datetime: dt.datetime.isoformat,
    list: csv_list,
    type(None): lambda _value: "",
}


def _field(value: Any) -> str:
    form = _FORMS.get(type(value))
    if form is None:  # a subclass (numpy's float64 is a float): the form of its nearest base
        form = next((_FORMS[base] for base in type(value).__mro__ if base in _FORMS), None)
        if form is None:
            raise TypeError(f"no CSV form for {type(value).__name__}")
    return form(value)


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return _type(value[0]) + "[]"
    raise TypeError(f"no CSV type for {type(value).__name__}")


@dataclass
class ImportFiles:
    """What the importer is given: --nodes and --relationships groups, multi-line files."""

    folder: Path
    nodes: list[tuple[str, list[Path]]] = field(default_factory=list)
    relationships: list[tuple[str, list[Path]]] = field(default_factory=list)
    multiline: list[Path] = field(default_factory=list)
    # (label, key property, key, {property: []}): set online after the import
    empty_lists: list[tuple[str, str, str, Props]] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0

    def arguments(self) -> list[str]:
        args = ["--id-type=integer", "--array-delimiter=U+001F"]
        for label, files in self.nodes:
            args.append(f"--nodes={label}=" + ",".join(str(f) for f in files))
        for rel_type, files in self.relationships:
            args.append(f"--relationships={rel_type}=" + ",".join(str(f) for f in files))
        if self.multiline:
            args += ["--multiline-fields-format=v2",
                     "--multiline-fields=" + ",".join(str(f) for f in self.multiline)]  # fmt: skip
        return args


class _Group:
    """One header and its data files (plain and multi-line)."""

    def __init__(self, files: ImportFiles, name: str, header: list[str]) -> None:
        self.files = files
        self.header_path = files.folder / f"{name}.header.csv"
        self.header_path.write_text(",".join(header) + "\n", encoding="utf-8")
        self.paths = [files.folder / f"{name}.csv", files.folder / f"{name}.multiline.csv"]
        self._out: list[IO[str]] = [p.open("w", encoding="utf-8", newline="") for p in self.paths]
        self._used = [False, False]
        self.count = 0

    def write(self, values: Row) -> None:
        self.write_line(",".join(map(_field, values)))

    def write_line(self, line: str) -> None:
        """A row already in CSV form (without its line end)."""
        # a line break in the line is one in a value: no form adds one
        which = 1 if "\n" in line or "\r" in line else 0
        self._used[which] = True
        self._out[which].write(line + "\n")
        self.count += 1

    def close(self) -> list[Path]:
        for out in self._out:
            out.close()
        if self._used[1]:
            self.files.multiline.append(self.paths[1])
        return [self.header_path] + [
            p for p, used in zip(self.paths, self._used, strict=True) if used
        ]


class CsvWriter:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.files = ImportFiles(folder)

    def nodes(self, label: str, header: list[str], rows: Iterable[Row]) -> None:
        group = _Group(self.files, f"nodes-{label}-{len(self.files.nodes)}", header)
        for row in rows:
            group.write(row)
        self.files.nodes.append((label, group.close()))
        self.files.node_count += group.count

    def relationships(
        self, rel_type: str, header: list[str], rows: Iterable[Row], name: str | None = None
    ) -> None:
        self.relationship_lines(rel_type, header, (",".join(map(_field, r)) for r in rows), name)

    def relationship_lines(
        self, rel_type: str, header: list[str], lines: Iterable[str], name: str | None = None
    ) -> None:
        """Relationships whose rows the caller formats (the millions of link rows: the same
        forms as `_field`'s, without its lookup per value)."""
        group = _Group(
            self.files, f"rels-{name or rel_type}-{len(self.files.relationships)}", header
        )
        for line in lines:
            group.write_line(line)
        self.files.relationships.append((rel_type, group.close()))
        self.files.relationship_count += group.count

    def keyed_nodes(
        self,
        label: str,
        key: str,
        first_id: int,
        items: Iterable[tuple[str, Props]] | Callable[[], Iterable[tuple[str, Props]]],
    ) -> None:
        """Nodes of a label, columns and types read from their values (two passes: `items`
        may be a function that makes them, so that they are not all held at once)."""
        rows = items if callable(items) else list(items).__iter__
        types: dict[str, str] = {}
        for name, props in rows():
            for prop, value in props.items():
                if isinstance(value, list) and not value:
                    self.files.empty_lists.append((label, key, name, {prop: []}))
                    continue
                kind = _type(value)
                if types.setdefault(prop, kind) != kind:
                    raise TypeError(f"{label}.{prop} holds both {types[prop]} and {kind}")
        columns = [p for p in types if p != key]
        header = [":ID", f"{key}:string"] + [f"{c}:{types[c]}" for c in columns]

        def values() -> Iterator[Row]:
            for offset, (name, props) in enumerate(rows()):
                yield [first_id + offset, name] + [
                    None if isinstance(props.get(c), list) and not props[c] else props.get(c)
                    for c in columns
                ]

        self.nodes(label, header, values())


def _suggested(props: Props, kind: str, name: str, popularity: int) -> Props:
    """The typeahead's properties, as loaders/suggestions.py writes them."""
    props["suggest"] = suggest_text(name)
    props["suggestTags"] = suggest_tags(kind, popularity)
    props["suggestCount"] = popularity
    return props


class _DayField:
    """A date ordinal (0: none) as the CSV field of the ISO date a dated link keeps; a few
    thousand distinct days serve millions of links, so each is formatted once."""

    def __init__(self) -> None:
        self._field: dict[int, str] = {0: _text(NO_DATE)}

    def __call__(self, ordinal: int) -> str:
        text = self._field.get(ordinal)
        if text is None:
            text = self._field[ordinal] = _text(dt.date.fromordinal(ordinal).isoformat())
        return text


def write_graph(
    graph: BulkGraph, derived: Derived, folder: Path
) -> tuple[CsvWriter, dict[str, int]]:
    """Every node and relationship but RELATED_TO; returns the writer and each label's first id."""
    csv = CsvWriter(folder)
    n_papers = len(graph.papers)
    first: dict[str, int] = {"Paper": 0}
    next_id = n_papers

    def reserve(label: str, count: int) -> int:
        nonlocal next_id
        first[label], next_id = next_id, next_id + count
        return first[label]

    # loaded papers from the spool (their last write), stubs from memory
    paper_header = (
        [":ID", "slug:string"]
        + [f"{p}:{'date' if p == 'published' else 'string'}" for p in PAPER_PROPS]
        + ["sourceHash:string", "suggest:string", "suggestTags:string", "suggestCount:long"]
    )

    def loaded() -> Iterator[Row]:
        for paper, serial, values, source_hash in graph.spool.read():
            if graph.serial[paper] != serial:
                continue  # rewritten by a later dump
            props = spooled_paper_props(values, source_hash)
            popularity = int(derived.code_count[paper])
            yield [paper, graph.papers.keys[paper]] + [props.get(p) for p in PAPER_PROPS] + [
                source_hash, suggest_text(props["title"]), suggest_tags("paper", popularity),
                popularity,
            ]  # fmt: skip

    csv.nodes("Paper", paper_header, loaded())
    stub_header = [":ID", "slug:string", "title:string", "titleKey:string", "arxivId:string",
                   "urlAbs:string", "urlPdf:string", "pwcUrl:string", "stub:boolean"]  # fmt: skip

    def stubs() -> Iterator[Row]:
        for paper, props in enumerate(graph.stub_props):
            if props is not None:
                yield [paper, graph.papers.keys[paper]] + [
                    props.get(c.split(":")[0]) for c in stub_header[2:]
                ]

    csv.nodes("Paper", stub_header, stubs())

    def listed(label: str, i: int) -> Props:
        """The papers lists' kept totals and papers per year of a node (graphdb/list_counts.py)."""
        kept = {k.prop: int(counts[i]) for k, counts in derived.list_counts[label].items()}
        return {**kept, YEARS: derived.year_counts[label].of(i)}

    authors = reserve("Author", len(graph.authors))
    csv.keyed_nodes("Author", "name", authors, lambda: (
        (name, _suggested({"paperCount": int(derived.author_count[i]), **listed("Author", i),
                           **({COAUTHORS_KEPT: True} if derived.coauthors_kept[i] else {})},
                          "author", name, int(derived.author_count[i])))
        for i, name in enumerate(graph.authors.keys)
    ))  # fmt: skip

    def counted(props: Props, count: int | None, kept: Props) -> Props:
        out = {**props, **kept}
        if count is not None:
            out["paperCount"] = count
        return out

    tasks = reserve("Task", len(graph.task_ids))
    task_rows = []
    for i, name in enumerate(graph.task_ids.keys):
        task = graph.tasks[name]
        count = int(derived.task_count[i]) if task.by_papers else None
        task_rows.append(
            (name, _suggested(counted(task.props, count, listed("Task", i)), "task", name,
                              count or 0))
        )  # fmt: skip
    csv.keyed_nodes("Task", "name", tasks, task_rows)

    methods = reserve("Method", len(graph.method_ids))
    method_rows = []
    for i, name in enumerate(graph.method_ids.keys):
        method = graph.methods[name]
        count = int(derived.method_count[i]) if method.by_papers else None
        method_rows.append(
            (
                name,
                _suggested(
                    counted(method.props, count, listed("Method", i)), "method", name, count or 0
                ),
            )
        )
    csv.keyed_nodes("Method", "name", methods, method_rows)

    dataset_names = list(graph.datasets)
    datasets = reserve("Dataset", len(dataset_names))
    csv.keyed_nodes("Dataset", "name", datasets, (
        (name, _suggested(counted(graph.datasets[name].props, derived.dataset_count.get(name),
                                  listed("Dataset", i)),
                          "dataset", name, derived.dataset_count.get(name, 0)))
        for i, name in enumerate(dataset_names)
    ))  # fmt: skip
    dataset_id = {name: datasets + i for i, name in enumerate(dataset_names)}

    area_names = list(graph.areas)
    areas = reserve("Area", len(area_names))
    csv.keyed_nodes("Area", "name", areas,
                    ((n, {"paperCount": derived.area_count[n], YEARS: derived.year_counts["Area"].of(i)})
                     for i, n in enumerate(area_names)))  # fmt: skip
    area_id = {name: areas + i for i, name in enumerate(area_names)}

    collection_names = list(graph.collections)
    collections = reserve("Collection", len(collection_names))
    csv.keyed_nodes("Collection", "name", collections,
                    ((n, graph.collections[n]) for n in collection_names))  # fmt: skip
    collection_id = {name: collections + i for i, name in enumerate(collection_names)}

    conference_names = list(derived.conferences)
    conferences = reserve("Conference", len(conference_names))
    csv.keyed_nodes("Conference", "name", conferences, (
        (n, {"years": derived.conferences[n][0], "paperCount": derived.conferences[n][1]})
        for n in conference_names
    ))  # fmt: skip
    conference_id = {name: conferences + i for i, name in enumerate(conference_names)}

    kept = [i for i in range(len(graph.proceedings)) if derived.proceeding_count[i]]
    proceedings = reserve("Proceeding", len(kept))
    proceeding_id = {number: proceedings + i for i, number in enumerate(kept)}
    csv.keyed_nodes("Proceeding", "name", proceedings, (
        (graph.proceedings.keys[n], {"conference": graph.proceeding_props[n][0],
                                     "year": graph.proceeding_props[n][1],
                                     "paperCount": int(derived.proceeding_count[n])})
        for n in kept
    ))  # fmt: skip

    repositories = reserve("Repository", len(graph.repositories))
    csv.keyed_nodes("Repository", "url", repositories, lambda: (
        (url, {**graph.repository_props(i), "paperCount": int(derived.repository_count[i])})
        for i, url in enumerate(graph.repositories.keys)
    ))  # fmt: skip

    result_keys = list(graph.results)
    results = reserve("Result", len(result_keys))
    csv.keyed_nodes("Result", "key", results,
                    lambda: ((k, graph.results[k].props) for k in result_keys))  # fmt: skip
    csv.keyed_nodes(GRAPH_COUNTS_LABEL, "name", reserve(GRAPH_COUNTS_LABEL, 1),
                    [(GRAPH_COUNTS_KEY, dict(derived.graph_counts))])  # fmt: skip

    # relationships ------------------------------------------------------------------
    pair = [":START_ID", ":END_ID"]
    day_field = _DayField()
    for rel_type, links, base, names in (
        ("AUTHORED_BY", graph.authored, authors, graph.authors.keys),
        ("ADDRESSES", graph.addresses, tasks, graph.task_ids.keys),
        ("USES_METHOD", graph.uses_method, methods, graph.method_ids.keys),
    ):
        live = graph.live(links)

        def feature_lines(live: Any = live, links: Any = links, base: int = base,
                          names: list[str] = names) -> Iterator[str]:  # fmt: skip
            """start, end[, position], name and date of the link (graphdb/model.py DATED_LINKS)."""
            papers = np.frombuffer(links.paper, dtype=np.int32)
            features = np.frombuffer(links.feature, dtype=np.int32)
            positions = (None if links.position is None
                         else np.frombuffer(links.position, dtype=np.int32))  # fmt: skip
            day = graph.day
            kept = live.nonzero()[0]
            for start in range(0, len(kept), 100_000):  # a list of them all would cost 100 MB
                chunk = kept[start : start + 100_000]
                paper_of, feature_of = papers[chunk].tolist(), features[chunk].tolist()
                if positions is None:
                    for paper, feature in zip(paper_of, feature_of, strict=True):
                        yield (f"{paper},{base + feature},{_text(names[feature])},"
                               f"{day_field(day[paper])}")  # fmt: skip
                else:
                    for paper, feature, position in zip(paper_of, feature_of,
                                                        positions[chunk].tolist(), strict=True):  # fmt: skip
                        yield (f"{paper},{base + feature},{position},{_text(names[feature])},"
                               f"{day_field(day[paper])}")  # fmt: skip

        header = pair + (["position:long"] if links.position is not None else [])
        header += [f"{LINK_NAME}:string", f"{LINK_DATE}:date"]
        csv.relationship_lines(rel_type, header, feature_lines())

    owners, others, shared = derived.coauthor_links  # loaders/coauthors.py

    def coauthor_lines() -> Iterator[str]:
        names = graph.authors.keys
        for start in range(0, len(owners), 100_000):
            chunk = zip(owners[start : start + 100_000].tolist(),
                        others[start : start + 100_000].tolist(),
                        shared[start : start + 100_000].tolist(), strict=True)  # fmt: skip
            for owner, other, n in chunk:
                yield f"{authors + owner},{authors + other},{_text(names[owner])},{n}"

    csv.relationship_lines(COAUTHOR_LINK,
                           [*pair, f"{COAUTHOR_OF}:string", f"{COAUTHOR_SHARED}:long"],
                           coauthor_lines())  # fmt: skip
    csv.relationships("PUBLISHED_IN", pair, (
        [p, proceeding_id[v]] for p, v in enumerate(graph.venue) if v >= 0
    ))  # fmt: skip
    csv.relationships("REPRODUCES", pair, (
        [p, t] for p, t in enumerate(graph.reproduces) if t >= 0
    ))  # fmt: skip
    csv.relationships("OF_CONFERENCE", pair, (
        [proceeding_id[n], conference_id[graph.proceeding_props[n][0]]] for n in kept
    ))  # fmt: skip
    csv.relationships("IN_COLLECTION", pair, (
        [methods + graph.method_ids.index[name], collection_id[c]]
        for name, method in graph.methods.items() for c in method.collections
    ))  # fmt: skip
    csv.relationships("INTRODUCED_IN", pair, [
        *([methods + graph.method_ids.index[name], m.paper]
          for name, m in graph.methods.items() if m.paper is not None),
        *([dataset_id[name], d.paper] for name, d in graph.datasets.items() if d.paper is not None),
    ])  # fmt: skip
    csv.relationships("FOR_TASK", pair, (
        [dataset_id[name], tasks + graph.task_ids.index[t]]
        for name, d in graph.datasets.items() for t in d.tasks
    ))  # fmt: skip
    csv.relationships("SUBTASK_OF", pair, (
        [tasks + graph.task_ids.index[name], tasks + graph.task_ids.index[parent]]
        for name, t in graph.tasks.items() for parent in t.parents
    ))  # fmt: skip
    csv.relationships("IN_AREA", pair, (
        [tasks + graph.task_ids.index[name], area_id[a]]
        for name, t in graph.tasks.items() for a in t.areas
    ))  # fmt: skip
    result_id = {key: results + i for i, key in enumerate(result_keys)}
    csv.relationships("ON_TASK", pair, (
        [result_id[k], tasks + graph.task_ids.index[r.task]] for k, r in graph.results.items()
    ))  # fmt: skip
    csv.relationships("ON_DATASET", pair, (
        [result_id[k], dataset_id[r.dataset]] for k, r in graph.results.items()
    ))  # fmt: skip
    csv.relationships("REPORTS", pair, (
        [paper, result_id[k]] for k, paper in derived.reports.items()
    ))  # fmt: skip
    csv.relationships("USES_DATASET", pair, (
        [paper, dataset_id[name]] for paper, names in derived.uses_dataset.items() for name in names
    ))  # fmt: skip
    csv.relationships(
        "HAS_CODE",
        [*pair, "official:boolean", "mentionedInPaper:boolean", "mentionedInGithub:boolean"],
        (
            [paper, repositories + repo, link.get("official"), link.get("mentionedInPaper"),
             link.get("mentionedInGithub")]
            for paper, repo, link in graph.code_links()
        ),
    )  # fmt: skip
    return csv, first
