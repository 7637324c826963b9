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
from collections.abc import Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult as StrawberryExecutionResult

from schema.data.executor import DatabaseUnavailable, QueryTimeout

log = logging.getLogger("papers_graph.api")

SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
QUERY_TIMEOUT = "QUERY_TIMEOUT"


class UserInputError(ValueError):
    """A client mistake in arguments; the message is shown as is, so it must name the argument."""


class ErrorPolicy(SchemaExtension):
    """Gives every error a code and hides internals; one instance per operation."""

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        result = context.result
        errors: list[GraphQLError] = []
        if isinstance(result, GraphQLExecutionResult | StrawberryExecutionResult) and result.errors:
            errors += result.errors
        errors += context.pre_execution_errors or []  # parse and validation errors
        for error in errors:
            # in place: parse errors reach the response in a list this extension cannot replace
            shown = self._present(error)
            if shown is not error:
                error.message = shown.message
                error.extensions = shown.extensions
                error.original_error = None

    def _request_id(self) -> str:
        context = self.execution_context.context
        return str(getattr(context, "request_id", "-"))

    def _present(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None:
            if error.extensions and "code" in error.extensions:
                return error
            return _with_code(error, error.message, code_for_unmarked(error.message))
        if isinstance(original, GraphQLError):  # nested: already shaped
            return self._present(original) if original is not error else error
        if isinstance(original, DatabaseUnavailable):
            log.warning(
                "request %s: database unavailable: %s", self._request_id(), original.__cause__
            )
            return _with_code(error, str(original), SERVICE_UNAVAILABLE)
        if isinstance(original, QueryTimeout):
            log.warning("request %s: %s", self._request_id(), original)
            return _with_code(error, str(original), QUERY_TIMEOUT)
        if isinstance(original, UserInputError):
            return _with_code(error, str(original), BAD_USER_INPUT)
        log.error(
            "request %s: unexpected error at %s",
            self._request_id(),
            ".".join(str(p) for p in error.path or []),
            exc_info=original,
        )
        return _with_code(
            error,
            f"Internal server error (request id {self._request_id()})",
            INTERNAL_SERVER_ERROR,
        )


def _with_code(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**(error.extensions or {}), "code": code},
    )


def code_for_unmarked(message: str) -> str:
    """The code of an error that reached the response without one (a syntax error, say)."""
    limit = "depth" in message or "aliases" in message or "tokens" in message
    return QUERY_TOO_COMPLEX if limit else VALIDATION_FAILED
