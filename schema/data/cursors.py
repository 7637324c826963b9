"""Opaque cursors and global ids.

A cursor is the sort key of the last item seen (keyset pagination): the next
page starts strictly after it, so page 100 costs what page 1 does and stays
correct while data is added. It is base64url of a small JSON array.
A global id is base64url of "Type:key".
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import orjson

from schema.errors import UserInputError


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(list_name: str, values: list[Any]) -> str:
    """The sort key of an item, tagged with its list so a cursor cannot be used on another list."""
    return _b64(orjson.dumps([list_name, *values], default=str))


def decode_cursor(cursor: str, list_name: str, length: int, argument: str = "after") -> list[Any]:
    """The sort key in a cursor; a clear error when it is not one of this list's cursors."""
    try:
        values = orjson.loads(_unb64(cursor))
    except (binascii.Error, ValueError, orjson.JSONDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != length + 1 or values[0] != list_name:
        raise UserInputError(
            f"{argument}: {cursor!r} is not a cursor of this list (use an endCursor or edge cursor it returned)"
        )
    return values[1:]


def encode_id(type_name: str, key: str) -> str:
    return _b64(f"{type_name}:{key}".encode())


def decode_id(value: str, argument: str = "id") -> tuple[str, str]:
    try:
        type_name, _, key = _unb64(value).decode().partition(":")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        type_name, key = "", ""
    if not type_name or not key:
        raise UserInputError(f"{argument}: {value!r} is not an id of this API")
    return type_name, key
