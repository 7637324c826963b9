"""The Paper type."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from schema.context import Info
from schema.types.author import Author


@strawberry.type(description="A research paper from the Papers With Code archive.")
class Paper:
    slug: str = strawberry.field(
        description="The paper's key: the last part of its Papers With Code URL."
    )
    arxiv_id: str | None = strawberry.field(
        description="The arXiv identifier without version, e.g. 1706.03762."
    )
    title: str = strawberry.field(description="The paper's title.")
    abstract: str | None = strawberry.field(description="The paper's abstract.")
    published: dt.date | None = strawberry.field(description="Publication date, when known.")

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Paper:
        return cls(
            slug=props["slug"],
            arxiv_id=props.get("arxivId"),
            title=props.get("title") or props["slug"],
            abstract=props.get("abstract"),
            published=props.get("published"),
        )

    @strawberry.field(description="The paper's authors, in the order the paper lists them.")
    async def authors(self, info: Info) -> list[Author]:
        rows = await info.context.data.authors_of_paper.load(self.slug)
        return [Author.from_props(row) for row in rows]
