"""Child processes that end with the load that started them (the importer, the scorers).

A module of its own, free of the driver: a scorer imports it, and importing the driver
(with pyarrow, which it loads when installed) costs a process some 75 MB.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal


def die_with_parent() -> None:
    """In a child process (Linux): killed with the process that started it, so that a killed
    load leaves nothing writing on (prctl PR_SET_PDEATHSIG; elsewhere nothing is done)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
