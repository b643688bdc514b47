"""Loading speed of the forms clinicians keep: a wide workbook against openpyxl's bare read,
and the same cohort as tidy CSVs.

For each size, ``vertebro synth --format wide-xlsx`` writes a clinician's wide workbook
(title lines, two-row merged header, one row per treated vertebra, the demo's planted
mistakes) and ``--format tidy`` the same cohort as tidy CSVs. Timed on the workbook:
openpyxl's read-only reader merely reading every cell (``values_only``), our reader
(:func:`analysis.io.read_workbook`, with its checks), the whole load
(:func:`analysis.load.load_cohort`) and the whole ``vertebro normalize`` as its own
process (start-up, imports and the CSVs it writes included). The target: that whole
normalize in at most a third of openpyxl's bare read. Each time is the best of 3, as
wall time and as the CPU time of the same run (on a machine shared with other work the
CPU time is the steadier figure). Not part of the tests.

    python benchmarks/run.py [SIZES]     # default 300,3000,10000
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from analysis.io import read_workbook
from analysis.load import load_cohort

TARGET = 3.0  # openpyxl's bare read / our whole normalize


def best(fn: Callable[[], object], repeats: int = 3) -> tuple[float, float]:
    """Wall and CPU seconds of the run with the shortest wall time (CPU of this process
    and of the processes it waited for)."""
    runs = []
    for _ in range(repeats):
        cpu0, wall0 = _cpu(), time.perf_counter()
        fn()
        runs.append((time.perf_counter() - wall0, _cpu() - cpu0))
    return min(runs)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)  # fmt: skip
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def openpyxl_read(path: Path) -> int:
    """Every cell of every sheet through openpyxl's read-only reader, nothing else."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = sum(len(row) for ws in book.worksheets for row in ws.iter_rows(values_only=True))
    book.close()
    return n


def vertebro(*args: str) -> None:
    """``vertebro ARGS`` as its own process; exit 1 (data errors reported) is expected."""
    done = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, check=False)  # fmt: skip
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.decode(errors="replace"))


def _fmt(t: tuple[float, float]) -> str:
    return f"{t[0]:.2f} / {t[1]:.2f}"


def main(sizes: tuple[int, ...] = (300, 3000, 10000)) -> None:
    print("seconds as wall / CPU, best of 3; ratio = openpyxl's bare read / ours")
    print()
    print("| patients | rows | openpyxl bare read | our reader | load_cohort | vertebro normalize | ratio, wall | ratio, CPU | target |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    tidy_rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            wide, tidy, out = Path(tmp) / "w.xlsx", Path(tmp) / "tidy", Path(tmp) / "out"
            vertebro("synth", "--patients", str(n), "--seed", "1", "--format", "wide-xlsx", "--out", str(wide))  # fmt: skip
            vertebro("synth", "--patients", str(n), "--seed", "1", "--format", "tidy", "--out", str(tidy))  # fmt: skip
            rows = load_cohort(wide).rows_in
            bare = best(lambda p=wide: openpyxl_read(p))
            ours = best(lambda p=wide: read_workbook(p))
            load = best(lambda p=wide: load_cohort(p))
            cli = best(lambda p=wide, o=out: vertebro("normalize", str(p), "--out", str(o)))
            wall, cpu = bare[0] / cli[0], bare[1] / cli[1]
            met = "met" if min(wall, cpu) >= TARGET else f"not met (needs {TARGET:g}x)"
            print(f"| {n:,} | {rows:,} | {_fmt(bare)} | {_fmt(ours)} | {_fmt(load)} | {_fmt(cli)} | {wall:.2f}x | {cpu:.2f}x | {met} |")  # fmt: skip
            tidy_load = best(lambda p=tidy: load_cohort(p))
            tidy_rows.append((n, load_cohort(tidy).rows_in, tidy_load))
    print()
    print("| tidy csv: patients | rows | load_cohort | rows/s (wall) |")
    print("| ---: | ---: | ---: | ---: |")
    for n, rows, t in tidy_rows:
        print(f"| {n:,} | {rows:,} | {_fmt(t)} | {rows / t[0]:,.0f} |")


if __name__ == "__main__":
    main(tuple(int(s) for s in sys.argv[1].split(",")) if len(sys.argv) > 1 else (300, 3000, 10000))
