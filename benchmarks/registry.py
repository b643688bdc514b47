"""Registry scale: the whole pipeline on generated registries, one table of figures.

For each size (default 10,000 and 100,000 patients; pass e.g. ``10000,100000,1000000``)
it writes a synthetic registry as tidy CSVs (``vertebro synth``), then measures:

- loading and normalising the tidy CSVs (rows per second, in this process);
- the analyses of the report one by one (seconds), in this process;
- the full ``vertebro report`` as a separate process: wall time and its own peak
  memory (``wait4`` on that process alone).

Prints one Markdown table, a column per size, with the targets of the registry-scale
issue beside the figures: a full report of 100,000 patients under 60 s and 4 GB, of
1,000,000 under 600 s and 16 GB; loading at least 200,000 rows/s. Not a test.

    python benchmarks/registry.py [SIZES]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

VERTEBRO = [sys.executable, "-m", "analysis.cli"]
TARGETS = {
    "load + normalise (rows/s)": ">= 200,000",
    "full report, 100,000 patients": "< 60 s, < 4 GB",
    "full report, 1,000,000 patients": "< 600 s, < 16 GB",
}


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


def report(data: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident GB and exit code of one ``vertebro report`` run."""
    with (out.parent / f"{out.name}.log").open("w") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([*VERTEBRO, "report", str(data), "--out", str(out)],
                                stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024**2, os.waitstatus_to_exitcode(status)


def run(n: int, folder: Path) -> dict[str, str]:
    from analysis.load import load_cohort

    data = folder / f"registry_{n}"
    subprocess.run([*VERTEBRO, "synth", "--patients", str(n), "--format", "tidy", "--out", str(data)],
                   check=True, capture_output=True)  # fmt: skip
    rows = sum(sum(1 for _ in p.open()) - 1 for p in data.glob("*.csv"))
    load_s, result = timed(lambda: load_cohort(data))
    cells = {
        "rows": f"{rows:,}",
        "load + normalise (s)": f"{load_s:.1f}",
        "load + normalise (rows/s)": f"{rows / load_s:,.0f}",
    }
    for name, fn in analyses(result.cohort):  # type: ignore[attr-defined]
        try:
            cells[f"{name} (s)"] = f"{timed(fn)[0]:.2f}"
        except ValueError as err:
            cells[f"{name} (s)"] = f"not computed: {err}"
    del result
    wall, peak, code = report(data, folder / f"report_{n}")
    failed = "" if code == 0 else f" (exit {code})"
    cells["full report: wall (s)"] = f"{wall:.1f}{failed}"
    cells["full report: peak memory (GB)"] = f"{peak:.2f}"
    print(f"{n:,} patients done", file=sys.stderr)
    return cells


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "10000,100000").split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        columns = {n: run(n, Path(tmp)) for n in sizes}
    measures = list(next(iter(columns.values())))
    print("| measure | " + " | ".join(f"{n:,} patients" for n in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    for m in measures:
        print(f"| {m} | " + " | ".join(columns[n].get(m, "-") for n in sizes) + " |")
    print("\nTargets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()))


if __name__ == "__main__":
    main()
