"""Every limit the API applies to a request, with its default and the setting that changes it.

The lane (schema/lane) checks them before any Cypher runs, each as early as it can be told:
the body's bytes as it is read, the text's length before it is parsed, tokens while parsing,
depth and aliases right after (schema/lane/measure.py, linear in the text's size), the cost
once the variables are known, and string values, filter conditions and `orderBy` entries
before translation. A request over a limit is refused with a message naming the limit, its
value and the setting.

MAX_NEIGHBORHOOD, MAX_PATH_HOPS, MAX_NODE_IDS and the bounds of a search's `hitCount` are part of the
schema (its descriptions state them), so they are constants, not settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

MAX_NEIGHBORHOOD = 500  # nodes of a neighbourhood
MAX_PATH_HOPS = 6  # the longest path looked for
MAX_NODE_IDS = 100  # ids of one `nodes(ids:)`
# A search's `hitCount(atMost:)`: counting a hit costs about half a microsecond, and a common
# word has 100,000 and more of them at the archive's size; up to 10,000 a count stays near 5 ms.
HIT_COUNT_DEFAULT = 1_000
HIT_COUNT_MAX = 10_000

ENV_PREFIX = "PAPERS_GRAPH_MAX_"


@dataclass(frozen=True)
class Limits:
    """Each field is read from PAPERS_GRAPH_MAX_<FIELD NAME IN CAPITALS> when set."""

    body_bytes: int = 1_000_000  # an HTTP body (POST) or query string (GET); over it: HTTP 413
    query_chars: int = 50_000  # the GraphQL text, comments and whitespace included
    tokens: int = 3_000  # the GraphQL text's tokens
    depth: int = 16  # nested selection sets (a connection takes two: the field, then nodes)
    aliases: int = 30  # aliased fields in the document, fragments expanded
    cost: int = 100_000  # estimated fields returned: lists multiply by their page size
    string_chars: int = 1_000  # any one string value, in the text or in the variables
    filter_conditions: int = 50  # the nodes of one `where` tree (AND, OR and NOT included)
    order_entries: int = 5  # the entries of one `orderBy`
    search_words: int = 32  # the words of one `search`
    cache_bytes: int = 128_000_000  # what is kept of query texts parsed and translated
    mutations_per_minute: int = 30  # mutation requests of one token in any 60 seconds

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        env = os.environ if env is None else env
        given: dict[str, int] = {}
        for f in fields(cls):
            name = setting(f.name)
            if name in env:
                try:
                    given[f.name] = int(env[name].replace("_", ""))
                except ValueError:
                    raise ValueError(f"{name}={env[name]!r} is not a whole number") from None
                if given[f.name] < 1:
                    raise ValueError(f"{name}={env[name]!r} must be at least 1")
        return cls(**given)


def setting(limit: str) -> str:
    """The environment variable of a limit (a field name of Limits)."""
    return ENV_PREFIX + limit.upper()
