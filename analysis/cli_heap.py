"""How the ``vertebro report`` process keeps the memory it frees.

A registry-sized report builds and drops many large temporary arrays. By default the C
library hands each large block back to the kernel when it is freed, and the next array
of that size is then given fresh pages, each touched page a page fault: at a million
patients the kernel's share of the report's CPU time (12-20 s) is mostly that. Asked
once at start-up, before numpy or pandas allocate anything, the allocator keeps freed
blocks in its heap for reuse instead.

This is a setting of the process, made by the command line only (the library itself
never changes it), and only where the C library is glibc; elsewhere nothing is done.
"""

from __future__ import annotations

import ctypes
import sys

# glibc's <malloc.h> parameter numbers for mallopt()
_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
# Freed memory at the top of the heap is given back only beyond this many bytes (the
# largest a C int holds): in practice it is kept for the process's next arrays.
_TRIM_NEVER = 2**31 - 1


def keep_freed_memory() -> bool:
    """Ask glibc's allocator to keep freed memory in the heap for later allocations.

    Large blocks are then taken from the heap, not mapped one by one, and freed memory
    is not trimmed back to the kernel, so a later array reuses pages already faulted in.

    Returns
    -------
    bool
        True if glibc accepted both settings; False on another C library or platform,
        where the process is left as it was.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # glibc only: musl's mallopt does nothing  # noqa: B018
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_MAX, 0)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_NEVER))
