"""What a client sees of an error: a clear message and a code, never a traceback or Cypher.

- UserInputError (bad arguments): its message, code BAD_USER_INPUT.
- DatabaseUnavailable: code SERVICE_UNAVAILABLE (the HTTP layer answers 503).
- Query-limit refusals: code QUERY_TOO_COMPLEX (raised before any Cypher runs); a body over
  its limit REQUEST_TOO_LARGE (HTTP 413).
- A query over the transaction timeout: code QUERY_TIMEOUT.
- GraphQL syntax / validation errors: graphql-core's message, code GRAPHQL_VALIDATION_FAILED.
- Anything else: masked as "Internal server error", logged with the request id.
"""

from __future__ import annotations

SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
QUERY_TIMEOUT = "QUERY_TIMEOUT"


REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"

SHOWN_CHARS = 60  # of a client's value echoed in a message


class UserInputError(ValueError):
    """A client mistake in arguments; the message is shown as is, so it must name the argument."""


def shown(value: object) -> str:
    """A client's value as a message quotes it: cut short, so that a 1 MB cursor is not echoed."""
    text = repr(value)
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[: SHOWN_CHARS - 1]}… ({len(str(value)):,} characters)"
