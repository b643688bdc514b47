"""Registry scale: the whole pipeline on generated registries, one table of figures.

For each size (default 10,000 and 100,000 patients; pass e.g. ``10000,100000,1000000``)
it writes a synthetic registry as tidy CSVs (``vertebro synth``), then measures:

- loading and normalising the tidy CSVs (rows per second, in this process);
- the full ``vertebro report`` as a separate process: wall time and peak memory;
- the analyses of the report one by one (seconds), in this process.

Targets from the registry-scale issue are printed beside the figures: a full report of
100,000 patients under 60 s and 4 GB; loading at least 200,000 rows/s. Not a test.

    python benchmarks/registry.py [SIZES]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

VERTEBRO = [sys.executable, "-m", "analysis.cli"]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def analyses(cohort: object) -> list[tuple[str, Callable[[], object]]]:
    from analysis import stats

    return [
        ("paired change, pain", lambda: stats.paired_change(cohort, "pain_vas", "pre", "1m")),
        ("time course + Holm", lambda: stats.change_from_baseline(cohort, "pain_vas")),
        ("mixed model", lambda: stats.mixed_model(cohort, "pain_vas")),
        ("group comparison", lambda: stats.change_by_group(cohort, "pain_vas")),
        ("cement repeat vs initial", lambda: stats.repeat_volume(cohort)),
        ("Kaplan-Meier", lambda: stats.fracture_free_survival(cohort, "etiology")),
        ("cumulative incidence", lambda: stats.fracture_cumulative_incidence(cohort)),
        ("Cox risk model", lambda: stats.fracture_risk_model(cohort)),
        ("fracture timing", lambda: stats.fracture_timing(cohort)),
    ]


def run(n: int, folder: Path) -> None:
    from analysis.load import load_cohort

    data = folder / f"registry_{n}"
    subprocess.run([*VERTEBRO, "synth", "--patients", str(n), "--format", "tidy", "--out", str(data)],
                   check=True, capture_output=True)  # fmt: skip
    rows = sum(sum(1 for _ in p.open()) - 1 for p in data.glob("*.csv"))
    load_s, result = timed(lambda: load_cohort(data))
    print(f"\n{n:,} patients, {rows:,} rows")
    print(f"  load + normalise: {load_s:7.1f} s  {rows / load_s:10,.0f} rows/s  (target >= 200,000 rows/s)")  # fmt: skip
    for name, fn in analyses(result.cohort):  # type: ignore[attr-defined]
        try:
            secs, _ = timed(fn)
            print(f"  {name:<26} {secs:7.2f} s")
        except ValueError as err:
            print(f"  {name:<26} not computed: {err}")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    report = subprocess.run([*VERTEBRO, "report", str(data), "--out", str(folder / f"report_{n}")],
                            capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024**2
    target = "  (target < 60 s, < 4 GB)" if n == 100_000 else ""
    target = "  (target < 600 s, < 16 GB)" if n == 1_000_000 else target
    print(f"  full vertebro report: {wall:7.1f} s  peak {peak:5.2f} GB  exit {report.returncode}{target}")  # fmt: skip


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "10000,100000").split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            run(n, Path(tmp))


if __name__ == "__main__":
    main()
