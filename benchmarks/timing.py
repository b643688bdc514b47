"""The timing rule the benchmarks share: the best of a few runs, in seconds."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(
    fn: Callable[[], object], repeats: int = 3, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The shortest time of ``repeats`` calls of ``fn``, by ``clock`` (wall time unless
    told; ``time.process_time`` for this process's CPU time): the least disturbed run."""
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)
