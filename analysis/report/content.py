"""What the report pages (HTML and Word) show, gathered once from the result objects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.tables import Table


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
