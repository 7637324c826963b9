"""The Repository type and the connection of a paper's code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.types.connection import Connection, Edge
from schema.types.declare import page
from schema.types.node import Node

if TYPE_CHECKING:
    from schema.types.paper import Paper

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]
# Defined below Repository, which it pages.
PaperCodeConnectionRef = Annotated[
    "PaperCodeConnection", strawberry.lazy("schema.types.repository")
]


@strawberry.type(description="A code repository implementing papers.")
class Repository(Node):
    id: strawberry.ID = strawberry.field(description="The global id of this repository.")
    url: str = strawberry.field(description="The repository's URL (the key).")
    owner: str | None = strawberry.field(description="The owner's account, from the URL.")
    name: str | None = strawberry.field(description="The repository's name, from the URL.")
    framework: str | None = strawberry.field(
        description="The framework: pytorch, tf, jax, mxnet, paddle, ..."
    )
    papers = page("The papers this repository implements, newest first.", PaperCodeConnectionRef)


@strawberry.type(description="A repository of a paper, with how the link is known.")
class RepositoryEdge(Edge[Repository]):
    official: bool = strawberry.field(description="The paper's authors' own code.")
    mentioned_in_paper: bool = strawberry.field(description="The paper links to this repository.")
    mentioned_in_github: bool = strawberry.field(description="The repository links to the paper.")


@strawberry.type(description="A page of repositories, official ones first.")
class RepositoryConnection(Connection[Repository]):
    edges: list[RepositoryEdge] = strawberry.field(
        description="The repositories with their link flags."
    )  # type: ignore[assignment]


@strawberry.type(description="A paper implemented by a repository, with how the link is known.")
class PaperCodeEdge(Edge[PaperRef]):
    official: bool = strawberry.field(description="The paper's authors' own code.")
    mentioned_in_paper: bool = strawberry.field(description="The paper links to this repository.")
    mentioned_in_github: bool = strawberry.field(description="The repository links to the paper.")


@strawberry.type(description="A page of the papers a repository implements.")
class PaperCodeConnection(Connection[PaperRef]):
    edges: list[PaperCodeEdge] = strawberry.field(description="The papers with their link flags.")  # type: ignore[assignment]
