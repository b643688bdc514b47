"""Survival speed on a large registry, like for like with R and lifelines.

Generates N subjects (default 1,000,000; whole days, so times tie) and times four
analyses, each against the call that does the same work elsewhere:

| analysis | ours | R (survival, cmprsk) | lifelines |
| --- | --- | --- | --- |
| KM with log-log CIs + log-rank, 2 groups | kaplan_meier + logrank_test | survfit + survdiff | KaplanMeierFitter + logrank_test |
| cumulative incidence, 2 causes x 2 groups | cumulative_incidence | cmprsk::cuminc | (not timed: AalenJohansenFitter jitters tied times) |
| Cox fit, 3 covariates, Efron | cox_fit | coxph.fit | CoxPHFitter.fit |
| Cox fit + concordance | cox_ph(proportional_hazards=False) | coxph | CoxPHFitter.fit + concordance_index_ |

R is timed inside R (reading the data is not timed) when ``Rscript`` and the survival
package are found. Ours and lifelines: best of 3 (1 for the slow lifelines calls).
Prints one table of seconds and the ratios other / ours. Not part of the tests.

    python benchmarks/survival_vs_r.py [N]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.stats import cox_fit, cox_ph, cumulative_incidence, kaplan_meier, logrank_test

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1])
t1 <- system.time({
  f <- survfit(Surv(time, event) ~ group, data = d, conf.type = "log-log")
  s <- survdiff(Surv(time, event) ~ group, data = d)
})[["elapsed"]]
x <- as.matrix(d[, c("x1", "x2", "x3")]); y <- Surv(d$time, d$event)
t2 <- system.time(coxph.fit(x, y, strata = NULL, offset = NULL, init = NULL,
                            control = coxph.control(), weights = NULL, method = "efron",
                            rownames = NULL))[["elapsed"]]
t3 <- system.time(coxph(Surv(time, event) ~ x1 + x2 + x3, data = d, ties = "efron"))[["elapsed"]]
t4 <- if (requireNamespace("cmprsk", quietly = TRUE)) {
  cause <- ifelse(d$event == 1, ifelse(d$x1 > 0.25, 1, 2), 0)
  system.time(cmprsk::cuminc(d$time, cause, d$group, cencode = 0))[["elapsed"]]
} else NA
cat(t1, t2, t3, t4, "\n")
"""


def make_data(n: int, seed: int = 20261121) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    group = rng.integers(0, 2, n)
    lp = x @ np.array([0.3, -0.2, 0.1]) + 0.2 * group
    t_event = rng.exponential(900 * np.exp(-lp))
    t_cens = rng.uniform(30, 1500, n)
    time_ = np.ceil(np.minimum(t_event, t_cens))
    event = (t_event <= t_cens).astype(int)
    cause = np.where(event == 1, np.where(rng.random(n) < 0.6, "adjacent", "remote"), "censored")
    return pd.DataFrame(
        {
            "time": time_,
            "event": event,
            "cause": cause,
            "group": group,
            "x1": x[:, 0],
            "x2": x[:, 1],
            "x3": x[:, 2],
        }
    )


def best_of(fn: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(d: pd.DataFrame) -> list[float]:
    groups = d["group"].astype(str).to_numpy(dtype=object)
    cause = np.where(d["event"] == 1, np.where(d["x1"] > 0.25, "a", "b"), "censored")
    x = d[["x1", "x2", "x3"]].to_numpy()
    t, e = d["time"].to_numpy(), d["event"].to_numpy()

    def km_logrank() -> None:
        kaplan_meier(d["time"], d["event"], groups)
        logrank_test(d["time"], d["event"], groups)

    return [
        best_of(km_logrank),
        best_of(lambda: cumulative_incidence(d["time"], cause, groups)),
        best_of(lambda: cox_fit(t, e, x)),
        best_of(lambda: cox_ph(d, "time", "event", ["x1", "x2", "x3"], proportional_hazards=False)),
    ]


def lifelines_times(d: pd.DataFrame) -> list[float]:
    from lifelines import CoxPHFitter, KaplanMeierFitter
    from lifelines.statistics import logrank_test as lifelines_logrank

    a, b = d[d.group == 0], d[d.group == 1]
    frame = d[["time", "event", "x1", "x2", "x3"]]

    def km_logrank() -> None:
        for part in (a, b):
            KaplanMeierFitter().fit(part["time"], part["event"])
        lifelines_logrank(a["time"], b["time"], a["event"], b["event"])

    def cox_concordance() -> None:
        _ = CoxPHFitter().fit(frame, "time", "event").concordance_index_

    return [
        best_of(km_logrank),
        np.nan,
        best_of(lambda: CoxPHFitter().fit(frame, "time", "event"), 1),
        best_of(cox_concordance, 1),
    ]


def r_times(d: pd.DataFrame) -> list[float] | str:
    rscript = shutil.which("Rscript")
    if rscript is None:
        return "Rscript not found: R timings skipped"
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        script = Path(tmp) / "bench.R"
        d.drop(columns="cause").to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            [rscript, str(script), str(csv)], capture_output=True, text=True, check=False
        )
    if out.returncode != 0:
        return "R failed: " + out.stderr.strip()[:300]
    t_surv, t_fit, t_full, t_cif = (float(v) for v in out.stdout.split())
    return [t_surv, t_cif, t_fit, t_full]


ROWS = [
    "KM (log-log CI) + log-rank, 2 groups",
    "cumulative incidence, 2 causes x 2 groups",
    "Cox fit, 3 covariates, Efron",
    "Cox fit + concordance",
]
R_CALLS = ["survfit + survdiff", "cmprsk::cuminc", "coxph.fit", "coxph"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    d = make_data(n)
    mine, theirs, r = ours(d), lifelines_times(d), r_times(d)
    print(f"{n:,} subjects; seconds; ratios > 1 mean ours is faster\n")
    print("| analysis | ours | R | R / ours | lifelines | lifelines / ours |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k, name in enumerate(ROWS):
        r_cell = r_ratio = "-"
        if not isinstance(r, str) and np.isfinite(r[k]):
            r_cell, r_ratio = f"{r[k]:.2f} ({R_CALLS[k]})", f"{r[k] / mine[k]:.1f}x"
        l_cell = l_ratio = "-"
        if np.isfinite(theirs[k]):
            l_cell, l_ratio = f"{theirs[k]:.2f}", f"{theirs[k] / mine[k]:.1f}x"
        print(f"| {name} | {mine[k]:.2f} | {r_cell} | {r_ratio} | {l_cell} | {l_ratio} |")
    if isinstance(r, str):
        print("\n" + r)


if __name__ == "__main__":
    main()
