"""Loading speed: synthetic registries written as a messy workbook, then loaded."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from analysis.load import load_cohort
from analysis.synth import synthesize, write_tidy, write_wide_workbook


def main() -> None:
    for n in (300, 3000):
        cohort = synthesize(n, seed=20261121)
        with tempfile.TemporaryDirectory() as tmp:
            wide = write_wide_workbook(cohort, Path(tmp) / "wide.xlsx")
            write_tidy(cohort, Path(tmp) / "tidy")
            for label, path in (("wide xlsx", wide), ("tidy csv", Path(tmp) / "tidy")):
                t0 = time.perf_counter()
                result = load_cohort(path)
                dt = time.perf_counter() - t0
                print(
                    f"{label:9s} {n:6d} patients {result.rows_in:7d} rows  {dt:6.2f} s  "
                    f"{result.rows_in / dt:9.0f} rows/s"
                )


if __name__ == "__main__":
    main()
