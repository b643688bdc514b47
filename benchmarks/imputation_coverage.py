"""Does multiple imputation cover the truth where complete cases do not? A simulation.

Two scenarios, each replicated R times (default 300; seeded), values missing at random
(MAR: the chance depends on recorded values only):

- ``cox``: 400 patients, a covariate ``x`` (log hazard ratio 0.5) and an auxiliary
  ``z`` correlated with it, about 40% with the event; ``x`` missing more often in
  patients who had the event the higher their ``z`` (about 40% missing). The Cox model ``Surv(time, event) ~ x``: complete cases are biased
  (selection on the outcome), imputation with the event and the Nelson-Aalen cumulative
  hazard as predictors (White & Royston 2009) is not.
- ``change``: 400 patients, pain before and one month after (true mean change -3.0) and
  an auxiliary 1-week score; the 1-month score missing more often when the 1-week score
  is low (about 40% missing). The mean change: complete cases are biased, imputation (with the change
  derived passively) is not.

Each uses ``impute(m=10, maxit=5)`` and ``pool``. Prints, per scenario and method: the
truth, the mean estimate, its bias, the bias as a share of the mean standard error, the
empirical SD, the mean SE, coverage of the 95% interval and its mean width. The issue's
criteria: imputation covers 92-98% with a bias under 10% of the SE.

Predictive mean matching draws only recorded values: where missingness is so strong that
a tail of the distribution is hardly ever recorded (the 1-month score missing in 97% of
those whose 1-week score is 4 points below the mean), it imputes too close to the
recorded values. R's mice does the same (on that setting, 40 replications: mean change
-2.84 with mice, -2.87 here, truth -3.0, complete cases -2.45); ``method="norm"`` does
not (-3.03).

    python benchmarks/imputation_coverage.py [R]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from analysis.stats import compare_paired, cox_ph, impute, pool

SEED = 20261121
M = 10
MAXIT = 5
TRUE_LOG_HR = 0.5
TRUE_CHANGE = -3.0


def expit(v: np.ndarray) -> np.ndarray:
    return np.asarray(1 / (1 + np.exp(-v)), dtype=float)


def cox_data(rng: np.random.Generator, n: int = 400) -> pd.DataFrame:
    x = rng.normal(size=n)
    z = 0.7 * x + rng.normal(scale=0.7, size=n)
    t_event = rng.exponential(1 / (0.0006 * np.exp(TRUE_LOG_HR * x)))
    cens = rng.uniform(200, 1500, n)
    event = (t_event <= cens).astype(float)
    x_obs = np.where(rng.random(n) < expit(-0.5 + 1.2 * z * event), np.nan, x)
    return pd.DataFrame({"time": np.round(np.minimum(t_event, cens)) + 1, "event": event,
                         "x": x_obs, "z": z})  # fmt: skip


def change_data(rng: np.random.Generator, n: int = 400) -> pd.DataFrame:
    pre = rng.normal(7.5, 1.2, n)
    post = pre + TRUE_CHANGE + rng.normal(scale=1.5, size=n)
    week = post + rng.normal(scale=0.8, size=n)  # the 1-week score foretells the 1-month one
    post_obs = np.where(rng.random(n) < expit(-0.5 - 0.5 * (week - week.mean())), np.nan, post)
    return pd.DataFrame({"pain_pre": pre, "pain_1w": week, "pain_1m": post_obs,
                         "pain_change": post_obs - pre})  # fmt: skip


def cox_rep(rng: np.random.Generator, seed: int) -> tuple[tuple[float, float, float], ...]:
    d = cox_data(rng)
    cc = cox_ph(d, "time", "event", ["x"], concordance=False, proportional_hazards=False)
    se = cc.std_error[0]
    imp = impute(d, m=M, seed=seed, maxit=MAXIT, time="time", event="event")
    fits = [cox_ph(f, "time", "event", ["x"], concordance=False, proportional_hazards=False)
            for f in imp]  # fmt: skip
    mi = pool(fits).terms["x"]
    return (cc.coef[0], cc.coef[0] - 1.959964 * se, cc.coef[0] + 1.959964 * se), (
        mi.estimate,
        mi.ci_low,
        mi.ci_high,
    )


def change_rep(rng: np.random.Generator, seed: int) -> tuple[tuple[float, float, float], ...]:
    d = change_data(rng)
    cc = compare_paired(d["pain_pre"].to_numpy(), d["pain_1m"].to_numpy()).t_test
    imp = impute(d, m=M, seed=seed, maxit=MAXIT, passive={"pain_change": ("pain_1m", "pain_pre")})
    fits = [compare_paired(f["pain_pre"].to_numpy(), f["pain_1m"].to_numpy()) for f in imp]
    mi = pool(fits).terms["mean_change"]
    return (cc.estimate, cc.ci_low, cc.ci_high), (mi.estimate, mi.ci_low, mi.ci_high)


def summary(name: str, truth: float, rows: list[tuple[float, float, float]]) -> dict[str, object]:
    a = np.array(rows)
    est, low, high = a[:, 0], a[:, 1], a[:, 2]
    se = (high - low) / (2 * 1.959964)
    return {"analysis": name, "truth": truth, "mean_estimate": est.mean(),
            "bias": est.mean() - truth, "bias_over_se": (est.mean() - truth) / se.mean(),
            "empirical_sd": est.std(ddof=1), "mean_se": se.mean(),
            "coverage": np.mean((low <= truth) & (truth <= high)),
            "mean_width": (high - low).mean()}  # fmt: skip


def main(reps: int) -> None:
    rows = []
    for scenario, rep, truth in (
        ("cox", cox_rep, TRUE_LOG_HR),
        ("change", change_rep, TRUE_CHANGE),
    ):
        rng = np.random.default_rng(SEED)
        cc, mi = [], []
        start = time.perf_counter()
        for r in range(reps):
            a, b = rep(rng, SEED + r)
            cc.append(a)
            mi.append(b)
        print(f"{scenario}: {reps} replications in {time.perf_counter() - start:.0f} s")
        rows += [summary(f"{scenario}, complete cases", truth, cc),
                 summary(f"{scenario}, multiple imputation (m={M})", truth, mi)]  # fmt: skip
    table = pd.DataFrame(rows)
    print(table.round(4).to_string(index=False))
    for row in rows:
        if "imputation" in str(row["analysis"]):
            ok = 0.92 <= float(row["coverage"]) <= 0.98 and abs(float(row["bias_over_se"])) < 0.1  # type: ignore[arg-type]
            print(
                f"{row['analysis']}: {'meets' if ok else 'MISSES'} coverage 92-98% and bias < 10% of SE"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
