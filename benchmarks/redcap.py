"""REDCap export speed: the whole ``vertebro normalize`` on a synthetic REDCap export,
in records (rows of the records CSV) per CPU second, beside the target of 100,000
records/s.

For each size (default 20,000 patients) a synthetic cohort is written as a REDCap
export (``vertebro synth --format redcap``: records CSV and data dictionary), then
``vertebro normalize`` runs on it as a separate process (start-up, reading, decoding,
loading, writing the tidy CSVs and the problems), ``--repeats`` times. The machine may
be shared, so the figure is CPU time (user and system of the process, the least of the
repeats; wall time beside it); the fixed cost of a normalize (start-up and imports,
measured on a 10-patient export) is shown too. The column-by-column decoding of the
records sheet alone, and the row-by-row decoding it replaced, are timed in this process
(CPU time, the least of the repeats; the garbage collector set as a load sets it).

Where a load's time goes is measured in this process too: one ``load_cohort`` of the
export with a CPU clock around each of its stages (reading, decoding, layout, follow-up
merge, the column-by-column readings of the staging, its record-by-record part, the rest
of the staging, the assembly), the least of the repeats. Beside it, the bound of a bulk
path that staged and assembled every record at no cost at all: the records over the
normalize's CPU time less the record-by-record staging and the assembly; and, as what a
bulk assembly of these patients costs, one load of the same cohort written as the tidy
tables (column by column, :mod:`analysis.load.columnar`) added back. Not part of the
tests.

    python benchmarks/redcap.py [SIZES] [--repeats N]     e.g. 2000,20000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from timing import best_of

import analysis.load as load
import analysis.load.records as records_module
import analysis.load.redcap as redcap_module
from analysis.io import read_csv_sheet
from analysis.load.collector import fewer_collections
from analysis.load.redcap_decode import SYSTEM, Decoder
from analysis.load.redcap_dictionary import label_mapping, read_dictionary
from analysis.load.redcap_rows import RowDecoder
from analysis.synth import synthesize, write_redcap, write_tidy

TARGET = 100_000  # records per CPU second, the whole normalize
SEED = 20261121
VERTEBRO = [sys.executable, "-m", "analysis.cli"]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _normalize(export: Path, out: Path, repeats: int) -> tuple[float, float]:
    """The least CPU time and the least wall time of ``repeats`` normalize processes."""
    cpu, wall = [], []
    for _ in range(repeats):
        before, start = _children_cpu(), time.perf_counter()
        subprocess.run(
            [*VERTEBRO, "normalize", str(export), "--out", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - before)
    return min(cpu), min(wall)


def _decoding(records: Path, dictionary: Path, repeats: int) -> tuple[float, float]:
    """CPU seconds to decode the records sheet column by column, and row by row."""
    fields = read_dictionary(dictionary)
    sheet = read_csv_sheet(records)

    def decode(kind: type[Decoder] | type[RowDecoder]) -> None:
        mapping = label_mapping(fields)
        mapping.update(dict.fromkeys(SYSTEM, "ignore"))
        with fewer_collections():  # as inside a load
            kind(sheet, fields, mapping, dictionary.name).decode()

    return (
        best_of(lambda: decode(Decoder), repeats, time.process_time),
        best_of(lambda: decode(RowDecoder), repeats, time.process_time),
    )


# the stages of a load, each a function a clock is put around: (label, owner, attribute)
STAGES: tuple[tuple[str, Any, str], ...] = (
    ("reading the CSV", redcap_module, "read_csv_sheet"),
    ("decoding", Decoder, "decode"),
    ("layout", redcap_module, "detect_layout"),
    ("follow-up merge", redcap_module, "_latest_followup"),
    ("staging: readings by column", records_module._RowParser, "__init__"),
    ("staging: record by record", records_module._RowParser, "parse_row"),
    ("staging: all", redcap_module, "stage_sheet"),
    ("assembly", load, "assemble"),
)
ROW_BY_ROW = ("staging: record by record", "assembly")  # what a bulk path would replace


@contextmanager
def _clocked(spent: dict[str, float]) -> Iterator[None]:
    """Each stage's function wrapped in a CPU clock adding into ``spent`` (restored after)."""
    saved = [(owner, name, getattr(owner, name)) for _, owner, name in STAGES]

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        return run

    try:
        for (label, owner, name), (_, _, fn) in zip(STAGES, saved, strict=True):
            setattr(owner, name, timed(label, fn))
        yield
    finally:
        for owner, name, fn in saved:
            setattr(owner, name, fn)


def _stages(export: Path, repeats: int) -> tuple[float, dict[str, float]]:
    """CPU seconds of the least of ``repeats`` loads, and of each of its stages."""
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(repeats):
        spent: dict[str, float] = {}
        with _clocked(spent):
            start = time.process_time()
            load.load_cohort(export)
            total = time.process_time() - start
        if best is None or total < best[0]:
            best = (total, spent)
    assert best is not None
    return best


def _tidy_load(n: int, directory: Path, repeats: int) -> float:
    """CPU seconds to load the same cohort from the tidy tables (least of ``repeats``)."""
    write_tidy(synthesize(n, seed=SEED), directory)
    return best_of(lambda: load.load_cohort(directory), repeats, time.process_time)


def _print_stages(
    total: float, spent: dict[str, float], count: int, cpu: float, tidy: float
) -> None:
    staging = spent.get("staging: all", 0.0)
    inner = sum(spent.get(k, 0.0) for k in ("staging: readings by column", "staging: record by record"))  # fmt: skip
    print(f"\nWhere one load's CPU time goes ({count:,} records, this process):\n")
    print("| stage | CPU (s) | share of the load |")
    print("| --- | ---: | ---: |")
    rows = [(label, spent.get(label, 0.0)) for label, _, _ in STAGES if label != "staging: all"]
    rows.insert(-1, ("staging: the rest (checks, duplicates, ...)", staging - inner))
    rows.append(("other (dictionary, contexts, ...)", total - sum(v for _, v in rows)))
    for label, seconds in [*rows, ("the whole load_cohort", total)]:
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    saved = sum(spent.get(k, 0.0) for k in ROW_BY_ROW)
    bound = count / max(cpu - saved, 1e-9)
    met = "met" if bound >= TARGET else "not met"
    print(
        f"\nbound of a bulk path (record-by-record staging and assembly at no cost): "
        f"{cpu:.1f} - {saved:.1f} s of CPU, {bound:,.0f} records per CPU second "
        f"(target {TARGET:,}: {met})"
    )
    estimate = count / (cpu - saved + tidy)
    met = "met" if estimate >= TARGET else "not met"
    print(
        f"estimate of a bulk path (the same cohort loaded from tidy tables: {tidy:.2f} s of "
        f"CPU, added back): {estimate:,.0f} records per CPU second (target {TARGET:,}: {met})"
    )


def _export(n: int, directory: Path) -> tuple[Path, Path, int]:
    records, dictionary = write_redcap(synthesize(n, seed=SEED), directory)
    with records.open() as fh:
        count = sum(1 for _ in fh) - 1
    return records, dictionary, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="?", default="20000", help="patients, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measure (least kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small"
        _export(10, small)
        fixed, _ = _normalize(small, Path(tmp) / "small_out", args.repeats)
    print(f"fixed cost of a normalize (start-up, imports; 10 patients): {fixed:.2f} s of CPU\n")
    print(
        "| patients | records | normalize: CPU (s) | wall (s) | records per CPU second "
        "| target | decode by column: CPU (s) | decode by row: CPU (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    breakdowns: list[tuple[int, float, float, dict[str, float], float]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "export"
            records, dictionary, count = _export(n, export)
            cpu, wall = _normalize(export, Path(tmp) / "out", args.repeats)
            by_column, by_row = _decoding(records, dictionary, args.repeats)
            rate = count / cpu
            met = "met" if rate >= TARGET else "not met"
            print(
                f"| {n:,} | {count:,} | {cpu:.1f} | {wall:.1f} | {rate:,.0f} "
                f"| {TARGET:,} ({met}) | {by_column:.2f} | {by_row:.2f} |"
            )
            tidy = _tidy_load(n, Path(tmp) / "tidy", args.repeats)
            breakdowns.append((count, cpu, *_stages(export, args.repeats), tidy))
    for count, cpu, total, spent, tidy in breakdowns:
        _print_stages(total, spent, count, cpu, tidy)


if __name__ == "__main__":
    main()
