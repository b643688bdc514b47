"""``vertebro``: argv in, exit code out. The only module that prints.

Exit codes: 0 success (or clean data), 1 data problems found, 2 usage or input error
(including an input from which nothing could be loaded: no data rows, or every row in
error), 3 an internal error (a short message, never a traceback; please report it).
``validate``, ``normalize`` and ``report`` give one input the same code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vertebro", description="Vertebral augmentation outcome analysis."
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(dest="command", required=True)

    def input_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("input", type=Path, help="workbook, CSV, Parquet, or directory")
        sp.add_argument("--mapping", type=Path, help="YAML mapping of headers to schema columns")
        sp.add_argument("--redcap-dictionary", type=Path, help="REDCap data dictionary CSV")
        sp.add_argument(
            "--date-order", choices=["dmy", "mdy"], help="order of ambiguous text dates"
        )
        sp.add_argument(
            "--pain-scale",
            type=_scale,
            choices=[10, 100],
            help="declare the pain scale (0-10 or 0-100)",
        )
        sp.add_argument("--include-hidden", action="store_true", help="read hidden worksheets too")
        sp.add_argument("--secret", help="secret for pseudonymising record numbers")
        sp.add_argument(
            "--max-expanded-mb",
            type=float,
            help="refuse workbooks that expand beyond this size (default 500 MB)",
        )
        sp.add_argument("--strict", action="store_true", help="any data error fails the run")
        sp.add_argument(
            "--show-names",
            action="store_true",
            help="name the input file, its sheets and columns as written on the console "
            "(by default a neutral label and positions; files written never name them)",
        )
        sp.add_argument(
            "--policy",
            choices=["cell", "row", "patient"],
            default="cell",
            help="what an error costs: the bad cell (default; a bad key excludes its row), "
            "its row, or every row of that patient",
        )

    i = sub.add_parser(
        "inspect", help="how each column of an input is read (start here with a new workbook)"
    )
    input_args(i)
    i.add_argument(
        "--write-mapping", type=Path, help="write the readings as a mapping YAML to edit"
    )
    v = sub.add_parser("validate", help="list every problem in an input")
    input_args(v)
    v.add_argument("--json", action="store_true", help="print problems as JSON")
    n = sub.add_parser("normalize", help="write the tidy tables and problems.csv")
    input_args(n)
    n.add_argument("--out", type=Path, required=True, help="output folder for the tidy tables")
    r = sub.add_parser("report", help="full report of an input")
    input_args(r)
    r.add_argument("--out", type=Path, required=True, help="output folder (written afresh)")
    r.add_argument("--config", type=Path, help="settings file written by `vertebro init-config`")
    r.add_argument(
        "--impute", type=_count(1), metavar="M",
        help="add the missing-data section: analyses re-run on M imputed data sets and pooled",
    )  # fmt: skip
    ic = sub.add_parser("init-config", help="write a commented settings file to edit")
    ic.add_argument("--out", type=Path, default=Path("vertebro.yaml"), help="file to write")
    s = sub.add_parser("synth", help="write a synthetic cohort")
    s.add_argument("--patients", type=_count(1), required=True, help="number of synthetic patients")
    s.add_argument(
        "--seed", type=_count(0), default=20261121, help="random seed (same seed, same cohort)"
    )
    s.add_argument(
        "--out", type=Path, required=True,
        help="folder to write (tidy, redcap), or workbook file (wide-xlsx: .xlsx is added to a name without one)",
    )  # fmt: skip
    s.add_argument("--format", choices=["tidy", "wide-xlsx", "redcap"], default="tidy",
                   help="tidy CSVs, a clinician's wide workbook, or a REDCap export")  # fmt: skip
    s.add_argument(
        "--clean", action="store_true",
        help="wide-xlsx: leave out the five planted mistakes the demo carries (planted by default)",
    )  # fmt: skip
    s.add_argument(
        "--language", default=None,
        help="wide-xlsx: headers and words in another language (hy, mn, hr, lv, ur, bg: data_schema/synth-languages.yaml)",
    )  # fmt: skip
    d = sub.add_parser("demo", help="the full report on the built-in demo cohort")
    d.add_argument("--out", type=Path, default=Path("reports/demo"), help="output folder (written afresh)")  # fmt: skip
    sub.add_parser("dictionary", help="print the data dictionary (Markdown)")
    _digitize_parser(sub)
    return p


def _scale(text: str) -> float:
    """A pain scale as typed (``10``, ``100``, ``10.0``); whole numbers print as such."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 10 or 100, not {text!r}") from None
    return int(value) if value.is_integer() else value


def _count(least: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``least``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"must be at least {least}, not {value}")
        return value

    return parse


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vertebro-analysis")
    except PackageNotFoundError:
        return "unknown"


def _options(args: argparse.Namespace) -> Any:
    from analysis.load import options_from_mapping, read_mapping

    raw: dict[str, Any] = read_mapping(args.mapping) if args.mapping else {}
    return options_from_mapping(
        raw,
        policy="strict" if getattr(args, "strict", False) else getattr(args, "policy", "cell"),
        date_order=args.date_order,
        pain_scale=None if args.pain_scale is None else float(args.pain_scale),
        include_hidden=args.include_hidden or None,
        pseudonym_secret=args.secret,
        max_expanded_mb=args.max_expanded_mb,
    )


def _load(args: argparse.Namespace) -> Any:
    from analysis.load import load_cohort

    _refuse_a_lone_tidy_table(args)
    return load_cohort(args.input, _options(args), redcap_dictionary=args.redcap_dictionary)


_TIDY_TABLES = ("patients", "procedures", "assessments", "fractures")


def _refuse_a_lone_tidy_table(args: argparse.Namespace) -> None:
    """One table of the tidy form passed as the input: the form is read as a folder.

    A CSV or Parquet file whose header names only columns of one tidy table (and all of
    that table's required ones) is that table; read alone, every patient would lack its
    procedures (or every procedure its patient). Other inputs pass untouched. The message
    names the file only by a tidy table's own file name, and no folder (either may carry
    an identifier).
    """
    from analysis.problems import InputFormatError

    path: Path = args.input
    if args.redcap_dictionary is not None or not path.is_file():
        return
    table = _tidy_table_of(path)
    if table is None:
        return
    siblings = {p.name.lower() for p in path.parent.iterdir()}
    paired = any(f"patients{x}" in siblings for x in (".csv", ".parquet")) and any(
        f"procedures{x}" in siblings for x in (".csv", ".parquet")
    )
    name = path.name if path.stem.lower() in _TIDY_TABLES else "the input file"
    fix = (
        "pass the folder that holds it instead"
        if paired
        else "put patients, procedures, assessments and fractures (CSV or Parquet) in one "
        "folder and pass the folder"
    )
    raise InputFormatError(
        f"{name} holds only the {table} table of the tidy form, which is read as a folder "
        f"of its tables: {fix}"
    )


def _tidy_table_of(path: Path) -> str | None:
    """The tidy table whose columns a lone CSV or Parquet file's header names, if any."""
    from analysis.spec import load_spec

    header = _header_of(path)
    if len(header) < 2:
        return None
    for name in _TIDY_TABLES:
        table = load_spec().tables[name]
        required = {c.name for c in table.columns.values() if c.required}
        if required <= header <= set(table.columns):
            return name
    return None


def _header_of(path: Path) -> set[str]:
    """Column names of a CSV's first line or a Parquet file's schema (empty if unreadable)."""
    import csv

    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            names = list(pq.read_schema(path).names)
        elif suffix in (".csv", ".txt"):
            with path.open("rb") as stream:
                first = stream.readline(65536).decode("utf-8-sig", errors="replace")
            names = next(csv.reader([first]), [])
        else:
            return set()
    except Exception:  # an unreadable file is the loader's to report, with its reasons
        return set()
    return {str(n).strip().lower() for n in names}


def _print_problems(result: Any, as_json: bool, show_names: bool) -> None:
    from analysis.problems import problem_line

    records = result.public_problems(show_names)
    if as_json:
        print(json.dumps(records, indent=1, default=str))
        return
    for record in records:
        print(problem_line(record))
    print(f"{result.ledger_line()}, {len(result.problems) - len(result.errors)} warning(s)")


def _input_names(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The input's names a message may quote, each with the neutral label that replaces
    it: the path as typed, the file's name, the names of a folder's files and of a REDCap
    dictionary, and a stem that may not be shown; longest first."""
    from analysis.safety import is_safe_name, looks_like_identifier

    paths: list[Path] = [args.input]
    dictionary = getattr(args, "redcap_dictionary", None)
    if dictionary is not None:
        paths.append(dictionary)
    try:
        if args.input.is_dir():
            paths += sorted(args.input.iterdir())[:1000]
    except OSError:
        pass
    names: dict[str, str] = {}
    for i, path in enumerate(paths):
        label = "input" if i == 0 else f"input file {i}"
        if path.stem.lower() in _TIDY_TABLES and i > 0:
            continue  # a tidy table's own file name (patients.csv) names no one
        texts = [str(path), str(path.resolve())]
        if path.stem.lower() not in _TIDY_TABLES:
            texts.append(path.name)
        if looks_like_identifier(path.stem) or not is_safe_name(path.stem):
            texts += [f"'{path.stem}'", f"sheet {path.stem}"]  # a text file's only sheet
        for text in texts:
            if len(text) >= 2:
                names.setdefault(text, label)
    return sorted(names.items(), key=lambda kv: -len(kv[0]))


def _scrub_names(text: str, args: argparse.Namespace) -> str:
    """``text`` with every name of the input replaced by a neutral label, unless the user
    asked for names with ``--show-names``."""
    if getattr(args, "show_names", False) or not hasattr(args, "input"):
        return text
    for name, label in _input_names(args):
        text = text.replace(name, label)
    return text


def _dictionary(args: argparse.Namespace) -> int:
    from analysis.schema.dictionary import render_dictionary

    print(render_dictionary(), end="")
    return EXIT_OK


def _init_config(args: argparse.Namespace) -> int:
    from analysis.config import config_template

    if args.out.exists():
        print(f"vertebro: {args.out} exists; not overwritten", file=sys.stderr)
        return EXIT_USAGE
    args.out.write_text(config_template(), encoding="utf-8")
    print(f"settings written to {args.out}; edit it and pass it with --config")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from analysis.config import LoadOptions
    from analysis.load import load_cohort

    demo = resources.files("analysis").joinpath("data", "demo_registry.xlsx")
    with resources.as_file(demo) as path:
        result = load_cohort(path, LoadOptions())
    status = _write_report(result, args.out, None)
    print("(the demo workbook carries five planted mistakes; they are listed in problems.csv)")
    return EXIT_OK if status != EXIT_USAGE else status


def _verdict(result: Any) -> int:
    """One exit code per input, whichever command read it: 2 when no row could be
    loaded (a header without rows, every row in error), 1 when problems were found, else 0."""
    if result.rows_loaded == 0:
        return EXIT_USAGE
    return EXIT_DATA if result.errors else EXIT_OK


def _nothing_loaded() -> None:
    print(
        "vertebro: nothing was loaded from the input (no data rows, or every row has an "
        "error listed above or in problems.csv), so there is nothing to analyse",
        file=sys.stderr,
    )


def _validate(args: argparse.Namespace) -> int:
    result = _load(args)
    _print_problems(result, args.json, args.show_names)
    if result.rows_loaded == 0:
        _nothing_loaded()
    return _verdict(result)


def _normalize(args: argparse.Namespace) -> int:
    from analysis.load.export import write_normalized  # not the report: no statistics

    result = _load(args)
    paths = write_normalized(result, args.out)
    print(f"wrote {len(paths)} files to {args.out}; {result.ledger_line()} listed in problems.csv")
    if result.rows_loaded == 0:
        _nothing_loaded()
    return _verdict(result)


def _report(args: argparse.Namespace) -> int:
    from analysis.config import read_analysis_config

    config = None
    if args.config:
        try:
            config = read_analysis_config(args.config)
        except ValueError as exc:
            print(f"vertebro: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.impute:
        from dataclasses import replace

        from analysis.config import AnalysisConfig

        config = replace(config or AnalysisConfig(), impute=args.impute)
    return _write_report(_load(args), args.out, config)


def _write_report(result: Any, out: Path, config: Any) -> int:
    from analysis.report import write_report

    if result.rows_loaded == 0:
        _print_ledger(result)
        print(
            "vertebro: nothing was loaded from the input, so there is nothing to report; "
            "run `vertebro validate` to see why",
            file=sys.stderr,
        )
        return EXIT_USAGE
    files = write_report(result, out, config, _progress())
    _print_ledger(result)
    for warning in files.warnings:
        print(f"warning: {warning}")
    print(f"report: {len(files.files)} files in {files.directory}")
    return _verdict(result)


def _progress() -> Callable[[str], None]:
    """Each long step named on the terminal; silent when output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        return lambda _: None

    def show(step: str) -> None:
        print(f"vertebro: {step} ...", file=sys.stderr, flush=True)

    return show


def _run(args: argparse.Namespace) -> int:
    commands = {
        "dictionary": _dictionary,
        "synth": _synth,
        "init-config": _init_config,
        "demo": _demo,
        "inspect": _inspect,
        "validate": _validate,
        "normalize": _normalize,
        "report": _report,
        "digitize": _digitize,
    }
    return commands[args.command](args)


def _digitize_parser(sub: Any) -> None:
    g = sub.add_parser(
        "digitize", help="read the curves of a Kaplan-Meier figure (PNG, JPEG, SVG, PDF)"
    )
    g.add_argument(
        "figure", type=Path, help="the figure: a PNG or JPEG image, or an SVG or PDF drawing"
    )
    g.add_argument("--out", type=Path, required=True, help="folder for curves.csv and overlay.png")
    for axis, example in (("x", "0 60"), ("y", "0 100 on a percent axis")):
        g.add_argument(
            f"--{axis}-range", nargs=2, type=float, metavar=("MIN", "MAX"),
            help=f"values printed at the first and last {axis} ticks (e.g. {example})",
        )  # fmt: skip
    g.add_argument("--curves", type=_count(1), help="number of curves in the figure, if known")
    g.add_argument(
        "--panel", type=_panel, metavar="N|LETTER|PLACE",
        help="in a figure of several plots (panels side by side or stacked), which to read: "
        "its printed letter (b), its number in reading order (row by row from the top, "
        "left to right) or its place (left, right, top, bottom, top-left, ...); default: "
        "the first, with a warning naming how many were found",
    )  # fmt: skip


def _panel(text: str) -> int | str:
    """An argparse type: a panel's number (from 1) or its printed letter."""
    word = text.strip().strip("().")
    if word.isdigit():
        return _count(1)(word)
    if len(word) == 1 and word.isascii() and word.isalpha():
        return word.lower()
    sides = word.lower().replace("_", " ").replace("-", " ").split()
    if 0 < len(sides) <= 2 and all(s in ("left", "right", "top", "bottom") for s in sides):
        return word.lower()  # checked against the plots found by the reader
    raise argparse.ArgumentTypeError(
        f"expected a panel's letter (a, b, ...), its number (1, 2, ...) or its place "
        f"(left, right, top, bottom, top-left, ...), not {text!r}"
    )


def _digitize(args: argparse.Namespace) -> int:
    from analysis.published.digitize import digitize_km, write_digitized

    ranges = (tuple(args.x_range) if args.x_range else None, tuple(args.y_range) if args.y_range else None)  # fmt: skip
    result = digitize_km(args.figure, *ranges, curves=args.curves, panel=args.panel)
    files = write_digitized(result, args.out)
    for warning in result.warnings:
        print(f"warning: {warning}")
    steps = result.curves.groupby("curve").size()
    read = ", ".join(f"curve {k}: {n} corners" for k, n in steps.items())
    print(f"{result.n_curves} curve(s) of {result.measure} read ({read}); written: "
          + ", ".join(f.name for f in files) + f" in {args.out}")  # fmt: skip
    return EXIT_OK


def _print_ledger(result: Any) -> None:
    print(f"{result.ledger_line()} listed in problems.csv")


def _inspect(args: argparse.Namespace) -> int:
    from analysis.load import inspect_input

    _refuse_a_lone_tidy_table(args)
    from analysis.safety import is_safe_name

    found = inspect_input(args.input, _options(args))
    shown: dict[str, str] = {}
    for i, sheet in enumerate(found.sheets, 1):
        safe = args.show_names or is_safe_name(sheet.sheet)
        shown[sheet.sheet] = f"'{sheet.sheet}'" if safe else f"{i}"
        where = f" (header row {sheet.header_row})" if sheet.header_row else ""
        print(f"sheet {shown[sheet.sheet]}: {sheet.status}{where}: {sheet.note}")
    frame = found.to_frame()
    if not frame.empty:
        if not args.show_names:  # names that may identify: by position (--show-names)
            frame["sheet"] = frame["sheet"].map(lambda s: str(shown.get(s, s)).strip("'"))
            frame["header"] = [
                h if is_safe_name(h) else f"(column {c})"
                for h, c in zip(frame["header"], frame["column"], strict=True)
            ]
        print(frame.to_string(index=False))
    named = sum(1 for c in found.columns if c.header)
    read = sum(1 for c in found.columns if c.header and c.label is not None)
    print(f"{read} of {named} columns read ({found.recognised_share:.0%})")
    if args.write_mapping:
        args.write_mapping.write_text(found.mapping_yaml(), encoding="utf-8")
        print(f"mapping written to {args.write_mapping}; edit it and pass it with --mapping")
    return EXIT_OK


# a wide workbook of more patients would pass Excel's 1,048,576 rows per sheet
_MAX_WIDE_PATIENTS = 500_000
_FILE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".parquet", ".json", ".txt")


def _synth_target(args: argparse.Namespace) -> tuple[Path | None, str]:
    """Where ``synth`` writes, or None and the reason it refuses."""
    out: Path = args.out
    if args.format != "wide-xlsx":
        if args.clean:
            return None, (
                f"--clean applies to --format wide-xlsx; the {args.format} output carries no "
                "planted mistakes"
            )
        if args.language:
            return None, f"--language applies to --format wide-xlsx, not {args.format}"
        if out.suffix.lower() in _FILE_SUFFIXES:
            return None, (
                f"--format {args.format} writes a folder of CSV files, and '{out.name}' looks "
                "like a file name; name a folder (or use --format wide-xlsx for a workbook)"
            )
        return out, ""
    if out.is_dir():
        return None, f"'{out}' is a folder; --format wide-xlsx writes a workbook file (.xlsx)"
    if out.suffix == "":
        out = out.with_name(out.name + ".xlsx")
    elif out.suffix.lower() != ".xlsx":
        return None, (
            f"--format wide-xlsx writes an Excel workbook: --out must end in .xlsx, "
            f"not '{out.suffix}'"
        )
    if args.patients > _MAX_WIDE_PATIENTS:
        return None, (
            f"{args.patients:,} patients would pass Excel's 1,048,576 rows per sheet; "
            f"use --format tidy above {_MAX_WIDE_PATIENTS:,}"
        )
    return out, ""


def _synth(args: argparse.Namespace) -> int:
    from analysis.synth import languages, synthesize, write_redcap, write_tidy, write_wide_workbook
    from analysis.synth.writers import MISTAKES_FROM_PATIENTS

    out, refusal = _synth_target(args)
    if out is None:
        print(f"vertebro: {refusal}", file=sys.stderr)
        return EXIT_USAGE
    if args.language and args.language not in languages():
        known = ", ".join(sorted(languages()))
        print(
            f"vertebro: --language {args.language}: the generator writes {known}", file=sys.stderr
        )
        return EXIT_USAGE
    cohort = synthesize(args.patients, args.seed)
    note = ""
    if args.format == "tidy":
        write_tidy(cohort, out)
    elif args.format == "redcap":
        write_redcap(cohort, out, args.seed)
    else:
        write_wide_workbook(
            cohort, out, args.seed, inject_errors=not args.clean, language=args.language
        )
        if args.clean:
            note = "; without planted mistakes"
        elif args.patients >= MISTAKES_FROM_PATIENTS:
            note = (
                "; it carries the five planted mistakes of the demo (the README lists them; "
                "--clean leaves them out)"
            )
    print(f"synthetic cohort of {args.patients} patients written to {out}{note}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vertebro`` command."""
    args = _parser().parse_args(argv)
    if argv is None and args.command == "report":  # this process's own command line
        from analysis.cli_heap import keep_freed_memory

        keep_freed_memory()  # before the report's arrays: freed ones leave their pages for the next
    from analysis.problems import CohortDataError, InputFormatError
    from analysis.reproducible import SourceDateEpochError, source_date

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a file name that is not valid UTF-8 still prints
            stream.reconfigure(errors="replace")
    try:
        if args.command in ("report", "demo"):
            source_date()  # before numpy reads SOURCE_DATE_EPOCH on import (and fails on junk)
        return _run(args)
    except CohortDataError as exc:
        from analysis.problems import problem_line, public_problems

        shown = getattr(args, "show_names", False)
        for record in public_problems(exc.problems, show_names=shown):
            print(problem_line(record), file=sys.stderr)
        print(f"strict policy: {len(exc.problems)} problem(s); nothing written", file=sys.stderr)
        return EXIT_DATA
    except (InputFormatError, SourceDateEpochError) as exc:
        print(f"vertebro: {_scrub_names(str(exc), args)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        text = f"{exc.strerror or exc}: {exc.filename or ''}"
        print(f"vertebro: {_scrub_names(text, args)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the promise is: never a traceback, always a message
        print(
            f"vertebro: internal error ({type(exc).__name__}) while running "
            f"'{args.command}'; nothing more was done. Please report it with the command you ran",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
