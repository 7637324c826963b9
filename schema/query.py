"""The root Query type."""

from __future__ import annotations

import strawberry

from graphdb.identifiers import normalize_arxiv_id
from schema.context import Info
from schema.errors import UserInputError
from schema.types.paper import Paper


@strawberry.type(description="Entry points into the Papers With Code graph.")
class Query:
    @strawberry.field(
        description=(
            "One paper, by slug or by arXiv id (`2302.00402`, `2302.00402v1` or an arXiv URL). "
            "Give exactly one of them."
        )
    )
    async def paper(
        self, info: Info, slug: str | None = None, arxiv_id: str | None = None
    ) -> Paper | None:
        if (slug is None) == (arxiv_id is None):
            raise UserInputError("paper(...) takes exactly one of slug or arxivId")
        if slug is not None:
            props = await info.context.data.paper_by_slug.load(slug)
        else:
            key = normalize_arxiv_id(arxiv_id)
            if key is None:
                raise UserInputError(f"arxivId {arxiv_id!r} is not an arXiv identifier or URL")
            props = await info.context.data.paper_by_arxiv_id.load(key)
        return Paper.from_props(props) if props else None
