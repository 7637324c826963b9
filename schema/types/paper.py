"""The Paper type: the centre of the graph."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, NoReturn

import strawberry

from schema.types.author import Author
from schema.types.connection import Connection, Edge
from schema.types.declare import page, unanswered
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.dataset import Dataset
    from schema.types.method import Method
    from schema.types.repository import RepositoryConnection
    from schema.types.result import Result
    from schema.types.task import Task

TaskRef = Annotated["Task", strawberry.lazy("schema.types.task")]
MethodRef = Annotated["Method", strawberry.lazy("schema.types.method")]
DatasetRef = Annotated["Dataset", strawberry.lazy("schema.types.dataset")]
ResultRef = Annotated["Result", strawberry.lazy("schema.types.result")]
RepositoryConnectionRef = Annotated[
    "RepositoryConnection", strawberry.lazy("schema.types.repository")
]
# Defined below Paper, which it pages.
RelatedPaperConnectionRef = Annotated[
    "RelatedPaperConnection", strawberry.lazy("schema.types.paper")
]


@strawberry.type(description="A research paper of the Papers With Code archive.")
class Paper(Node):
    id: strawberry.ID = strawberry.field(description="The global id of this paper.")
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
    authors = page("The paper's authors, in the order the paper lists them.", Connection[Author])
    tasks = page("The tasks the paper addresses, by name.", Connection[TaskRef])
    methods = page("The methods the paper uses, by name.", Connection[MethodRef])
    datasets = page(
        "The paper's datasets: those of its results and those it introduced, by name.",
        Connection[DatasetRef],
    )

    @strawberry.field(
        description="Code for the paper, official repositories first.",
        graphql_type=RepositoryConnectionRef,
    )
    def repositories(
        self,
        first: int | None = None,
        after: str | None = None,
        official_only: Annotated[
            bool | None, strawberry.argument(description="Only the repositories marked official.")
        ] = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="The paper's leaderboard results, by task, dataset and metric.",
        graphql_type=Connection[ResultRef],
    )
    def results(
        self,
        first: int | None = None,
        after: str | None = None,
        task: Annotated[
            str | None, strawberry.argument(description="Only results on this task.")
        ] = None,
        dataset: Annotated[
            str | None, strawberry.argument(description="Only results on this dataset.")
        ] = None,
    ) -> NoReturn:
        unanswered()

    related = page(
        "Related papers (stored by the loader), best first, with what they share.",
        RelatedPaperConnectionRef,
    )


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


@strawberry.type(description="A page of related papers, best first.")
class RelatedPaperConnection(Connection[Paper]):
    edges: list[RelatedPaperEdge] = strawberry.field(
        description="The related papers with scores and cursors."
    )  # type: ignore[assignment]
