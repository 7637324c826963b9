"""Contributions: the Mutation type and its inputs (answered by schema/lane/mutate.py).

The limits the descriptions state are graphdb/contributions.py's, checked there.
"""

from __future__ import annotations

from typing import Annotated, NoReturn

import strawberry

from graphdb.contributions import MAX_CHARS
from schema.types.declare import unanswered
from schema.types.enums import Decision
from schema.types.objects import ref


def _text(field: str, what: str) -> str:
    return f"{what} (at most {MAX_CHARS[field]} characters)."


@strawberry.input(description="A leaderboard result to submit for review.")
class SubmitResultInput:
    paper: str = strawberry.field(
        description=_text(
            "paper", "The paper reporting it: its global id, slug or arXiv id (or arXiv URL)"
        )
    )
    task: str = strawberry.field(description=_text("task", "The leaderboard's task, by name"))
    dataset: str = strawberry.field(
        description=_text("dataset", "The leaderboard's dataset, by name")
    )
    metric: str = strawberry.field(
        description=_text("metric", "The metric, one of the leaderboard's")
    )
    value: str = strawberry.field(
        description=_text(
            "value",
            'The value as the paper gives it ("84.3", "0.8428 ± 0.0014", "76.2%"); it must '
            "hold a number",
        )
    )
    model: str = strawberry.field(description=_text("model", "The model's name"))
    uses_additional_data: bool = strawberry.field(
        default=False, description="Whether the model used extra training data."
    )
    evidence_url: str = strawberry.field(
        description=_text("evidenceUrl", "Where the value can be checked (http or https)")
    )
    code_url: str | None = strawberry.field(
        default=None, description=_text("codeUrl", "The model's code (http or https)")
    )


@strawberry.input(description="A paper's code repository to submit for review.")
class SubmitCodeLinkInput:
    paper: str = strawberry.field(
        description=_text("paper", "The paper: its global id, slug or arXiv id (or arXiv URL)")
    )
    repository_url: str = strawberry.field(
        description=_text("repositoryUrl", "The repository (http or https)")
    )
    official: bool = strawberry.field(
        default=False, description="Whether it is the paper's authors' own code."
    )
    framework: str | None = strawberry.field(
        default=None, description=_text("framework", "Its framework: pytorch, tf, jax, ...")
    )


@strawberry.type(
    description=(
        "Contributions, with `Authorization: Bearer TOKEN` (`papers-graph token create`) and over "
        "POST only. An operation is one transaction: all its fields are written, or none. With an "
        "`Idempotency-Key` header, a retried operation answers its first answer and writes once."
    )
)
class Mutation:
    @strawberry.field(
        description=(
            "Submit a leaderboard result (contributors and moderators). It stays PENDING, off the "
            "board, until a moderator approves it; an exact duplicate of a row on the board is "
            "refused."
        ),
        graphql_type=ref("Submission"),
    )
    def submit_result(self, input: SubmitResultInput) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            "Submit a paper's code repository (contributors and moderators); PENDING until "
            "approved."
        ),
        graphql_type=ref("Submission"),
    )
    def submit_code_link(self, input: SubmitCodeLinkInput) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            "Approve or reject a pending submission (moderators). An approved result joins its "
            "leaderboard (the board's ranks recomputed), an approved code link shows on its paper."
        ),
        graphql_type=ref("Submission"),
    )
    def review_submission(
        self,
        id: strawberry.ID,
        decision: Decision,
        reason: Annotated[
            str | None,
            strawberry.argument(description=_text("reason", "Why (shown to its author)")),
        ] = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Withdraw a pending submission (its author only).",
        graphql_type=ref("Submission"),
    )
    def withdraw_submission(self, id: strawberry.ID) -> NoReturn:
        unanswered()
