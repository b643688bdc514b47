"""Survival speed, like for like with R and lifelines, on the same data in the same run.

Four analyses, each against the call that does the same work elsewhere:

| analysis | ours | R (survival, cmprsk) | lifelines |
| --- | --- | --- | --- |
| KM with log-log CIs + log-rank, by group | kaplan_meier + logrank_test | survfit + survdiff | KaplanMeierFitter + logrank_test |
| cumulative incidence of every cause, by group | cumulative_incidence | cmprsk::cuminc | (not timed: AalenJohansenFitter jitters tied times) |
| Cox fit, 3 covariates, Efron | cox_fit | coxph.fit | CoxPHFitter.fit |
| Cox fit + concordance | cox_ph(proportional_hazards=False) | coxph | CoxPHFitter.fit + concordance_index_ |

The data are a frame with ``time``, ``event`` (0/1), ``cause_code`` (0 = censored, 1, 2,
... the competing causes), ``group`` and three numeric covariates ``x1``-``x3``:
:func:`make_data` generates N subjects with whole-day (tied) times, and
``benchmarks/registry.py`` passes each registry's own patient-level fracture data.
R is timed inside R (reading the data is not timed) when ``Rscript`` with the survival
package is found. Ours and R: best of 3 (R's times vary with its garbage collection);
lifelines: best of 3, of 1 for its slow Cox calls.
Beside them, the bincount floor of KM + log-rank (:func:`bincount_floor`: the group
labels coded and one ``np.bincount`` over day x group x status), and each figure against
its target: KM + log-rank within 2x of that floor, the Cox fit at least 2x ``coxph.fit``.
Not part of the tests.

    python benchmarks/survival_vs_r.py [N]      (default 1,000,000)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from timing import best_of

from analysis.stats import cox_fit, cox_ph, cumulative_incidence, kaplan_meier, logrank_test

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
d <- read.csv(commandArgs(TRUE)[1])
d$group <- factor(d$group)
best <- function(f) min(sapply(1:3, function(i) system.time(f())[["elapsed"]]))
x <- as.matrix(d[, c("x1", "x2", "x3")]); y <- Surv(d$time, d$event)
# printed in the order of ROWS: KM + log-rank, cuminc, coxph.fit, coxph
km <- best(function() {
  f <- survfit(Surv(time, event) ~ group, data = d, conf.type = "log-log")
  s <- survdiff(Surv(time, event) ~ group, data = d)
})
ci <- if (requireNamespace("cmprsk", quietly = TRUE)) {
  best(function() cmprsk::cuminc(d$time, d$cause_code, d$group, cencode = 0))
} else NA
fit <- best(function() coxph.fit(x, y, strata = NULL, offset = NULL, init = NULL,
                                  control = coxph.control(), weights = NULL, method = "efron",
                                  rownames = NULL))
full <- best(function() coxph(Surv(time, event) ~ x1 + x2 + x3, data = d, ties = "efron"))
cat(R.version$major, R.version$minor, as.character(packageVersion("survival")),
    km, ci, fit, full, "\n")
"""

ROWS = (
    "KM (log-log CI) + log-rank, by group",
    "cumulative incidence, every cause by group",
    "Cox fit, 3 covariates, Efron",
    "Cox fit + concordance",
)
R_CALLS = ("survfit + survdiff", "cmprsk::cuminc", "coxph.fit", "coxph")


def bincount_floor(d: pd.DataFrame) -> float:
    """Seconds of the least work any Kaplan-Meier with a log-rank test does on these
    inputs: code the group labels, the whole days and the status, and count subjects per
    (day, group, status) in one ``np.bincount`` pass (best of 3). Every estimate and test
    follows from those counts in a few passes over the distinct days."""
    groups = d["group"].astype(str).to_numpy(dtype=object)

    def one_pass() -> None:
        t = d["time"].to_numpy(dtype=float)
        g, labels = pd.factorize(groups)
        day = (t - t.min()).astype(np.int64)
        flat = (day * len(labels) + g) * 2 + (d["event"].to_numpy() > 0)
        np.bincount(flat, minlength=(int(day.max()) + 1) * len(labels) * 2)

    return best_of(one_pass)


TARGETS = {
    "KM (log-log CI) + log-rank, by group": "within 2x of the bincount floor",
    "Cox fit, 3 covariates, Efron": "at least 2x coxph.fit",
}


@dataclass(frozen=True)
class Timing:
    """Seconds of one analysis: ours, R's and lifelines' (NaN where not run)."""

    analysis: str
    ours: float
    r: float
    lifelines: float

    def cells(self) -> tuple[str, str]:
        """``R s (R / ours)`` and ``lifelines s (lifelines / ours)``, or ``-``."""
        return _versus(self.r, self.ours), _versus(self.lifelines, self.ours)


def _versus(theirs: float, ours: float) -> str:
    return "-" if not np.isfinite(theirs) else f"{theirs:.2f} ({theirs / ours:.1f}x)"


def make_data(n: int, seed: int = 20261121) -> pd.DataFrame:
    """N subjects: exponential times rounded up to whole days, uniform censoring, two
    groups, three normal covariates, two competing causes."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    group = rng.integers(0, 2, n)
    lp = x @ np.array([0.3, -0.2, 0.1]) + 0.2 * group
    t_event = rng.exponential(900 * np.exp(-lp))
    t_cens = rng.uniform(30, 1500, n)
    event = (t_event <= t_cens).astype(int)
    cause = np.where(event == 1, np.where(x[:, 0] > 0.25, 1, 2), 0)
    return pd.DataFrame(
        {
            "time": np.ceil(np.minimum(t_event, t_cens)),
            "event": event,
            "cause_code": cause,
            "group": np.where(group == 1, "b", "a"),
            "x1": x[:, 0],
            "x2": x[:, 1],
            "x3": x[:, 2],
        }
    )


def _ours(d: pd.DataFrame) -> list[float]:
    groups = d["group"].astype(str).to_numpy(dtype=object)
    cause = np.where(d["cause_code"] == 0, "censored", "cause " + d["cause_code"].astype(str))
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


def _lifelines(d: pd.DataFrame) -> list[float]:
    from lifelines import CoxPHFitter, KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test

    frame = d[["time", "event", "x1", "x2", "x3"]]

    def km_logrank() -> None:
        for _, part in d.groupby("group"):
            KaplanMeierFitter().fit(part["time"], part["event"])
        multivariate_logrank_test(d["time"], d["group"], d["event"])

    def cox_concordance() -> None:
        _ = CoxPHFitter().fit(frame, "time", "event").concordance_index_

    return [
        best_of(km_logrank),
        np.nan,
        best_of(lambda: CoxPHFitter().fit(frame, "time", "event"), 1),
        best_of(cox_concordance, 1),
    ]


def _r(d: pd.DataFrame) -> tuple[list[float], str]:
    """R's seconds and its version line, or NaNs and the reason R was not timed."""
    rscript = shutil.which("Rscript")
    if rscript is None:
        return [np.nan] * 4, "Rscript not found: R not timed"
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        script = Path(tmp) / "bench.R"
        d.to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            [rscript, str(script), str(csv)], capture_output=True, text=True, check=False
        )
    if out.returncode != 0:
        return [np.nan] * 4, "R failed: " + out.stderr.strip()[:300]
    major, minor, survival, *seconds = out.stdout.split()
    values = [np.nan if v == "NA" else float(v) for v in seconds]
    return values, f"R {major}.{minor}, survival {survival}"


def compare(d: pd.DataFrame) -> tuple[list[Timing], str]:
    """Time the four analyses on ``d`` here, in R and in lifelines."""
    mine, theirs = _ours(d), _lifelines(d)
    r, r_version = _r(d)
    rows = [Timing(n, m, a, b) for n, m, a, b in zip(ROWS, mine, r, theirs, strict=True)]
    return rows, r_version


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    d = make_data(n)
    rows, r_version = compare(d)
    floor = bincount_floor(d)
    print(f"{n:,} subjects; seconds; ratios > 1 mean ours is faster ({r_version})\n")
    print("| analysis | ours | R | R / ours | lifelines | lifelines / ours |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for t, call in zip(rows, R_CALLS, strict=True):
        r_cell = f"{t.r:.2f} ({call})" if np.isfinite(t.r) else "-"
        r_ratio = f"{t.r / t.ours:.1f}x" if np.isfinite(t.r) else "-"
        l_cell = f"{t.lifelines:.2f}" if np.isfinite(t.lifelines) else "-"
        l_ratio = f"{t.lifelines / t.ours:.1f}x" if np.isfinite(t.lifelines) else "-"
        print(f"| {t.analysis} | {t.ours:.2f} | {r_cell} | {r_ratio} | {l_cell} | {l_ratio} |")
    km, cox = rows[0], rows[2]
    print(f"\nbincount floor of KM + log-rank (group labels coded, one np.bincount): {floor:.3f} s")
    print("\n| target | measured | met |\n| --- | --- | --- |")
    print(
        f"| KM + log-rank {TARGETS[km.analysis]} | {km.ours / floor:.1f}x the floor "
        f"({km.ours:.3f} s / {floor:.3f} s) | {'yes' if km.ours <= 2 * floor else 'no'} |"
    )
    if np.isfinite(cox.r):
        print(
            f"| Cox fit {TARGETS[cox.analysis]} | {cox.r / cox.ours:.1f}x "
            f"({cox.r:.3f} s / {cox.ours:.3f} s) | {'yes' if cox.r >= 2 * cox.ours else 'no'} |"
        )


if __name__ == "__main__":
    main()
