"""Assemble the outputs of a run into ``reports/``: tidy tables, problems, summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.config import AnalysisConfig
from analysis.formatting import count_percent
from analysis.load import LoadResult
from analysis.problems import InputFormatError
from analysis.report.ard import write_results_json
from analysis.report.export import write_tidy_tables
from analysis.report.html import write_html_report
from analysis.report.sections import (
    Exclusion,
    Section,
    cement,
    etiology_comparison,
    new_fractures,
    pain_and_mobility,
)
from analysis.stats import describe_cohort
from analysis.tables import cohort_table, write_table


@dataclass(frozen=True)
class ReportFiles:
    """Paths written by :func:`write_report`, and what the reader must be warned of.

    ``warnings`` name each analysis that excluded more than 10% of its units (they open
    ``summary.md``); ``exclusions`` hold every analysis's counts.
    """

    directory: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()


MARKER = ".vertebro-report"


def fresh_directory(out: Path) -> None:
    """Empty an output folder this toolkit wrote before, so no stale file remains.

    A folder that holds files but no marker of an earlier report is someone else's: it is
    refused, never emptied.
    """
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise InputFormatError(
                f"{out} is not empty and was not written by vertebro; choose a new or empty "
                "output folder"
            )
        import shutil

        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by vertebro report; emptied on the next run\n", "utf-8")


def write_normalized(result: LoadResult, out: Path) -> list[Path]:
    """The four tidy CSVs and ``problems.csv``."""
    paths = write_tidy_tables(result.cohort, out)
    problems = out / "problems.csv"
    result.problems_frame().to_csv(problems, index=False)
    return [*paths, problems]


def _summary_text(result: LoadResult) -> str:
    s = describe_cohort(result.cohort)
    women = next((c for c in s.categorical if c.variable == "sex" and c.level == "female"), None)
    lines = [
        "# Cohort summary",
        "",
        f"Input rows: {result.rows_in}; loaded: {result.rows_loaded}; excluded: {result.rows_reported}; "
        f"cells set to missing: {result.cells_set_missing} (errors: {len(result.errors)}; see tidy/problems.csv).",
        "",
        f"{s.n_patients} patients underwent {s.n_procedures} procedures treating {s.n_vertebrae} vertebrae; "
        f"{s.n_new_fractures} new vertebral fractures were recorded.",
    ]
    if women is not None:
        lines.append(
            f"Women: {count_percent(women.count, women.n)} of {women.n} with sex recorded."
        )
    return "\n".join(lines) + "\n"


def write_report(
    result: LoadResult, out: Path, config: AnalysisConfig | None = None
) -> ReportFiles:
    """Write the full report of a loaded cohort into ``out``.

    ``summary.md`` holds the cohort description and the outcome sections (pain and
    mobility, osteoporotic vs pathologic, cement, new fractures) with their tables and
    figures; every table is also a CSV, and ``results/`` holds the tidy result frames.
    """
    config = config or AnalysisConfig()
    fresh_directory(out)
    files = write_normalized(result, out / "tidy")
    files += write_table(cohort_table(describe_cohort(result.cohort)), out / "table1_cohort")
    sections = [
        build(result.cohort, out, config)
        for build in (pain_and_mobility, etiology_comparison, cement)
    ]
    if any(p.rule == "no_fractures_table" for p in result.problems):
        sections.append(
            Section(
                "New fractures",
                ["\nNot computed: the input has no fractures table, so new fractures are unknown."],
            )
        )
    else:
        sections.append(new_fractures(result.cohort, out, config))
    summary = out / "summary.md"
    warnings = tuple(
        f"{e.sentence()} ({100 * e.share:.0f}% excluded)" for s in sections for e in s.warnings
    )
    head = ""
    if warnings:
        head = "\n## Warnings\n\n" + "".join(f"- {w}\n" for w in warnings) + "\n"
    text = _summary_text(result) + head + "".join("\n" + s.markdown() for s in sections)
    summary.write_text(text, encoding="utf-8")
    files += [f for s in sections for f in s.files]
    files.append(summary)
    files.append(write_results_json([r for s in sections for r in s.results], out / "results.json"))
    files.append(write_html_report(text, out, result.problems_frame()))
    exclusions = tuple(e for s in sections for e in s.exclusions)
    return ReportFiles(out, tuple(files), warnings, exclusions)
