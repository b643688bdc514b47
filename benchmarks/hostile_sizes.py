"""Validation time of inputs sized to hurt: a 1 MB text cell (in a notes column, and in a
level cell, where it is an error) and a row of 10,000 columns, each as CSV and as a
workbook. Every step of the loader is linear in a cell's length and a row's width, so
each validates in seconds. Best of 3 (of 1 for the widest). Not part of the tests; the
tests hold a smaller size budget (tests/test_hostile_size.py).

    python benchmarks/hostile_sizes.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import best_of

from analysis.load import load_cohort

HEADER = ["Study ID", "Sex", "Age", "Date of procedure", "Level", "Cement volume", "VAS pre"]


def rows(n: int = 4) -> list[list[object]]:
    """``n`` plausible data rows under :data:`HEADER`."""
    return [[f"S{i:02d}", "F", 70 + i, f"2021-03-{i + 1:02d}", "L1", 3.5, 8] for i in range(n)]


def long_cell(size: int) -> tuple[list[str], list[list[object]]]:
    """A notes cell of ``size`` characters, and a level cell of as many (an error)."""
    body = [[*r, "ok"] for r in rows()]
    body[0][-1] = "y" * size
    body[1][4] = "z" * size
    return [*HEADER, "Notes"], body


def wide_row(width: int) -> tuple[list[str], list[list[object]]]:
    """``width`` extra columns beside the cohort's."""
    extra = [f"extra {j}" for j in range(width)]
    return [*HEADER, *extra], [[*r, *range(width)] for r in rows()]


def write(folder: Path, name: str, header: list[str], body: list[list[object]]) -> list[Path]:
    """The table as a CSV file and as a workbook."""
    import openpyxl

    csv = folder / f"{name}.csv"
    csv.write_text("\n".join(",".join(map(str, r)) for r in [header, *body]) + "\n")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in body:
        ws.append(r)
    xlsx = folder / f"{name}.xlsx"
    wb.save(xlsx)
    return [csv, xlsx]


def main() -> None:
    print("| input | form | validate (s) |")
    print("| --- | --- | ---: |")
    cases = [("1 MB cell", long_cell(1_000_000), 3), ("10,000 columns", wide_row(10_000), 1)]
    with tempfile.TemporaryDirectory() as tmp:
        for label, (header, body), repeats in cases:
            for path in write(Path(tmp), label.split()[1], header, body):
                seconds = best_of(lambda p=path: load_cohort(p), repeats)
                print(f"| {label} | {path.suffix} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
