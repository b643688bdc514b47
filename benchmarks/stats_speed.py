"""Speed of the statistics that dominated a registry-sized report, before and after.

Generates N patients (default 100,000; seeded) and times, best of a few runs:

- Mann-Whitney with the Hodges-Lehmann shift and interval (two groups of N / 2, scores
  rounded to 0.1 as recorded), and the signed-rank test with its interval (N paired
  changes); "before" is the former bisection of the step function to machine
  precision (same numbers);
- the random-intercept linear mixed model (N patients x 5 visits, REML); "before" is
  statsmodels' MixedLM, run only up to 10,000 patients (it took 145 s at 100,000);
- the Cox model (3 covariates, Efron ties), the fit alone and fit plus Harrell's
  concordance (R's figures for the same data: ``benchmarks/survival_vs_r.py``);
- Fisher's conditional odds ratio of a 2 x 2 table of N patients; "before" is scipy's
  ``odds_ratio(kind="conditional")``, run only up to 100,000 (10 s there, minutes
  beyond).

Prints one table (seconds; "-" where the former path is too slow to run). Not part of
the tests.

    python benchmarks/stats_speed.py [N]      e.g. 10000, 100000, 1000000
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from timing import best_of

from analysis.stats import cox_ph
from analysis.stats.outcomes.conditional_odds import conditional_odds_ratio
from analysis.stats.outcomes.timecourse import fit_mixed_model
from analysis.stats.ranks import rank_sum, signed_rank

SEED = 20261121
VISITS = ("pre", "1w", "1m", "3m", "12m")


def _bisected(f: Callable[[float], float], low: float, high: float) -> float:
    """The former root finder: bisection of the step function to machine precision."""

    def last(pred: Callable[[float], bool]) -> float:
        a, b = low, high
        for _ in range(200):
            mid = 0.5 * (a + b)
            if mid in (a, b):
                break
            a, b = (mid, b) if pred(mid) else (a, mid)
        return a

    return 0.5 * (last(lambda d: f(d) > 0) + last(lambda d: not f(d) < 0))


def _former_ranks(fn: Callable[[], object]) -> Callable[[], object]:
    import analysis.stats.ranks as ranks

    def run() -> object:
        current = ranks.step_root
        ranks.step_root = lambda f, lo, hi, _: _bisected(f, lo, hi)  # type: ignore[assignment]
        try:
            return fn()
        finally:
            ranks.step_root = current

    return run


def pain_visits(n: int, rng: np.random.Generator) -> pd.DataFrame:
    patient = np.repeat(np.arange(n), len(VISITS))
    visit = np.tile(np.arange(len(VISITS)), n)
    drop = np.array([0.0, -3.0, -3.8, -4.2, -4.5])
    value = 7.5 + drop[visit] + rng.normal(0, 1.2, n)[patient] + rng.normal(0, 1.5, n * 5)
    return pd.DataFrame(
        {
            "patient_id": patient,
            "timepoint": np.asarray(VISITS)[visit],
            "value": np.clip(np.round(value, 1), 0, 10),
        }
    )


def survival(n: int, rng: np.random.Generator) -> pd.DataFrame:
    x = rng.normal(size=(n, 3))
    t_event = rng.exponential(900 * np.exp(-(x @ np.array([0.3, -0.2, 0.1]))))
    t_cens = rng.uniform(30, 1500, n)
    return pd.DataFrame(
        {
            "time": np.ceil(np.minimum(t_event, t_cens)),
            "event": (t_event <= t_cens).astype(int),
            "x1": x[:, 0],
            "x2": x[:, 1],
            "x3": x[:, 2],
        }
    )


def _statsmodels_mixed(long: pd.DataFrame) -> None:
    import statsmodels.formula.api as smf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        smf.mixedlm("value ~ C(timepoint)", long, groups=long["patient_id"]).fit(reml=True)


def _scipy_fisher(table: np.ndarray) -> None:
    from scipy.stats.contingency import odds_ratio

    odds_ratio(table, kind="conditional").confidence_interval(0.95)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = np.random.default_rng(SEED)
    x = np.round(rng.normal(4.0, 2.0, n // 2), 1)
    y = np.round(rng.normal(3.6, 2.0, n - n // 2), 1)
    change = np.round(rng.normal(-3.5, 2.5, n), 1)
    long = pain_visits(n, rng)
    surv = survival(n, rng)
    a, c = int(0.30 * n / 2), int(0.25 * n / 2)
    table = np.array([[a, n // 2 - a], [c, n - n // 2 - c]])

    rows: list[tuple[str, float | None, float]] = []

    def add(name: str, after: Callable[[], object], before: Callable[[], object] | None,
            repeats: int = 3) -> None:  # fmt: skip
        then = None if before is None else best_of(before, 1)
        rows.append((name, then, best_of(after, repeats)))
        print(f"  done: {name}", file=sys.stderr)

    add("Mann-Whitney + Hodges-Lehmann CI", lambda: rank_sum(x, y),
        _former_ranks(lambda: rank_sum(x, y)) if n <= 100_000 else None)  # fmt: skip
    add("signed-rank + Hodges-Lehmann CI", lambda: signed_rank(change),
        _former_ranks(lambda: signed_rank(change)) if n <= 100_000 else None)  # fmt: skip
    add("mixed model of pain (REML), 5 visits",
        lambda: fit_mixed_model(long, "pain_vas", VISITS),
        (lambda: _statsmodels_mixed(long)) if n <= 10_000 else None)  # fmt: skip
    add("Cox fit, 3 covariates, Efron",
        lambda: cox_ph(surv, "time", "event", ["x1", "x2", "x3"], concordance=False), None)  # fmt: skip
    add("Cox fit + concordance",
        lambda: cox_ph(surv, "time", "event", ["x1", "x2", "x3"]), None, 1)  # fmt: skip
    add("Fisher conditional odds ratio + CI", lambda: conditional_odds_ratio(table, 0.05),
        (lambda: _scipy_fisher(table)) if n <= 100_000 else None)  # fmt: skip

    print(f"patients: {n:,}")
    print(f"| {'analysis':<40} | {'before (s)':>10} | {'after (s)':>9} | {'speed-up':>8} |")
    print(f"| {'-' * 40} | {'-' * 9}: | {'-' * 8}: | {'-' * 7}: |")
    for name, before, after in rows:
        then = "-" if before is None else f"{before:.2f}"
        ratio = "-" if before is None else f"{before / after:.0f}x"
        print(f"| {name:<40} | {then:>10} | {after:>9.2f} | {ratio:>8} |")


if __name__ == "__main__":
    main()
