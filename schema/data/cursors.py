"""Opaque cursors and global ids.

A cursor is the sort key of the last item seen (keyset pagination): the next
page starts strictly after it, so page 100 costs what page 1 does and stays
correct while data is added. It is base64url of a small JSON array.
A global id is base64url of "Type:key".
"""

from __future__ import annotations

import base64
import binascii
import datetime
from collections.abc import Sequence
from typing import Any

import orjson

from schema.errors import UserInputError, shown


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(list_name: str, values: list[Any]) -> str:
    """The sort key of an item, tagged with its list so a cursor cannot be used on another list."""
    return _b64(orjson.dumps([list_name, *values], default=str))


def decode_cursor(
    cursor: str, list_name: str, kinds: Sequence[str], argument: str = "after"
) -> list[Any]:
    """The sort key in a cursor; a clear error when it is not one of this list's cursors (its
    tag, its length and the type of each value, `kinds` as SortKey.kind names them)."""
    try:
        values = orjson.loads(_unb64(cursor))
    except (binascii.Error, ValueError, orjson.JSONDecodeError):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != len(kinds) + 1
        or values[0] != list_name
        or not all(_is_kind(v, k) for v, k in zip(values[1:], kinds, strict=True))
    ):
        raise UserInputError(
            f"{argument}: {shown(cursor)} is not a cursor of this list (use an endCursor or edge cursor it returned)"
        )
    return values[1:]


def _is_kind(value: Any, kind: str) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if not isinstance(value, str):
        return False
    if kind == "date":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def encode_id(type_name: str, key: str) -> str:
    return _b64(f"{type_name}:{key}".encode())


def decode_id(value: str, argument: str = "id") -> tuple[str, str]:
    try:
        type_name, _, key = _unb64(value).decode().partition(":")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        type_name, key = "", ""
    if not type_name or not key:
        raise UserInputError(f"{argument}: {shown(value)} is not an id of this API")
    return type_name, key
