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


def best_wall_cpu(fn: Callable[[], object], repeats: int = 3) -> tuple[float, float]:
    """The shortest wall time and the shortest CPU time (user + system of this process,
    every thread included: ``time.process_time``) over ``repeats`` calls of ``fn``. On
    a machine shared with other work the CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)
