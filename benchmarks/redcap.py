"""REDCap export speed: the whole ``vertebro normalize`` on a synthetic REDCap export,
in records (rows of the records CSV) per second, beside the target of 100,000 records/s.

For each size (default 20,000 patients) a synthetic cohort is written as a REDCap
export (``vertebro synth --format redcap``: records CSV and data dictionary), then
``vertebro normalize`` runs on it as a separate process (reading, decoding, loading,
writing the tidy CSVs and the problems), best of ``--repeats``. The column-by-column
decoding alone, and the row-by-row decoding it replaced, are timed in this process.
Not part of the tests.

    python benchmarks/redcap.py [SIZES] [--repeats N]     e.g. 2000,20000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import best_of

from analysis.io import read_csv_sheet
from analysis.load.redcap_decode import SYSTEM, Decoder
from analysis.load.redcap_dictionary import label_mapping, read_dictionary
from analysis.load.redcap_rows import RowDecoder
from analysis.synth import synthesize, write_redcap

TARGET = 100_000  # records per second, the whole normalize
VERTEBRO = [sys.executable, "-m", "analysis.cli"]


def _normalize(export: Path, out: Path) -> None:
    subprocess.run(
        [*VERTEBRO, "normalize", str(export), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _decoding(records: Path, dictionary: Path) -> tuple[float, float]:
    """Seconds to decode the records sheet column by column, and row by row."""
    fields = read_dictionary(dictionary)
    sheet = read_csv_sheet(records)

    def decode(kind: type[Decoder] | type[RowDecoder]) -> None:
        mapping = label_mapping(fields)
        mapping.update(dict.fromkeys(SYSTEM, "ignore"))
        kind(sheet, fields, mapping, dictionary.name).decode()

    return best_of(lambda: decode(Decoder)), best_of(lambda: decode(RowDecoder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="?", default="20000", help="patients, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measure (best kept)")
    args = parser.parse_args()
    print(
        "| patients | records | normalize (s) | records/s | target | decode by column (s) "
        "| decode by row (s) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "export"
            records, dictionary = write_redcap(synthesize(n, seed=20261121), export)
            with records.open() as fh:
                count = sum(1 for _ in fh) - 1
            out = Path(tmp) / "out"
            wall = best_of(lambda e=export, o=out: _normalize(e, o), args.repeats)
            by_column, by_row = _decoding(records, dictionary)
            rate = count / wall
            met = "met" if rate >= TARGET else "not met"
            print(
                f"| {n:,} | {count:,} | {wall:.1f} | {rate:,.0f} | {TARGET:,} ({met}) "
                f"| {by_column:.2f} | {by_row:.2f} |"
            )


if __name__ == "__main__":
    main()
