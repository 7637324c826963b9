"""The root Query type: entry points into the graph."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.filters import (
    AuthorWhere,
    DatasetWhere,
    MethodWhere,
    NameOrder,
    PaperOrder,
    PaperWhere,
    TaskWhere,
)
from schema.types.author import Author
from schema.types.connection import Connection, Edge
from schema.types.dataset import Dataset
from schema.types.declare import unanswered
from schema.types.leaderboard import Leaderboard
from schema.types.method import Method
from schema.types.node import Node
from schema.types.paper import Paper
from schema.types.repository import Repository
from schema.types.subgraph import Subgraph
from schema.types.task import Task

# The bounds the descriptions state (schema/lane/translate.py checks them).
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


@strawberry.type(description="Entry points into the Papers With Code graph.")
class Query:
    @strawberry.field(description="Any entity by its global id.")
    def node(self, id: strawberry.ID) -> Node | None:
        unanswered()

    @strawberry.field(
        description="One paper, by id, slug or arXiv id (`2302.00402`, `2302.00402v1` or an arXiv URL)."
    )
    def paper(
        self,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        arxiv_id: str | None = None,
    ) -> Paper | None:
        unanswered()

    @strawberry.field(description="Papers, filtered and sorted (newest first by default).")
    def papers(
        self,
        where: PaperWhere | None = None,
        order_by: list[PaperOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Paper]:
        unanswered()

    @strawberry.field(
        description=(
            "Full-text search over paper titles and abstracts, most relevant first. Lucene syntax "
            "characters are searched as text. An arXiv id or URL as the query finds that paper."
        )
    )
    def search(
        self, query: str, first: int | None = None, after: str | None = None
    ) -> PaperSearchConnection:
        unanswered()

    @strawberry.field(description="One author, by id or name.")
    def author(self, id: strawberry.ID | None = None, name: str | None = None) -> Author | None:
        unanswered()

    @strawberry.field(
        description="Authors, filtered by name, sorted by name unless asked otherwise."
    )
    def authors(
        self,
        where: AuthorWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Author]:
        unanswered()

    @strawberry.field(description="One task, by id or name.")
    def task(self, id: strawberry.ID | None = None, name: str | None = None) -> Task | None:
        unanswered()

    @strawberry.field(description="Tasks, filtered by name, sorted by name unless asked otherwise.")
    def tasks(
        self,
        where: TaskWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Task]:
        unanswered()

    @strawberry.field(description="One dataset, by id or name.")
    def dataset(self, id: strawberry.ID | None = None, name: str | None = None) -> Dataset | None:
        unanswered()

    @strawberry.field(
        description="Datasets, filtered by name, sorted by name unless asked otherwise."
    )
    def datasets(
        self,
        where: DatasetWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Dataset]:
        unanswered()

    @strawberry.field(description="One method, by id or name.")
    def method(self, id: strawberry.ID | None = None, name: str | None = None) -> Method | None:
        unanswered()

    @strawberry.field(
        description="Methods, filtered by name, sorted by name unless asked otherwise."
    )
    def methods(
        self,
        where: MethodWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Method]:
        unanswered()

    @strawberry.field(description="One code repository, by URL.")
    def repository(self, url: str) -> Repository | None:
        unanswered()

    @strawberry.field(
        description="The leaderboard of a task on a dataset, ranked by `metric` (default: its first metric)."
    )
    def leaderboard(self, task: str, dataset: str, metric: str | None = None) -> Leaderboard | None:
        unanswered()

    @strawberry.field(description="The nodes and edges around any node, for graph views.")
    def neighborhood(
        self,
        id: strawberry.ID,
        hops: Annotated[int, strawberry.argument(description="How far to walk: 1 to 3.")] = 1,
        limit: Annotated[
            int,
            strawberry.argument(description=f"At most this many nodes (1 to {MAX_NEIGHBORHOOD})."),
        ] = 100,
    ) -> Subgraph:
        unanswered()

    @strawberry.field(
        description="A shortest path between two nodes, null when there is none within maxHops."
    )
    def path(
        self,
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
        unanswered()
