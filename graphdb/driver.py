"""Neo4j drivers built from settings, with errors that say where we tried to connect."""

from __future__ import annotations

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    Driver,
    GraphDatabase,
    NotificationDisabledClassification,
    NotificationMinimumSeverity,
)

from graphdb.settings import Neo4jSettings


def open_sync_driver(settings: Neo4jSettings) -> Driver:
    """A driver for command-line work (loaders); the caller closes it.

    Deprecation notices are off: the related-links step uses id() on purpose
    (see loaders/related.py), and a notice per batch would drown the progress.
    """
    return GraphDatabase.driver(
        settings.uri,
        auth=settings.auth,
        user_agent="papers-graph",
        notifications_disabled_classifications=[NotificationDisabledClassification.DEPRECATION],
    )


def open_async_driver(settings: Neo4jSettings) -> AsyncDriver:
    """The one driver the API keeps for its lifetime."""
    return AsyncGraphDatabase.driver(
        settings.uri,
        auth=settings.auth,
        user_agent="papers-graph-api",
        connection_acquisition_timeout=10.0,
        connection_timeout=3.0,
        max_connection_pool_size=50,
        # A request should fail fast while Neo4j is down (the client gets 503 and
        # retries), not hang in the driver's default 30 s retry loop.
        max_transaction_retry_time=1.0,
        # The API's queries are fixed and reviewed; a notice on every request (e.g. that no
        # paper has the `stub` property yet) would cost time in Neo4j and in the log.
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )
