"""Loading speed of the forms clinicians keep: a wide workbook against its reader, and the
same cohort as tidy CSVs.

For each size, a synthetic cohort is written as a clinician's wide workbook (title lines,
two-row merged header, one row per treated vertebra) and as tidy CSVs. The workbook's
reading alone (openpyxl's streaming reader, with our checks) is timed next to the whole
load, so the share of the time spent after the read shows whether loading is bound by
the reader. Best of 3. Not part of the tests.

    python benchmarks/run.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import best_of

from analysis.io import read_workbook
from analysis.load import load_cohort
from analysis.synth import synthesize, write_tidy, write_wide_workbook


def main() -> None:
    print("| form | patients | rows | reader (s) | load (s) | rows/s | after the read |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (300, 3000, 10000):
        cohort = synthesize(n, seed=20261121)
        with tempfile.TemporaryDirectory() as tmp:
            wide = write_wide_workbook(cohort, Path(tmp) / "wide.xlsx")
            write_tidy(cohort, Path(tmp) / "tidy")
            for label, path in (("wide xlsx", wide), ("tidy csv", Path(tmp) / "tidy")):
                rows = load_cohort(path).rows_in
                load = best_of(lambda p=path: load_cohort(p))
                if label == "wide xlsx":
                    read = best_of(lambda p=path: read_workbook(p))
                    reader, share = f"{read:.2f}", f"{(load - read) / load:.0%}"
                else:
                    reader = share = "-"
                print(f"| {label} | {n:,} | {rows:,} | {reader} | {load:.2f} | {rows / load:,.0f} | {share} |")  # fmt: skip


if __name__ == "__main__":
    main()
