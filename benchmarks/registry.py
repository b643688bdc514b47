"""Registry scale: the whole pipeline on generated registries, one table of figures.

For each size (default 10,000 and 100,000 patients; ``--million`` adds 1,000,000) it
writes a synthetic registry as tidy CSVs (``vertebro synth``), then measures:

- the full ``vertebro report`` as a separate process: wall time and its own peak
  memory (``wait4`` on that process alone);
- loading and normalising the tidy CSVs (rows per second, in this process);
- the analyses of the report one by one (seconds), in this process;
- on the registry's own patient-level fracture data (time to first new fracture by
  etiology, adjacent / other fracture / death as competing causes, age, index cement
  volume and kyphoplasty as covariates): the same survival analyses here, in R
  (``survfit`` + ``survdiff``, ``cmprsk::cuminc``, ``coxph.fit``, ``coxph``) and in
  lifelines, with the ratios theirs / ours (``benchmarks/survival_vs_r.py``).

Prints one Markdown table, a column per size, and the targets of the registry-scale
work: a full report of 100,000 patients under 60 s and 4 GB, of 1,000,000 under 600 s
and 16 GB; loading at least 200,000 rows/s; Cox at least as fast as R. Not a test.

    python benchmarks/registry.py [SIZES] [--million]     e.g. 10000,100000
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from survival_vs_r import R_CALLS, _versus, bincount_floor, compare

VERTEBRO = [sys.executable, "-m", "analysis.cli"]
TARGETS = (
    "full report: 100,000 patients < 60 s and < 4 GB, 1,000,000 < 60 s and < 3 GB",
    "load + normalise >= 200,000 rows/s",
    "Cox fit at least 2x coxph.fit, fit + concordance at least as fast as coxph",
    "KM + log-rank within 2x of its bincount floor",
)
CAUSES = {"adjacent": 1, "remote": 2, "same_level": 2, "unclassified": 2, "death": 3}


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


def report(data: Path, out: Path) -> tuple[float, float, int, float]:
    """Wall seconds, peak resident GB, exit code and CPU seconds (user + system: what a
    machine shared with other work changes least) of one ``vertebro report`` run."""
    with (out.parent / f"{out.name}.log").open("w") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([*VERTEBRO, "report", str(data), "--out", str(out)],
                                stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024**2, os.waitstatus_to_exitcode(status), cpu


def survival_data(cohort: object) -> pd.DataFrame:
    """The registry's time to first new fracture as ``survival_vs_r.compare`` takes it:
    complete cases of time, etiology and the three covariates."""
    from analysis.stats import time_to_fracture

    t = time_to_fracture(cohort)  # type: ignore[arg-type]
    d = pd.DataFrame(
        {
            "time": t["time"],
            "event": t["fracture"],
            "cause_code": t["cause"].astype(str).map(CAUSES).fillna(0).astype(int),
            "group": t["etiology"].astype(object),
            "x1": t["age_years"],
            "x2": t["index_cement_volume_ml"],
            "x3": t["kyphoplasty"],
        }
    )
    return d.dropna().reset_index(drop=True)


def run(n: int, folder: Path) -> dict[str, str]:
    from analysis.load import load_cohort

    data = folder / f"registry_{n}"
    subprocess.run([*VERTEBRO, "synth", "--patients", str(n), "--format", "tidy", "--out", str(data)],
                   check=True, capture_output=True)  # fmt: skip
    cells: dict[str, str] = {}
    wall, peak, code, cpu = report(data, folder / f"report_{n}")
    failed = "" if code == 0 else f" (exit {code})"
    cells["full report: wall (s)"] = f"{wall:.1f}{failed}"
    cells["full report: CPU, user + system (s)"] = f"{cpu:.1f}"
    cells["full report: peak memory (GB)"] = f"{peak:.2f}"
    load_cpu = time.process_time()
    load_s, result = timed(lambda: load_cohort(data))
    cells["load + normalise, CPU (s)"] = f"{time.process_time() - load_cpu:.1f}"
    rows = result.rows_in  # type: ignore[attr-defined]
    cells["rows"] = f"{rows:,}"
    cells["load + normalise (s)"] = f"{load_s:.1f}"
    cells["load + normalise (rows/s)"] = f"{rows / load_s:,.0f}"
    cohort = result.cohort  # type: ignore[attr-defined]
    for name, fn in analyses(cohort):
        try:
            cells[f"{name} (s)"] = f"{timed(fn)[0]:.2f}"
        except ValueError as err:
            cells[f"{name} (s)"] = f"not computed: {err}"
    d = survival_data(cohort)
    del result, cohort
    timings, r_version = compare(d)
    cells["survival data: subjects, events"] = f"{len(d):,}, {int(d['event'].sum()):,}"
    for t, call in zip(timings[:4], R_CALLS, strict=True):
        r_cell, l_cell = t.cells()
        cells[f"{t.analysis}: ours (s)"] = f"{t.ours:.2f}"
        cells[f"{t.analysis}: R {call} (s, R / ours)"] = r_cell
        cells[f"{t.analysis}: R {call}, CPU (s, R / ours)"] = _versus(t.r_cpu, t.ours_cpu)
        cells[f"{t.analysis}: lifelines (s, lifelines / ours)"] = l_cell
    floor = bincount_floor(d)
    for t in (timings[0], timings[4]):
        cells[f"{t.analysis}: CPU (s, ours / bincount floor)"] = f"{t.ours_cpu:.3f} ({t.ours_cpu / floor[1]:.1f}x)"  # fmt: skip
    cells["KM + log-rank: bincount floor, CPU (s)"] = f"{floor[1]:.3f}"
    cells["R"] = r_version
    cells["this process: peak memory (GB)"] = f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2:.2f}"  # fmt: skip
    print(f"{n:,} patients done", file=sys.stderr)
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="?", default="10000,100000", help="comma-separated patients")
    parser.add_argument("--million", action="store_true", help="add 1,000,000 patients")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([1_000_000] if args.million else [])
    with tempfile.TemporaryDirectory() as tmp:
        columns = {n: run(n, Path(tmp)) for n in sizes}
    measures = list(dict.fromkeys(m for c in columns.values() for m in c))
    print(f"{os.cpu_count()} cores here; numpy {np.__version__}, pandas {pd.__version__}\n")
    print("| measure | " + " | ".join(f"{n:,} patients" for n in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    for m in measures:
        print(f"| {m} | " + " | ".join(columns[n].get(m, "-") for n in sizes) + " |")
    print("\nTargets: " + "; ".join(TARGETS))


if __name__ == "__main__":
    main()
