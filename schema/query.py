"""The root Query type: entry points into the graph."""

from __future__ import annotations

from typing import Annotated, Any, Final

import strawberry

from graphdb.identifiers import normalize_arxiv_id
from schema.context import Info
from schema.data import cypher, lists
from schema.data.cursors import decode_cursor, decode_id, encode_cursor
from schema.data.later import resolved
from schema.data.lists import SortKey, root_spec
from schema.data.values import plain_properties
from schema.errors import UserInputError
from schema.filters import (
    NAME_PREDICATES,
    PAPER_PREDICATES,
    AuthorWhere,
    DatasetWhere,
    MethodWhere,
    NameOrder,
    PaperOrder,
    PaperWhere,
    TaskWhere,
    compile_where,
    name_order,
    paper_list_start,
    paper_order,
)
from schema.types.author import Author
from schema.types.connection import Connection, Edge, PageInfo, load_page, page_args, page_size
from schema.types.dataset import Dataset
from schema.types.leaderboard import Leaderboard, find_leaderboard
from schema.types.lookahead import file_child_lists, start_child_lists, start_child_lists_via
from schema.types.method import Method
from schema.types.node import Node
from schema.types.paper import Paper
from schema.types.repository import Repository
from schema.types.result import Result
from schema.types.selection import field_nodes
from schema.types.subgraph import Subgraph, subgraph_from
from schema.types.task import Task

MAKERS: dict[str, Any] = {
    "Paper": Paper.from_props, "Author": Author.from_props, "Task": Task.from_props,
    "Dataset": Dataset.from_props, "Method": Method.from_props, "Repository": Repository.from_props,
    "Result": Result.from_props,
}  # fmt: skip
MAX_NEIGHBORHOOD = 500
MAX_PATH_HOPS = 6


@strawberry.type(description="A paper found by a search, with its relevance.")
class PaperSearchEdge(Edge[Paper]):
    score: float = strawberry.field(description="Full-text relevance (higher is better).")


@strawberry.type(description="Search results, most relevant first.")
class PaperSearchConnection(Connection[Paper]):
    edges: list[PaperSearchEdge] = strawberry.field(
        description="The papers found, with scores and cursors."
    )  # type: ignore[assignment]


def _one_of(**given: Any) -> tuple[str, Any]:
    present = [(k, v) for k, v in given.items() if v is not None]
    if len(present) != 1:
        raise UserInputError(f"give exactly one of {', '.join(given)} (got {len(present)})")
    return present[0]


async def _by_key(info: Info, type_name: str, key: str) -> Any:
    found = info.context.data.one(cypher.NODE_BY_KEY[type_name]).load(key)
    start_child_lists(info, type_name, key)  # after the lookup: both go in one statement
    props = await found
    return MAKERS[type_name](props) if props else None


async def _by_id_or_key(info: Info, type_name: str, id: strawberry.ID | None, **keys: Any) -> Any:
    argument, value = _one_of(id=id, **keys)
    if argument == "id":
        kind, key = decode_id(str(value))
        if kind != type_name:
            raise UserInputError(f"id: {value!r} is the id of a {kind}, not of a {type_name}")
        return await _by_key(info, type_name, key)
    return await _by_key(info, type_name, value)


async def _element_id(info: Info, id: strawberry.ID, argument: str) -> str | None:
    kind, key = decode_id(str(id), argument)
    if kind not in cypher.ELEMENT_ID_BY_KEY:
        raise UserInputError(f"{argument}: {id!r} is not an id of this API")
    value = await info.context.data.values(cypher.ELEMENT_ID_BY_KEY[kind]).load(key)
    return str(value) if value is not None else None


# The GraphQL type of each root list's items (for the properties their selection needs).
ROOT_ITEM_TYPES: Final = {
    "papers": "Paper",
    "authors": "Author",
    "tasks": "Task",
    "datasets": "Dataset",
    "methods": "Method",
}


async def _root_list(
    info: Info,
    name: str,
    pattern: str,
    order: tuple[SortKey, ...],
    unique: SortKey,
    make: Any,
    where: tuple[str | None, dict[str, Any]],
    first: int | None,
    after: str | None,
    scan: str | None = None,
) -> Connection[Any]:
    spec = root_spec(name, pattern, order, unique, scan, ROOT_ITEM_TYPES[name])
    predicate, params = where
    selection = field_nodes(info)
    args = page_args(spec, first, after, where=predicate, where_params=params, selection=selection)
    items, page_info, count = await resolved(load_page(info, args, None))
    return Connection(
        edges=[Edge(cursor=c, node=make(i.node)) for c, i in items],
        page_info=page_info,
        count=count,
    )


@strawberry.type(description="Entry points into the Papers With Code graph.")
class Query:
    @strawberry.field(description="Any entity by its global id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        kind, key = decode_id(str(id))
        if kind not in MAKERS:
            raise UserInputError(f"id: {id!r} is not an id of this API")
        node: Node | None = await _by_key(info, kind, key)
        return node

    @strawberry.field(
        description="One paper, by id, slug or arXiv id (`2302.00402`, `2302.00402v1` or an arXiv URL)."
    )
    async def paper(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        arxiv_id: str | None = None,
    ) -> Paper | None:
        argument, value = _one_of(id=id, slug=slug, arxivId=arxiv_id)
        if argument != "arxivId":
            paper: Paper | None = await _by_id_or_key(info, "Paper", id, slug=slug)
            return paper
        key = normalize_arxiv_id(value)
        if key is None:
            raise UserInputError(f"arxivId {value!r} is not an arXiv identifier or URL")
        found = info.context.data.paper_by_arxiv_id.load(key)
        lookahead = start_child_lists_via(info, "Paper", lists.PAPER_BY_ARXIV_ID, key)
        props = await found
        if not props:
            return None
        await file_child_lists(lookahead, props["slug"])
        return Paper.from_props(props)

    @strawberry.field(description="Papers, filtered and sorted (newest first by default).")
    async def papers(
        self,
        info: Info,
        where: PaperWhere | None = None,
        order_by: list[PaperOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Paper]:
        predicate, params = compile_where(where, PAPER_PREDICATES)
        pattern, scan, start_params = paper_list_start(where)
        return await _root_list(
            info, "papers", pattern, paper_order(order_by), SortKey("n.slug"), Paper.from_props,
            (predicate, {**params, **start_params}), first, after, scan,
        )  # fmt: skip

    @strawberry.field(
        description=(
            "Full-text search over paper titles and abstracts, most relevant first. Lucene syntax "
            "characters are searched as text. An arXiv id or URL as the query finds that paper."
        )
    )
    async def search(
        self, info: Info, query: str, first: int | None = None, after: str | None = None
    ) -> PaperSearchConnection:
        limit = page_size(first)
        cursor = decode_cursor(after, "search", 2) if after is not None else None
        text = query.strip()
        if not text:
            raise UserInputError("query: give some words to search for")
        data = info.context.data
        arxiv = normalize_arxiv_id(text)
        if arxiv is not None:
            props = await data.paper_by_arxiv_id.load(arxiv)
            if props is not None:
                edges = (
                    []
                    if cursor
                    else [
                        PaperSearchEdge(
                            cursor=encode_cursor("search", [1.0, props["slug"]]),
                            node=Paper.from_props(props),
                            score=1.0,
                        )
                    ]
                )
                info_ = PageInfo(has_next_page=False, has_previous_page=cursor is not None,
                                 start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None)  # fmt: skip
                return PaperSearchConnection(edges=edges, page_info=info_, count=lambda: 1)
        lucene = lucene_query(text)
        rows = await data.executor.run_read(
            cypher.SEARCH, {"query": lucene, "after": cursor, "limit": limit + 1}, ("node", "score")
        )
        edges = [
            PaperSearchEdge(cursor=encode_cursor("search", [r["score"], r["node"]["slug"]]),
                            node=Paper.from_props(plain_properties(r["node"])), score=float(r["score"]))
            for r in rows[:limit]
        ]  # fmt: skip
        page_info = PageInfo(
            has_next_page=len(rows) > limit,
            has_previous_page=cursor is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )

        async def total() -> int:
            counted = await data.executor.run_read(
                cypher.SEARCH_COUNT, {"query": lucene}, ("total",)
            )
            return int(counted[0]["total"]) if counted else 0

        return PaperSearchConnection(edges=edges, page_info=page_info, count=total)

    @strawberry.field(description="One author, by id or name.")
    async def author(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Author | None:
        author: Author | None = await _by_id_or_key(info, "Author", id, name=name)
        return author

    @strawberry.field(
        description="Authors, filtered by name, sorted by name unless asked otherwise."
    )
    async def authors(
        self,
        info: Info,
        where: AuthorWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Author]:
        return await _root_list(info, "authors", lists.ALL_AUTHORS, name_order(order_by), lists.NAME_KEY,
                                Author.from_props, compile_where(where, NAME_PREDICATES), first, after)  # fmt: skip

    @strawberry.field(description="One task, by id or name.")
    async def task(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Task | None:
        task: Task | None = await _by_id_or_key(info, "Task", id, name=name)
        return task

    @strawberry.field(description="Tasks, filtered by name, sorted by name unless asked otherwise.")
    async def tasks(
        self,
        info: Info,
        where: TaskWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Task]:
        return await _root_list(info, "tasks", lists.ALL_TASKS, name_order(order_by), lists.NAME_KEY,
                                Task.from_props, compile_where(where, NAME_PREDICATES), first, after)  # fmt: skip

    @strawberry.field(description="One dataset, by id or name.")
    async def dataset(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Dataset | None:
        dataset: Dataset | None = await _by_id_or_key(info, "Dataset", id, name=name)
        return dataset

    @strawberry.field(
        description="Datasets, filtered by name, sorted by name unless asked otherwise."
    )
    async def datasets(
        self,
        info: Info,
        where: DatasetWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Dataset]:
        return await _root_list(info, "datasets", lists.ALL_DATASETS, name_order(order_by), lists.NAME_KEY,
                                Dataset.from_props, compile_where(where, NAME_PREDICATES), first, after)  # fmt: skip

    @strawberry.field(description="One method, by id or name.")
    async def method(
        self, info: Info, id: strawberry.ID | None = None, name: str | None = None
    ) -> Method | None:
        method: Method | None = await _by_id_or_key(info, "Method", id, name=name)
        return method

    @strawberry.field(
        description="Methods, filtered by name, sorted by name unless asked otherwise."
    )
    async def methods(
        self,
        info: Info,
        where: MethodWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Method]:
        return await _root_list(info, "methods", lists.ALL_METHODS, name_order(order_by), lists.NAME_KEY,
                                Method.from_props, compile_where(where, NAME_PREDICATES), first, after)  # fmt: skip

    @strawberry.field(description="One code repository, by URL.")
    async def repository(self, info: Info, url: str) -> Repository | None:
        repository: Repository | None = await _by_key(info, "Repository", url)
        return repository

    @strawberry.field(
        description="The leaderboard of a task on a dataset, ranked by `metric` (default: its first metric)."
    )
    async def leaderboard(
        self, info: Info, task: str, dataset: str, metric: str | None = None
    ) -> Leaderboard | None:
        return await find_leaderboard(info, task, dataset, metric)

    @strawberry.field(description="The nodes and edges around any node, for graph views.")
    async def neighborhood(
        self,
        info: Info,
        id: strawberry.ID,
        hops: Annotated[int, strawberry.argument(description="How far to walk: 1 to 3.")] = 1,
        limit: Annotated[
            int,
            strawberry.argument(description=f"At most this many nodes (1 to {MAX_NEIGHBORHOOD})."),
        ] = 100,
    ) -> Subgraph:
        if hops not in cypher.NEIGHBORHOOD:
            raise UserInputError(f"hops: between 1 and 3 (got {hops})")
        if not 1 <= limit <= MAX_NEIGHBORHOOD:
            raise UserInputError(f"limit: between 1 and {MAX_NEIGHBORHOOD} (got {limit})")
        start = await _element_id(info, id, "id")
        if start is None:
            return Subgraph(nodes=[], edges=[])
        query = cypher.NEIGHBORHOOD[hops]
        rows = await info.context.data.executor.run_read(
            query, {"start": start, "limit": limit}, ("nodes", "edges")
        )
        return (
            subgraph_from(rows[0]["nodes"], rows[0]["edges"])
            if rows
            else Subgraph(nodes=[], edges=[])
        )

    @strawberry.field(
        description="A shortest path between two nodes, null when there is none within maxHops."
    )
    async def path(
        self,
        info: Info,
        from_: Annotated[
            strawberry.ID,
            strawberry.argument(name="from", description="Global id of the first node."),
        ],
        to: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the last node.")
        ],
        max_hops: Annotated[
            int, strawberry.argument(description=f"Longest path looked for: 1 to {MAX_PATH_HOPS}.")
        ] = 4,
    ) -> Subgraph | None:
        if max_hops not in cypher.SHORTEST_PATH:
            raise UserInputError(f"maxHops: between 1 and {MAX_PATH_HOPS} (got {max_hops})")
        source = await _element_id(info, from_, "from")
        target = await _element_id(info, to, "to")
        if source is None or target is None:
            return None
        if source == target:
            rows = await info.context.data.executor.run_read(
                cypher.NEIGHBORHOOD[1], {"start": source, "limit": 1}, ("nodes", "edges")
            )
            return subgraph_from(rows[0]["nodes"][:1], []) if rows else None
        query = cypher.SHORTEST_PATH[max_hops]
        rows = await info.context.data.executor.run_read(
            query, {"from": source, "to": target}, ("nodes", "edges")
        )
        return subgraph_from(rows[0]["nodes"], rows[0]["edges"]) if rows else None


_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


def lucene_query(text: str) -> str:
    """The user's words as plain Lucene terms: special characters escaped, operators lowercased."""
    escaped = "".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in text)
    words = [w.lower() if w in {"AND", "OR", "NOT", "TO"} else w for w in escaped.split()]
    return " ".join(words)
