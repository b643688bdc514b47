"""Loading allocates millions of small containers (cells, records, problems) that all
stay alive until the cohort is built. Python's cyclic garbage collector, left at its
default thresholds, runs a collection every 700 such allocations and walks every one of
them again and again: about a third of the CPU time of loading a large REDCap export.
While a load runs the collector runs less often; its thresholds are restored after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# objects allocated between two young collections while loading (default 700)
LOADING_THRESHOLD = 100_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the young-generation threshold of the garbage collector for the block,
    then restore the thresholds it had (the collector stays on: cycles are still
    freed). Loads begun while another runs (nested, or in another thread) leave the
    thresholds as the first found them."""
    before = gc.get_threshold()
    raised = (max(before[0], LOADING_THRESHOLD), *before[1:])
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:  # not restored already by a load begun meanwhile
            gc.set_threshold(*before)
