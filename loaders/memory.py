"""Keeping the loader's resident memory close to what it really holds (glibc only), and
measuring its peak step by step (Linux only).

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
import os
import resource
import sys
from collections.abc import Sequence
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, Final

# mallopt parameters, from glibc's malloc.h
_M_ARENA_MAX = -8
_M_MMAP_THRESHOLD = -3
# numpy's arrays above this size get pages of their own, given back when the array goes.
# Setting it also turns off glibc's sliding threshold, which, once a large array is freed,
# places arrays of up to 32 MB on the heap, where the freed ones stay resident.
MMAP_THRESHOLD: Final = 1 << 20


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
    """Call before the loader starts threads: arenas are made per thread on first use. Large
    blocks are then mapped on their own (MMAP_THRESHOLD)."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, arenas)
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release_free_memory() -> None:
    """Between steps: collect garbage and return free heap memory to the system."""
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Within a long step, after each batch: hand the heap's free pages back to the system.

    After a long file the heap is full of holes around the few objects that outlived it, and
    a later step's short-lived allocations land in those holes. Freeing them never shrinks
    the heap (glibc trims by itself only at its top), so without this a step's transient
    batches stay resident until the step ends: 90 MB more in the related step at 600,000
    papers than in a fresh process."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def restart_with_system_allocator(argv: Sequence[str]) -> None:
    """Re-execute this process as `python ARGV...` with Python's objects in glibc's malloc
    (PYTHONMALLOC=malloc), unless it runs so already, the user chose an allocator, or the C
    library is not glibc. Returns only when it does not restart.

    Python's own allocator keeps a 1 MB arena as long as one object in it lives, and a long
    load leaves small long-lived objects (caches, the lock's and the progress display's) in
    most of the arenas its batches passed through: 113 MB of them after the 600,000-paper
    file. glibc's malloc hands back every free page at `release_free_memory`.
    """
    if "PYTHONMALLOC" in os.environ or _glibc() is None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *argv], {**os.environ, "PYTHONMALLOC": "malloc"})


def objects_in_system_allocator() -> bool:
    """Whether this process runs with PYTHONMALLOC=malloc (restart_with_system_allocator)."""
    return os.environ.get("PYTHONMALLOC") == "malloc"


_STATUS: Final = Path("/proc/self/status")
_CLEAR_REFS: Final = Path("/proc/self/clear_refs")


# The highest peak before the last reset: resetting the kernel's mark also lowers what
# getrusage and wait4 report, so the whole run's peak is kept here.
_peak_before_reset = 0.0


def reset_peak_rss() -> None:
    """Start measuring a new peak: the kernel's high-water mark drops to the current RSS
    (Linux; elsewhere, or when /proc is read-only, the peak keeps counting from the start)."""
    global _peak_before_reset
    _peak_before_reset = max(_peak_before_reset, peak_rss_mb() or 0.0)
    with suppress(OSError):
        _CLEAR_REFS.write_text("5")


def peak_rss_mb() -> float | None:
    """The process's peak resident memory since the last reset_peak_rss (Linux), in MB."""
    try:
        status = _STATUS.read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def run_peak_rss_mb() -> float:
    """The process's peak resident memory over its whole run, in MB."""
    now = peak_rss_mb()
    if now is None:  # not Linux: no resets were possible either
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return max(_peak_before_reset, now)


def format_mb(value: float | None) -> str:
    """A report's cell: MB with thousands separators, empty when not measured."""
    return "" if value is None else f"{value:,.0f}"
