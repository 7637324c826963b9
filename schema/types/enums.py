"""The enums of contributions (schema/types/submission.py) and of a result's source."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Where a leaderboard result comes from.")
class ResultSource(Enum):
    ARCHIVE = strawberry.enum_value("ARCHIVE", description="The Papers With Code archive's dump.")
    COMMUNITY = strawberry.enum_value(
        "COMMUNITY", description="A contributor's submission, approved by a moderator."
    )


@strawberry.enum(description="Where a submission is in its review.")
class SubmissionStatus(Enum):
    PENDING = strawberry.enum_value("PENDING", description="Waiting for a moderator.")
    APPROVED = strawberry.enum_value("APPROVED", description="Approved: it is in the graph.")
    REJECTED = strawberry.enum_value("REJECTED", description="Rejected: kept for the record only.")
    WITHDRAWN = strawberry.enum_value(
        "WITHDRAWN", description="Withdrawn by its author before review."
    )


@strawberry.enum(description="A moderator's decision on a submission.")
class Decision(Enum):
    APPROVE = strawberry.enum_value("APPROVE", description="Add it to the graph.")
    REJECT = strawberry.enum_value("REJECT", description="Keep it out of the graph.")


@strawberry.enum(description="What a submission adds.")
class SubmissionKind(Enum):
    RESULT = strawberry.enum_value("RESULT", description="A leaderboard result (submitResult).")
    CODE_LINK = strawberry.enum_value(
        "CODE_LINK", description="A paper's code repository (submitCodeLink)."
    )
