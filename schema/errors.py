"""What a client sees of an error: a clear message and a code, never a traceback or Cypher.

- UserInputError (bad arguments): its message, code BAD_USER_INPUT.
- DatabaseUnavailable: code SERVICE_UNAVAILABLE (the HTTP layer answers 503).
- Query-limit refusals: code QUERY_TOO_COMPLEX (raised before any Cypher runs).
- A query over the transaction timeout: code QUERY_TIMEOUT.
- GraphQL syntax / validation errors: graphql-core's message, code GRAPHQL_VALIDATION_FAILED.
- Anything else: masked as "Internal server error", logged with the request id.
"""

from __future__ import annotations

import logging

log = logging.getLogger("papers_graph.api")

SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
QUERY_TIMEOUT = "QUERY_TIMEOUT"


class UserInputError(ValueError):
    """A client mistake in arguments; the message is shown as is, so it must name the argument."""


def code_for_unmarked(message: str) -> str:
    """The code of an error that reached the response without one (a syntax error, say)."""
    limit = "depth" in message or "aliases" in message or "tokens" in message
    return QUERY_TOO_COMPLEX if limit else VALIDATION_FAILED
