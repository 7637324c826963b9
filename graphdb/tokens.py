"""API tokens: who may write, and as what role.

A token is `pgt_<id>_<secret>`. Only the id and the sha256 of the secret are stored, on an
`(:ApiToken {id, hash, name, role, created, lastUsed, revoked})` node: a copy of the database
gives no working token. A request's token is found by its id and its secret's hash compared
with `hmac.compare_digest` (constant time), so the time of a refusal says nothing of how much
of a guess was right. `name` is the account: a contributor's submissions are those made with
any token of its name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any, Final, Literal

from neo4j import AsyncDriver, Driver

Role = Literal["contributor", "moderator"]
ROLES: Final[tuple[Role, ...]] = ("contributor", "moderator")
PREFIX: Final = "pgt_"
_TOKEN = re.compile(r"pgt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}")
# lastUsed is written at most this often per token (it costs a write per request otherwise).
LAST_USED_EVERY = dt.timedelta(minutes=1)

CONSTRAINT: Final = (
    "CREATE CONSTRAINT apitoken_id_unique IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE"
)

CREATE = """
CREATE (t:ApiToken {id: $id, hash: $hash, name: $name, role: $role, created: datetime(),
                    revoked: false})
RETURN t.id AS id
"""

LIST = """
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.created AS created,
       t.lastUsed AS lastUsed, t.revoked AS revoked
ORDER BY t.created, t.id
"""

# Revoke by id, or every token of a name.
REVOKE = """
MATCH (t:ApiToken) WHERE (t.id = $id OR t.name = $name) AND NOT t.revoked
SET t.revoked = true, t.revokedAt = datetime()
RETURN t.id AS id, t.name AS name
"""

FIND = """
MATCH (t:ApiToken {id: $id})
RETURN t.hash AS hash, t.name AS name, t.role AS role, t.revoked AS revoked, t.lastUsed AS lastUsed
"""

TOUCH = "MATCH (t:ApiToken {id: $id}) SET t.lastUsed = datetime()"


@dataclass(frozen=True)
class Caller:
    """Who a request's token says it is."""

    token_id: str
    name: str
    role: Role

    @property
    def moderator(self) -> bool:
        return self.role == "moderator"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> tuple[str, str, str]:
    """(token, id, hash of its secret): the token is shown once and never stored."""
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    return f"{PREFIX}{token_id}_{secret}", token_id, _hash(secret)


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise ValueError(
            f"--name: {name!r} is not a name: 1 to 64 letters, digits, spaces or ._@- "
            "(starting with a letter or digit)"
        )
    return name


def create_token(driver: Driver, name: str, role: Role, database: str | None = None) -> str:
    if role not in ROLES:
        raise ValueError(f"--role: {role!r}; one of {', '.join(ROLES)}")
    token, token_id, digest = new_token()
    driver.execute_query(CONSTRAINT, database_=database)
    driver.execute_query(CREATE, id=token_id, hash=digest, name=check_name(name), role=role,
                         database_=database)  # fmt: skip
    return token


def list_tokens(driver: Driver, database: str | None = None) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(LIST, database_=database)
    return [dict(r) for r in records]


def revoke_tokens(driver: Driver, id_or_name: str, database: str | None = None) -> list[str]:
    """Revoke the token of this id, or every token of this name; the ids revoked."""
    records, _, _ = driver.execute_query(REVOKE, id=id_or_name, name=id_or_name,
                                         database_=database)  # fmt: skip
    return [r["id"] for r in records]


def token_id_of(token: str) -> str | None:
    """The id part of a well-formed token (for the log: never the secret)."""
    match = _TOKEN.fullmatch(token)
    return match.group(1) if match else None


async def authenticate(driver: AsyncDriver, token: str, database: str | None) -> Caller | None:
    """The caller of a valid, unrevoked token; None for any other text."""
    match = _TOKEN.fullmatch(token)
    if match is None:
        return None
    token_id, secret = match.groups()
    records, _, _ = await driver.execute_query(FIND, id=token_id, database_=database,
                                               routing_="r")  # fmt: skip
    # An unknown id is hashed and compared too, so it takes as long as a wrong secret.
    stored = records[0]["hash"] if records else "0" * 64
    if not hmac.compare_digest(_hash(secret), stored) or not records or records[0]["revoked"]:
        return None
    found = records[0]
    last = found["lastUsed"]
    now = dt.datetime.now(dt.UTC)
    if last is None or now - last.to_native() > LAST_USED_EVERY:
        await driver.execute_query(TOUCH, id=token_id, database_=database)
    return Caller(token_id, found["name"], found["role"])
