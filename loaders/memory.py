"""Keeping the loader's resident memory close to what it really holds (glibc only).

The writer thread gets a malloc arena of its own, and batches of several MB
allocated in one thread and freed in another leave heaps that the process keeps
(and RSS counts) long after the batch is gone. Two arenas, and handing freed
memory back between steps, keep the peak close to the live data. On other C
libraries (musl, macOS) these calls do not exist and nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache
from typing import Any

_M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h


@cache
def _glibc() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Call before the loader starts threads: arenas are made per thread on first use."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, arenas)


def release_free_memory() -> None:
    """Between steps: collect garbage and return free heap memory to the system."""
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
