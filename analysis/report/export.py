"""Writing the tidy tables a run produced: four CSVs a co-author or another tool can read,
safe from formula injection."""

from __future__ import annotations

from pathlib import Path

from analysis.safety import neutralize_frame
from analysis.schema import Cohort
from analysis.spec import TABLES


def write_tidy_tables(cohort: Cohort, out: Path) -> list[Path]:
    """Write ``patients.csv``, ``procedures.csv``, ``assessments.csv`` and
    ``fractures.csv`` into ``out`` (the form :func:`analysis.load.load_cohort` reads back)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in TABLES:
        path = out / f"{name}.csv"
        neutralize_frame(getattr(cohort, name)).to_csv(path, index=False)
        paths.append(path)
    return paths
