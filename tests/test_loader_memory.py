"""The loader's heap trim (loaders/memory.py) does what its long steps rely on.

After a long file the heap is full of holes around the few objects that outlived it; a later
step's batches land in those holes, and glibc, which trims by itself only at the heap's top,
keeps them resident after they are freed. `trim_heap` hands them back. Run in a fresh
interpreter with Python's objects in glibc's malloc, as the online load runs.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
from pathlib import Path
from loaders.memory import limit_malloc_arenas, release_free_memory, trim_heap

def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

limit_malloc_arenas()
# a long file's aftermath: about 230 MB of records freed around one survivor in 500
records = [bytes(200) for _ in range(1_000_000)]
survivors = records[::500]
del records
release_free_memory()
base = rss_mb()
# a later step's batch: about 45 MB of small objects, made and freed in the heap's holes
batch = [bytes(200) for _ in range(200_000)]
del batch
freed = rss_mb()
trim_heap()
trimmed = rss_mb()
print(json.dumps({"base": base, "freed": freed, "trimmed": trimmed, "kept": len(survivors)}))
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc" or not Path("/proc/self/status").exists(),
                    reason="glibc's malloc_trim and Linux's /proc")  # fmt: skip
def test_trim_heap_hands_back_a_freed_batch_that_landed_in_the_heaps_holes() -> None:
    env = {**os.environ, "PYTHONMALLOC": "malloc"}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout  # fmt: skip
    mb = json.loads(out)
    # the freed batch stays resident: glibc does not trim the middle of its heap by itself
    assert mb["freed"] - mb["base"] > 30, mb
    # trim_heap hands it back
    assert mb["trimmed"] - mb["base"] < 10, mb
