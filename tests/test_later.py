"""later.py: answers already in are used at once; others, and failures, go the awaited way."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Sequence

import pytest
from strawberry.dataloader import DataLoader

from schema.data.later import answered, load_now, resolved, then


def test_then_is_immediate_for_plain_values_and_awaits_the_others() -> None:
    assert then(2, lambda n: n * 10) == 20

    async def later() -> int:
        return 3

    async def main() -> None:
        chained = then(later(), lambda n: then(later(), lambda m: n * 10 + m))
        assert inspect.isawaitable(chained)
        assert await resolved(chained) == 33
        assert await resolved(7) == 7

    asyncio.run(main())


def test_load_now_uses_a_settled_answer_and_leaves_pending_or_failed_ones_to_await() -> None:
    async def load(keys: Sequence[str]) -> list[int]:
        if "bad" in keys:
            raise ValueError("no such key")
        return [len(k) for k in keys]

    async def main() -> None:
        loader: DataLoader[str, int] = DataLoader(load_fn=load)
        pending = load_now(loader, "abc")
        assert inspect.isawaitable(pending)  # asked for, not loaded yet
        assert answered(loader, "abc") is None
        assert await pending == 3
        assert load_now(loader, "abc") == 3  # now in: plain

        failing = load_now(loader, "bad")
        with pytest.raises(ValueError, match="no such key"):
            await failing
        assert answered(loader, "bad") is None  # a failure is not an answer
        again = load_now(loader, "bad")
        assert inspect.isawaitable(again)
        with pytest.raises(ValueError, match="no such key"):
            await again  # its error is raised where it is awaited

    asyncio.run(main())
