"""Assemble the outputs of a run into one report folder (see :func:`write_report`).

A report is reproducible byte for byte: two runs on the same input write identical
files. Every date a format records (PDF and SVG figures, the properties and zip entries
of Word and Excel files) is ``SOURCE_DATE_EPOCH`` when that is set, else the fixed
instant 2000-01-01 00:00 UTC; SVG ids are hashed with a fixed salt
(:mod:`analysis.reproducible`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis.config import AnalysisConfig
from analysis.formatting import count_percent
from analysis.load import LoadResult
from analysis.load.export import write_normalized as write_normalized  # public, kept here
from analysis.load.export import write_tidy_tables
from analysis.problems import InputFormatError
from analysis.report.analyses import Analyses
from analysis.report.ard import write_results_json
from analysis.report.content import ReportContent, problems_phrase
from analysis.report.html import write_html_report
from analysis.report.review.section import statistical_review
from analysis.report.sections import (
    Exclusion,
    Section,
    cement,
    cite_tables,
    etiology_comparison,
    new_fractures,
    pain_and_mobility,
    report_style,
)
from analysis.report.word import write_docx_report
from analysis.reproducible import source_date
from analysis.stats import CohortSummary, describe_cohort


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


def _sessions_sentence(s: CohortSummary) -> str:
    """Patients, sessions and vertebrae, with the index procedures (whose vertebrae Table 1
    and the text count) apart from the later sessions."""
    later_sessions = s.n_procedures - s.n_index_procedures
    later_vertebrae = s.n_vertebrae - s.n_index_vertebrae
    text = (
        f"{s.n_patients} patients underwent {s.n_procedures} augmentation sessions treating "
        f"{s.n_vertebrae} vertebrae: {s.n_index_procedures} index procedures treating "
        f"{s.n_index_vertebrae} vertebrae (the vertebrae Table 1 describes)"
    )
    if later_sessions or later_vertebrae:
        text += (
            f" and {later_sessions} later sessions treating {later_vertebrae} vertebrae, "
            f"{s.n_repeat_vertebrae} of them a repeat augmentation of a vertebra treated "
            f"before (in {s.n_repeat_patients} patients)"
        )
    return text + f"; {s.n_new_fractures} new vertebral fractures were recorded."


def _summary_text(result: LoadResult) -> str:
    s = describe_cohort(result.cohort)
    women = next((c for c in s.categorical if c.variable == "sex" and c.level == "female"), None)
    lines = [
        "# Cohort summary",
        "",
        f"Input rows: {result.rows_in}; loaded: {result.rows_loaded}; excluded: {result.rows_reported}; "
        f"cells set to missing: {result.cells_set_missing}; "
        f"{problems_phrase(p.severity for p in result.problems)}, listed in problems.csv.",
        "",
        _sessions_sentence(s),
    ]
    if women is not None:
        lines.append(
            f"Women: {count_percent(women.count, women.n)} of {women.n} with sex recorded."
        )
    return "\n".join(lines) + "\n"


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def write_report(
    result: LoadResult,
    out: Path,
    config: AnalysisConfig | None = None,
    progress: Progress = _quiet,
) -> ReportFiles:
    """Write the full report of a loaded cohort into ``out`` (emptied first).

    ``report.html`` (self-contained) and ``report.docx`` hold the ledger and warnings,
    the flow diagram, Table 1 to Table 7, the figures, the methods-and-results text, the
    statistical review (:mod:`analysis.report.review`) and what could not be computed; ``summary.md`` holds the text; ``results.json`` every
    number under stable keys; ``tables/`` every table as CSV, Markdown, HTML, LaTeX,
    XLSX and Word; ``figures/`` every figure as 300-dpi PNG, SVG and PDF; ``tidy/`` the
    normalised cohort and ``problems.csv`` every problem found. ``progress`` is called
    with the name of each long step. Two runs write the same bytes (see the module
    docstring).

    Raises
    ------
    analysis.reproducible.SourceDateEpochError
        When ``SOURCE_DATE_EPOCH`` is set to something other than whole seconds; nothing
        is written.
    """
    from analysis.report.publication import build_publication, write_publication

    config = config or AnalysisConfig()
    source_date()  # a malformed SOURCE_DATE_EPOCH fails before the folder is emptied
    fresh_directory(out)
    files = write_tidy_tables(result.cohort, out / "tidy")
    problems = out / "problems.csv"
    result.problems_frame().to_csv(problems, index=False)
    files.append(problems)
    steps = [("pain and mobility", pain_and_mobility), ("group comparison", etiology_comparison), ("cement", cement)]  # fmt: skip
    sections = []
    analyses = Analyses(result.cohort)  # each analysis run once, for sections and tables
    for name, build in steps:
        progress(name)
        sections.append(build(result.cohort, out, config, analyses))
    progress("new fractures")
    no_fractures = any(p.rule == "no_fractures_table" for p in result.problems)
    if no_fractures:
        sections.append(
            Section(
                "New fractures",
                ["\nNot computed: the input has no fractures table, so new fractures are unknown."],
            )
        )
    else:
        sections.append(new_fractures(result.cohort, out, config, analyses))
    if config.impute > 0:
        from analysis.report.missing import missing_data

        progress("missing data")
        sections.append(missing_data(result.cohort, out, config))
    progress("publication tables and figures")
    pub = write_publication(result, out, config, build_publication(result, config, analyses))
    files += pub.files
    warnings = tuple(
        f"{e.sentence()} ({100 * e.share:.0f}% excluded)" for s in sections for e in s.warnings
    )
    body = cite_tables("".join("\n" + s.markdown() for s in sections), [t.name for t in pub.tables])
    figures = tuple((name, caption, out / "figures" / f"{name}.png") for name, caption, _ in pub.figures)  # fmt: skip
    head = ""
    if warnings:
        head = "\n## Warnings\n\n" + "".join(f"- {w}\n" for w in warnings) + "\n"
    listing = "\n## Figures\n\n" + "".join(f"![{c}](figures/{n}.png)\n\n" for n, c, _ in figures)
    progress("statistical review")
    checks = [c for s in sections for c in s.checks]
    review = statistical_review(result.cohort, config, report_style(config), checks, pub.tables, not no_fractures)  # fmt: skip
    review_text = review.markdown()
    summary = out / "summary.md"
    summary_text = _summary_text(result)
    summary.write_text(summary_text + head + body + "\n" + review_text + listing, encoding="utf-8")
    files += [f for s in sections for f in s.files]
    files.append(summary)
    files.append(write_results_json([r for s in sections for r in s.results], out / "results.json", review.records()))  # fmt: skip
    content = ReportContent(
        title="Vertebral augmentation outcomes",
        ledger=summary_text.replace("# Cohort summary", "").strip().replace("\n\n", " "),
        warnings=warnings,
        tables=tuple(pub.tables),
        figures=figures,
        text=body,
        not_made=tuple(pub.not_made),
        n_problems=len(result.problems),
        review=review_text,
        problems=problems_phrase(p.severity for p in result.problems),
    )
    progress("report.html and report.docx")
    files.append(write_html_report(content, out, result.problems_frame()))
    files.append(write_docx_report(content, out / "report.docx"))
    exclusions = tuple(e for s in sections for e in s.exclusions)
    return ReportFiles(out, tuple(files), warnings, exclusions)
