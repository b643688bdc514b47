"""Survival speed on a large registry, side by side with R when R is installed.

Generates N subjects (default 1,000,000; integer days, so ties), then times:

- ours: Kaplan-Meier with log-log CIs + log-rank + cumulative incidence (2 groups),
  and a Cox model with three covariates (Efron ties);
- R (if ``Rscript`` and the survival package are found): ``survfit`` + ``survdiff``,
  and ``coxph(ties = "efron")``, timed inside R (reading the data is not timed).

Prints seconds and the ratios R / ours. Not part of the tests.

    python benchmarks/survival_vs_r.py [N]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.stats import cox_ph, cumulative_incidence, kaplan_meier, logrank_test

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


def best_of(fn, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    d = make_data(n)
    groups = d["group"].astype(str).to_numpy(dtype=object)

    def survival_block() -> None:
        kaplan_meier(d["time"], d["event"], groups)
        logrank_test(d["time"], d["event"], groups)
        cumulative_incidence(d["time"], d["cause"], groups)

    def cox_fit() -> None:
        cox_ph(d, "time", "event", ["x1", "x2", "x3"], concordance=False)

    def cox_full() -> None:
        cox_ph(d, "time", "event", ["x1", "x2", "x3"], concordance=True)

    def incidence() -> None:
        cause = np.where(d["event"] == 1, np.where(d["x1"] > 0.25, "a", "b"), "censored")
        cumulative_incidence(d["time"], cause, groups)

    ours_surv = best_of(survival_block)
    ours_fit, ours_full = best_of(cox_fit), best_of(cox_full, 1)
    ours_cif = best_of(incidence)
    print(f"subjects: {n:,}")
    print(f"ours  KM (log-log CI) + log-rank + cumulative incidence: {ours_surv:.2f} s")
    print(f"ours  cumulative incidence, 2 causes x 2 groups:         {ours_cif:.2f} s")
    print(f"ours  Cox fit, 3 covariates, Efron (no concordance):     {ours_fit:.2f} s")
    print(f"ours  Cox fit + concordance:                             {ours_full:.2f} s")
    rscript = shutil.which("Rscript")
    if rscript is None:
        print("Rscript not found: R timings skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        script = Path(tmp) / "bench.R"
        d.drop(columns="cause").to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            [rscript, str(script), str(csv)], capture_output=True, text=True, check=False
        )
    if out.returncode != 0:
        print("R failed:", out.stderr.strip()[:300])
        return
    r_surv, r_fit, r_full, r_cif = (float(v) for v in out.stdout.split())
    print(f"R     survfit + survdiff:                                {r_surv:.2f} s")
    print(f"R     cmprsk::cuminc, 2 causes x 2 groups:               {r_cif:.2f} s")
    print(f"R     coxph.fit (the fit alone):                         {r_fit:.2f} s")
    print(f"R     coxph (fit + concordance and summaries):           {r_full:.2f} s")
    print(f"ratio survival         (R / ours): {r_surv / ours_surv:.1f}x  (target >= 10x)")
    print(f"ratio incidence        (R / ours): {r_cif / ours_cif:.1f}x")
    print(f"ratio Cox fit          (coxph.fit / ours): {r_fit / ours_fit:.2f}x  (target >= 1x)")
    print(f"ratio Cox + concordance (coxph / ours):    {r_full / ours_full:.2f}x  (target >= 1x)")


if __name__ == "__main__":
    main()
