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
(CPU time, the least of the repeats; the garbage collector set as a load sets it). Not
part of the tests.

    python benchmarks/redcap.py [SIZES] [--repeats N]     e.g. 2000,20000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import best_of

from analysis.io import read_csv_sheet
from analysis.load.collector import fewer_collections
from analysis.load.redcap_decode import SYSTEM, Decoder
from analysis.load.redcap_dictionary import label_mapping, read_dictionary
from analysis.load.redcap_rows import RowDecoder
from analysis.synth import synthesize, write_redcap

TARGET = 100_000  # records per CPU second, the whole normalize
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


def _export(n: int, directory: Path) -> tuple[Path, Path, int]:
    records, dictionary = write_redcap(synthesize(n, seed=20261121), directory)
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


if __name__ == "__main__":
    main()
