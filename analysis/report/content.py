"""What the report pages (HTML and Word) show, gathered once from the result objects."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis.formatting import counted
from analysis.problems import ERROR, WARNING
from analysis.tables import Table


def problems_phrase(severities: Iterable[str]) -> str:
    """The problems found, errors and warnings counted alike: ``10 problems (5 errors,
    5 warnings)``, ``1 problem (1 error)``, ``no problems``."""
    n = Counter(severities)
    total = sum(n.values())
    if not total:
        return "no problems"
    kinds = [ERROR, WARNING, *sorted(k for k in n if k not in (ERROR, WARNING))]
    parts = [counted(n[k], f"{k}s") for k in kinds if n[k]]
    return f"{counted(total, 'problems')} ({', '.join(parts)})"


@dataclass(frozen=True)
class ReportContent:
    """What both report pages show, in reading order."""

    title: str
    ledger: str
    warnings: tuple[str, ...]
    tables: tuple[Table, ...]
    figures: tuple[tuple[str, str, Path], ...]  # name, caption, PNG
    text: str  # the sections' Markdown (headings, paragraphs, pipe tables)
    not_made: tuple[str, ...]
    n_problems: int
    review: str = ""  # the "Statistical review" section's Markdown (## and ### headings)
    problems: str = ""  # :func:`problems_phrase` of the input's problems
