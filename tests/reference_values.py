"""Read the R reference values committed in tests/reference/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

REFERENCE = Path(__file__).parent / "reference"


@cache
def reference(name: str) -> pd.DataFrame:
    """``tests/reference/<name>.csv`` (topic, case, quantity, value)."""
    return pd.read_csv(REFERENCE / f"{name}.csv", comment="#")


def ref(name: str, topic: str, case: str, quantity: str) -> float:
    frame = reference(name)
    hit = frame[(frame.topic == topic) & (frame.case == case) & (frame.quantity == quantity)]
    if len(hit) != 1:
        raise KeyError(f"{name}.csv has {len(hit)} rows for {topic}/{case}/{quantity}")
    return float(hit["value"].iloc[0])


def read_input(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE / name)
