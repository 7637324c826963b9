"""The Repository type and the connection of a paper's code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from schema.context import Info
from schema.data import lists
from schema.data.cursors import encode_id
from schema.data.later import MaybeLater, then
from schema.data.lists import ListSpec
from schema.types.connection import Connection, Edge, PageParts, load_page, page_args
from schema.types.node import Node
from schema.types.selection import field_nodes

if TYPE_CHECKING:
    from schema.types.paper import Paper

PaperRef = Annotated["Paper", strawberry.lazy("schema.types.paper")]


# Defined below: named lazily for the resolver's graphql_type.
PaperCodeConnectionRef = Annotated[
    "PaperCodeConnection", strawberry.lazy("schema.types.repository")
]


@strawberry.type(description="A code repository implementing papers.")
class Repository(Node):
    url: str = strawberry.field(description="The repository's URL (the key).")
    owner: str | None = strawberry.field(description="The owner's account, from the URL.")
    name: str | None = strawberry.field(description="The repository's name, from the URL.")
    framework: str | None = strawberry.field(
        description="The framework: pytorch, tf, jax, mxnet, paddle, ..."
    )

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Repository:
        return cls(
            url=props["url"],
            owner=props.get("owner"),
            name=props.get("name"),
            framework=props.get("framework"),
        )

    @strawberry.field(description="The global id of this repository.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Repository", self.url))

    @strawberry.field(
        description="The papers this repository implements, newest first.",
        graphql_type=PaperCodeConnectionRef,
    )
    def papers(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> MaybeLater[PaperCodeConnection]:
        from schema.types.paper import Paper

        def build(parts: PageParts) -> PaperCodeConnection:
            items, page_info, count = parts
            edges = [
                PaperCodeEdge.make(c, Paper.from_props(i.node), i.edge or {}) for c, i in items
            ]
            return PaperCodeConnection(edges=edges, page_info=page_info, count=count)

        args = page_args(lists.REPOSITORY_PAPERS, first, after, selection=field_nodes(info))
        return then(load_page(info, args, self.url), build)


def edge_flags(edge: dict[str, Any]) -> dict[str, bool]:
    """The flags of a paper-repository link, as its edges show them."""
    return {
        "official": bool(edge.get("official")),
        "mentioned_in_paper": bool(edge.get("mentionedInPaper")),
        "mentioned_in_github": bool(edge.get("mentionedInGithub")),
    }


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

    @classmethod
    def load(
        cls,
        info: Info,
        spec: ListSpec,
        key: str,
        first: int | None,
        after: str | None,
        official_only: bool | None,
    ) -> MaybeLater[RepositoryConnection]:
        def build(parts: PageParts) -> RepositoryConnection:
            items, page_info, count = parts
            edges = [
                RepositoryEdge(
                    cursor=c, node=Repository.from_props(i.node), **edge_flags(i.edge or {})
                )
                for c, i in items
            ]
            return cls(edges=edges, page_info=page_info, count=count)

        args = page_args(
            spec, first, after, {"officialOnly": official_only}, selection=field_nodes(info)
        )
        return then(load_page(info, args, key), build)


@strawberry.type(description="A paper implemented by a repository, with how the link is known.")
class PaperCodeEdge(Edge[PaperRef]):
    official: bool = strawberry.field(description="The paper's authors' own code.")
    mentioned_in_paper: bool = strawberry.field(description="The paper links to this repository.")
    mentioned_in_github: bool = strawberry.field(description="The repository links to the paper.")

    @classmethod
    def make(cls, cursor: str, node: Any, edge: dict[str, Any]) -> PaperCodeEdge:
        return cls(cursor=cursor, node=node, **edge_flags(edge))


@strawberry.type(description="A page of the papers a repository implements.")
class PaperCodeConnection(Connection[PaperRef]):
    edges: list[PaperCodeEdge] = strawberry.field(description="The papers with their link flags.")  # type: ignore[assignment]
