"""The Paper type: the centre of the graph."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import lists
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater, then
from schema.types.author import Author
from schema.types.connection import (
    Connection,
    Edge,
    PageParts,
    connection,
    load_page,
    page_args,
)
from schema.types.node import Node
from schema.types.selection import field_nodes

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.method import Method
    from schema.types.repository import Repository, RepositoryConnection
    from schema.types.result import Result
    from schema.types.task import Task

TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
MethodRef = Annotated["Method", strawberry.lazy("schema.types.method")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]
RepositoryRef = Annotated["Repository", strawberry.lazy("schema.types.repository")]
ResultRef = Annotated["Result", strawberry.lazy("schema.types.result")]
RepositoryConnectionRef = Annotated[
    "RepositoryConnection", strawberry.lazy("schema.types.repository")
]
# Defined below Paper, which it pages: named lazily for the resolver's graphql_type.
RelatedPaperConnectionRef = Annotated[
    "RelatedPaperConnection", strawberry.lazy("schema.types.paper")
]


@strawberry.type(description="A research paper of the Papers With Code archive.")
class Paper(Node):
    slug: str = strawberry.field(
        description="The paper's key: the last part of its Papers With Code URL."
    )
    arxiv_id: str | None = strawberry.field(
        description="The arXiv identifier without version, e.g. 1706.03762."
    )
    title: str = strawberry.field(description="The paper's title.")
    abstract: str | None = strawberry.field(description="The paper's abstract.")
    published: dt.date | None = strawberry.field(description="Publication date, when known.")
    url_abs: str | None = strawberry.field(
        description="Link to the paper's abstract page (arXiv or venue)."
    )
    url_pdf: str | None = strawberry.field(description="Link to the paper's PDF.")
    proceeding: str | None = strawberry.field(description='Venue and date, e.g. "NeurIPS 2018 12".')
    conference: str | None = strawberry.field(description="The conference's Papers With Code slug.")
    pwc_url: str | None = strawberry.field(description="The paper's Papers With Code URL.")
    is_stub: bool = strawberry.field(
        description="True when the papers dump lacks this paper and it is known only from a link to it."
    )

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Paper:
        return cls(
            slug=props["slug"],
            arxiv_id=props.get("arxivId"),
            title=props.get("title") or props["slug"],
            abstract=props.get("abstract"),
            published=props.get("published"),
            url_abs=props.get("urlAbs"),
            url_pdf=props.get("urlPdf"),
            proceeding=props.get("proceeding"),
            conference=props.get("conference"),
            pwc_url=props.get("pwcUrl"),
            is_stub=bool(props.get("stub")),
        )

    @strawberry.field(description="The global id of this paper.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Paper", self.slug))

    @strawberry.field(
        description="The paper's authors, in the order the paper lists them.",
        graphql_type=Connection[Author],
    )
    def authors(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[Author]]:
        return connection(info, lists.PAPER_AUTHORS, self.slug, Author.from_props, first, after)

    @strawberry.field(
        description="The tasks the paper addresses, by name.", graphql_type=Connection[TaskRef]
    )
    def tasks(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[TaskRef]]:
        from schema.types.task import Task

        return connection(info, lists.PAPER_TASKS, self.slug, Task.from_props, first, after)

    @strawberry.field(
        description="The methods the paper uses, by name.", graphql_type=Connection[MethodRef]
    )
    def methods(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[MethodRef]]:
        from schema.types.method import Method

        return connection(info, lists.PAPER_METHODS, self.slug, Method.from_props, first, after)

    @strawberry.field(
        description="The paper's datasets: those of its results and those it introduced, by name.",
        graphql_type=Connection[DatasetRef],
    )
    def datasets(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[Connection[DatasetRef]]:
        from schema.types.dataset import Dataset

        return connection(info, lists.PAPER_DATASETS, self.slug, Dataset.from_props, first, after)

    @strawberry.field(
        description="Code for the paper, official repositories first.",
        graphql_type=RepositoryConnectionRef,
    )
    def repositories(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        official_only: Annotated[
            bool | None, strawberry.argument(description="Only the repositories marked official.")
        ] = None,
    ) -> MaybeLater[RepositoryConnectionRef]:
        from schema.types.repository import RepositoryConnection

        return RepositoryConnection.load(
            info, lists.PAPER_REPOSITORIES, self.slug, first, after, official_only
        )

    @strawberry.field(
        description="The paper's leaderboard results, by task, dataset and metric.",
        graphql_type=Connection[ResultRef],
    )
    def results(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        task: Annotated[
            str | None, strawberry.argument(description="Only results on this task.")
        ] = None,
        dataset: Annotated[
            str | None, strawberry.argument(description="Only results on this dataset.")
        ] = None,
    ) -> MaybeLater[Connection[ResultRef]]:
        from schema.types.result import Result

        filters = {"task": task, "dataset": dataset}
        return connection(
            info, lists.PAPER_RESULTS, self.slug, Result.from_props, first, after, filters
        )

    @strawberry.field(
        description="Related papers (stored by the loader), best first, with what they share.",
        graphql_type=RelatedPaperConnectionRef,
    )
    def related(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[RelatedPaperConnection]:
        def build(parts: PageParts) -> RelatedPaperConnection:
            items, page_info, count = parts
            edges = [
                RelatedPaperEdge.make(cursor, Paper.from_props(item.node), item.edge or {})
                for cursor, item in items
            ]
            return RelatedPaperConnection(edges=edges, page_info=page_info, count=count)

        args = page_args(lists.PAPER_RELATED, first, after, selection=field_nodes(info))
        return then(load_page(info, args, self.slug), build)


@strawberry.type(description="A related paper with its score and what the two papers share.")
class RelatedPaperEdge(Edge[Paper]):
    score: float = strawberry.field(
        description="Adamic-Adar score: the sum of 1/ln(papers having it) over the shared features."
    )
    shared_authors: list[str] = strawberry.field(
        description="Names of the authors both papers list."
    )
    shared_tasks: list[str] = strawberry.field(
        description="Names of the tasks both papers address."
    )
    shared_methods: list[str] = strawberry.field(
        description="Names of the methods both papers use."
    )
    shared_datasets: list[str] = strawberry.field(
        description="Names of the datasets both papers use."
    )

    @classmethod
    def make(cls, cursor: str, node: Paper, edge: dict[str, Any]) -> RelatedPaperEdge:
        shared: dict[str, list[str]] = {"author": [], "task": [], "method": [], "dataset": []}
        for reason in edge.get("reasons") or []:
            kind, _, name = str(reason).partition(":")
            shared.setdefault(kind, []).append(name)
        return cls(
            cursor=cursor,
            node=node,
            score=float(edge.get("score") or 0.0),
            shared_authors=shared["author"],
            shared_tasks=shared["task"],
            shared_methods=shared["method"],
            shared_datasets=shared["dataset"],
        )


@strawberry.type(description="A page of related papers, best first.")
class RelatedPaperConnection(Connection[Paper]):
    edges: list[RelatedPaperEdge] = strawberry.field(
        description="The related papers with scores and cursors."
    )  # type: ignore[assignment]
