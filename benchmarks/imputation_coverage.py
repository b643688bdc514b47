"""Does multiple imputation cover the truth where complete cases do not? A simulation.

Three scenarios, each replicated R times (default 500; seeded), values missing at random
(MAR: the chance depends on recorded values only):

- ``cox``: 400 patients, a covariate ``x`` (log hazard ratio 0.5) and an auxiliary
  ``z`` correlated with it, about 40% with the event; ``x`` missing more often in
  patients who had the event the higher their ``z`` (about 40% missing). The Cox model
  ``Surv(time, event) ~ x``: complete cases are biased (selection on the outcome),
  imputation by predictive mean matching with the event and the Nelson-Aalen cumulative
  hazard as predictors (White & Royston 2009) is not.
- ``change``: 400 patients, pain before and one month after (true mean change -3.0) and
  an auxiliary 1-week score; the 1-month score missing more often when the 1-week score
  is low (odds ratio 1.65 per point, about 40% missing). The mean change: complete cases
  are biased; imputation (the change derived passively) by mice's predictive mean
  matching (``method="pmm"``), by predictive mean matching with local residual draws (the
  default, ``"lrd"``) and by Bayesian linear regression (``method="norm"``).
- ``change, strong MAR``: the same with an odds ratio of 2.7 per point, so that low
  1-month scores are hardly ever recorded (missing in 97% of those whose 1-week score is
  4 points below the mean).

Each uses ``impute(m=10, maxit=5)`` and ``pool``. Prints, per scenario and method: the
truth, the mean estimate, its bias, the bias as a share of the mean standard error, the
empirical SD, the Monte Carlo SE of the bias, the mean SE, coverage of the 95% interval
and its mean width; then whether each imputation of the first two scenarios meets the
criteria: coverage 92-98% with a bias under 10% of the SE (Monte Carlo error: about 1% on
coverage, 5% of the SE on the bias, with 500 replications); then PMM's bias beside that
of local residual draws, before and after the change of default.

Why PMM is biased here. Predictive mean matching hands each missing row the recorded
value of a donor whose predicted mean is near its own. Where the low tail of the 1-month
score is seldom recorded, a recipient in that tail has its nearest donors mostly on the
recorded (higher) side, so the imputations are pulled towards the recorded values and
the mean change towards the complete cases'. It is not the donor pool size (over 200
data sets of the ``change`` setting, the imputed mean of the missing rows lies 0.079
above that of Bayesian linear regression with five donors, 0.041 with one, 0.127 with
ten), nor the matching (type 2, both sides on the drawn coefficients: 0.081), nor the
passive change or the model's variables (the same gap in the imputed 1-month score
alone, imputed from the right predictors). R's mice does the same: on the
strong setting, 40 replications of 200 patients gave a mean change of -2.84 with mice's
``pmm`` and -2.87 here (truth -3.0, complete cases -2.45); on the ``change`` setting with
200 patients, -2.945 with mice (150 replications) and -2.943 here (300). Local residual
draws (Morris, White & Royston 2014) keep PMM's donors but impute the recipient's own
predicted mean plus the donor's residual: the residual's mean given the predictors is 0
whichever side the donor lies on, and the bias goes.

    python benchmarks/imputation_coverage.py [R]

On this 2-core machine, 500 replications (about 25 minutes), by columns: mean estimate,
bias (bias / mean SE), coverage::

    cox, complete cases                       0.310  -0.190 (-1.62)   62.6%
    cox, imputation (pmm)                     0.489  -0.011 (-0.105)  97.4%
    cox, imputation (lrd)                     0.494  -0.006 (-0.063)  97.6%
    change, complete cases                   -2.629   0.371 (4.01)     4.2%
    change, imputation (pmm)                 -2.970   0.030 (0.368)   92.0%
    change, imputation (lrd)                 -3.000   0.000 (0.004)   94.4%
    change, imputation (norm)                -2.999   0.001 (0.013)   95.8%
    change, strong MAR, complete cases       -2.429   0.571 (6.37)     0.0%
    change, strong MAR, imputation (pmm)     -2.905   0.095 (1.19)    71.6%
    change, strong MAR, imputation (lrd)     -2.999   0.001 (0.010)   93.2%
    change, strong MAR, imputation (norm)    -3.001  -0.001 (-0.008)  96.2%

Before (mice's PMM, the former default): the mean change's bias 37% of its SE (coverage
92.0%), the Cox coefficient's 10.5% (97.4%). After (local residual draws, the default):
0.4% (94.4%) and 6.3% (97.6%; the small shrinkage towards 0 White & Royston report for the
cumulative-hazard approximation), and 1.0% (93.2%) on the strong setting where PMM
covers 71.6%. Both criteria are met.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

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


def change_data(rng: np.random.Generator, n: int = 400, strength: float = 0.5) -> pd.DataFrame:
    pre = rng.normal(7.5, 1.2, n)
    post = pre + TRUE_CHANGE + rng.normal(scale=1.5, size=n)
    week = post + rng.normal(scale=0.8, size=n)  # the 1-week score foretells the 1-month one
    post_obs = np.where(rng.random(n) < expit(-0.5 - strength * (week - week.mean())), np.nan, post)
    return pd.DataFrame({"pain_pre": pre, "pain_1w": week, "pain_1m": post_obs,
                         "pain_change": post_obs - pre})  # fmt: skip


Triple = tuple[float, float, float]  # estimate, lower and upper 95% limits


def cox_rep(rng: np.random.Generator, seed: int, methods: tuple[str, ...]) -> list[Triple]:
    d = cox_data(rng)
    cc = cox_ph(d, "time", "event", ["x"], concordance=False, proportional_hazards=False)
    b, se = cc.coef[0], cc.std_error[0]
    out = [(b, b - 1.959964 * se, b + 1.959964 * se)]
    for method in methods:
        imp = impute(d, m=M, seed=seed, maxit=MAXIT, method=method, time="time", event="event")
        fits = [cox_ph(f, "time", "event", ["x"], concordance=False, proportional_hazards=False)
                for f in imp]  # fmt: skip
        mi = pool(fits).terms["x"]
        out.append((mi.estimate, mi.ci_low, mi.ci_high))
    return out


def change_rep(
    rng: np.random.Generator, seed: int, methods: tuple[str, ...], strength: float = 0.5
) -> list[Triple]:
    d = change_data(rng, strength=strength)
    cc = compare_paired(d["pain_pre"].to_numpy(), d["pain_1m"].to_numpy()).t_test
    out = [(cc.estimate, cc.ci_low, cc.ci_high)]
    for method in methods:
        imp = impute(d, m=M, seed=seed, maxit=MAXIT, method=method,
                     passive={"pain_change": ("pain_1m", "pain_pre")})  # fmt: skip
        fits = [compare_paired(f["pain_pre"].to_numpy(), f["pain_1m"].to_numpy()) for f in imp]
        mi = pool(fits).terms["mean_change"]
        out.append((mi.estimate, mi.ci_low, mi.ci_high))
    return out


def summary(name: str, truth: float, rows: list[Triple]) -> dict[str, object]:
    a = np.array(rows)
    est, low, high = a[:, 0], a[:, 1], a[:, 2]
    se = (high - low) / (2 * 1.959964)
    return {"analysis": name, "truth": truth, "mean_estimate": est.mean(),
            "bias": est.mean() - truth, "bias_over_se": (est.mean() - truth) / se.mean(),
            "empirical_sd": est.std(ddof=1), "mc_se_bias": est.std(ddof=1) / np.sqrt(len(est)),
            "mean_se": se.mean(),
            "coverage": np.mean((low <= truth) & (truth <= high)),
            "mean_width": (high - low).mean()}  # fmt: skip


SCENARIOS: list[
    tuple[str, Callable[..., list[Triple]], float, tuple[str, ...], dict[str, float]]
] = [
    ("cox", cox_rep, TRUE_LOG_HR, ("pmm", "lrd"), {}),
    ("change", change_rep, TRUE_CHANGE, ("pmm", "lrd", "norm"), {}),
    ("change, strong MAR", change_rep, TRUE_CHANGE, ("pmm", "lrd", "norm"), {"strength": 1.0}),
]


def main(reps: int) -> None:
    rows = []
    for scenario, rep, truth, methods, options in SCENARIOS:
        rng = np.random.default_rng(SEED)
        results: list[list[Triple]] = [[] for _ in range(len(methods) + 1)]
        start = time.perf_counter()
        for r in range(reps):
            for store, triple in zip(results, rep(rng, SEED + r, methods, **options), strict=True):
                store.append(triple)
        print(f"{scenario}: {reps} replications in {time.perf_counter() - start:.0f} s")
        names = ["complete cases", *(f"multiple imputation ({m}, m={M})" for m in methods)]
        rows += [
            summary(f"{scenario}, {n}", truth, res) for n, res in zip(names, results, strict=True)
        ]
    print(pd.DataFrame(rows).round(4).to_string(index=False))
    for row in rows:
        name = str(row["analysis"])
        if "imputation" in name and "strong" not in name:
            coverage, bias = float(row["coverage"]), abs(float(row["bias_over_se"]))  # type: ignore[arg-type]
            ok = 0.92 <= coverage <= 0.98 and bias < 0.1
            print(f"{name}: {'meets' if ok else 'misses'} coverage 92-98% and bias < 10% of SE")
    by_name = {str(r["analysis"]): r for r in rows}
    for scenario, *_ in SCENARIOS:
        before = by_name.get(f"{scenario}, multiple imputation (pmm, m={M})")
        after = by_name.get(f"{scenario}, multiple imputation (lrd, m={M})")
        if before is not None and after is not None:
            print(f"{scenario}: bias / SE {float(before['bias_over_se']):.3f} with mice's PMM "  # type: ignore[arg-type]
                  f"(before), {float(after['bias_over_se']):.3f} with local residual draws "  # type: ignore[arg-type]
                  f"(after); coverage {float(before['coverage']):.1%} and "  # type: ignore[arg-type]
                  f"{float(after['coverage']):.1%}")  # type: ignore[arg-type]  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
