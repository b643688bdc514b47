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
R is timed inside R (reading the data is not timed; its group is made a factor before
timing) when ``Rscript`` with the survival package is found. Every figure is the best of
``--repeats`` runs (default 5; lifelines' slow Cox calls once), as wall seconds and as
CPU seconds (user + system, every thread: ours by ``time.process_time``, R's by
``system.time``); on a machine shared with other work the CPU seconds are the steadier
figure and the targets are judged on them.

KM + log-rank is timed twice: with the group as text labels (each of the two calls codes
them, as before), and with the labels coded once (``pd.Categorical``, timed with the two
calls), as a cohort's categorical column is passed. Beside them, the bincount floor of
KM + log-rank (:func:`bincount_floor`: the group labels coded and one ``np.bincount``
over day x group x status), and each figure against its target: KM + log-rank within 2x
of that floor, the Cox fit at least 2x ``coxph.fit``. Not part of the tests.

    python benchmarks/survival_vs_r.py [N] [--repeats R]      (default 1,000,000 and 5)

``--former REV --rounds K`` times only the Cox fit instead: the ``cox_fit`` of git
revision REV and this one alternately in one process, each round followed by R's
``coxph.fit`` on the same data (best of ``--repeats`` CPU seconds on every side), K
rounds, each ratio beside the target.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
from timing import best_of, best_wall_cpu

from analysis.stats import cox_fit, cox_ph, cumulative_incidence, kaplan_meier, logrank_test

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
d$group <- factor(d$group)
repeats <- as.integer(args[2])
# best of the repeats: elapsed and CPU (user + system) seconds
best <- function(f) {
  t <- sapply(seq_len(repeats), function(i) system.time(f()))
  c(min(t["elapsed", ]), min(t["user.self", ] + t["sys.self", ]))
}
x <- as.matrix(d[, c("x1", "x2", "x3")]); y <- Surv(d$time, d$event)
# printed in the order of ROWS: KM + log-rank, cuminc, coxph.fit, coxph
km <- best(function() {
  f <- survfit(Surv(time, event) ~ group, data = d, conf.type = "log-log")
  s <- survdiff(Surv(time, event) ~ group, data = d)
})
ci <- if (requireNamespace("cmprsk", quietly = TRUE)) {
  best(function() cmprsk::cuminc(d$time, d$cause_code, d$group, cencode = 0))
} else c(NA, NA)
fit <- best(function() coxph.fit(x, y, strata = NULL, offset = NULL, init = NULL,
                                  control = coxph.control(), weights = NULL, method = "efron",
                                  rownames = NULL))
full <- best(function() coxph(Surv(time, event) ~ x1 + x2 + x3, data = d, ties = "efron"))
cat(R.version$major, R.version$minor, as.character(packageVersion("survival")),
    km, ci, fit, full, "\n")
"""

R_COX_FIT = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
x <- as.matrix(d[, c("x1", "x2", "x3")]); y <- Surv(d$time, d$event)
t <- sapply(seq_len(as.integer(args[2])), function(i) system.time(
  coxph.fit(x, y, strata = NULL, offset = NULL, init = NULL, control = coxph.control(),
            weights = NULL, method = "efron", rownames = NULL)))
cat(min(t["user.self", ] + t["sys.self", ]), "\n")
"""

ROWS = (
    "KM (log-log CI) + log-rank, by group",
    "cumulative incidence, every cause by group",
    "Cox fit, 3 covariates, Efron",
    "Cox fit + concordance",
)
R_CALLS = ("survfit + survdiff", "cmprsk::cuminc", "coxph.fit", "coxph")


def bincount_floor(d: pd.DataFrame, repeats: int = 5) -> tuple[float, float]:
    """Wall and CPU seconds of the least work any Kaplan-Meier with a log-rank test does
    on these inputs: code the group labels, the whole days and the status, and count
    subjects per (day, group, status) in one ``np.bincount`` pass (best of ``repeats``).
    Every estimate and test follows from those counts in a few passes over the distinct
    days."""
    groups = d["group"].astype(str).to_numpy(dtype=object)

    def one_pass() -> None:
        t = d["time"].to_numpy(dtype=float)
        g, labels = pd.factorize(groups)
        day = (t - t.min()).astype(np.int64)
        flat = (day * len(labels) + g) * 2 + (d["event"].to_numpy() > 0)
        np.bincount(flat, minlength=(int(day.max()) + 1) * len(labels) * 2)

    return best_wall_cpu(one_pass, repeats)


TARGETS = {
    "KM (log-log CI) + log-rank, by group": "within 2x of the bincount floor",
    "Cox fit, 3 covariates, Efron": "at least 2x coxph.fit",
}
KM_CODED_ONCE = "KM + log-rank, labels coded once (categorical)"


@dataclass(frozen=True)
class Timing:
    """Seconds of one analysis: ours, R's and lifelines' wall seconds (NaN where not
    run), and ours and R's CPU seconds."""

    analysis: str
    ours: float
    r: float
    lifelines: float
    ours_cpu: float = float("nan")
    r_cpu: float = float("nan")

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


def _ours(d: pd.DataFrame, repeats: int) -> list[tuple[float, float]]:
    """Wall and CPU seconds of ours, in the order of ROWS, then KM + log-rank with the
    labels coded once."""
    groups = d["group"].astype(str).to_numpy(dtype=object)
    cause = np.where(d["cause_code"] == 0, "censored", "cause " + d["cause_code"].astype(str))
    x = d[["x1", "x2", "x3"]].to_numpy()
    t, e = d["time"].to_numpy(), d["event"].to_numpy()

    def km_logrank() -> None:
        kaplan_meier(d["time"], d["event"], groups)
        logrank_test(d["time"], d["event"], groups)

    def km_logrank_coded_once() -> None:
        coded = pd.Categorical(groups)
        kaplan_meier(d["time"], d["event"], coded)
        logrank_test(d["time"], d["event"], coded)

    def cox_full() -> None:
        cox_ph(d, "time", "event", ["x1", "x2", "x3"], proportional_hazards=False)

    return [
        best_wall_cpu(km_logrank, repeats),
        best_wall_cpu(lambda: cumulative_incidence(d["time"], cause, groups), repeats),
        best_wall_cpu(lambda: cox_fit(t, e, x), repeats),
        best_wall_cpu(cox_full, repeats),
        best_wall_cpu(km_logrank_coded_once, repeats),
    ]


def _lifelines(d: pd.DataFrame, repeats: int) -> list[float]:
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
        best_wall_cpu(km_logrank, repeats)[0],
        np.nan,
        best_wall_cpu(lambda: CoxPHFitter().fit(frame, "time", "event"), 1)[0],
        best_wall_cpu(cox_concordance, 1)[0],
    ]


def _r(d: pd.DataFrame, repeats: int) -> tuple[list[tuple[float, float]], str]:
    """R's wall and CPU seconds and its version line, or NaNs and the reason R was not
    timed."""
    missing = [(np.nan, np.nan)] * 4
    rscript = shutil.which("Rscript")
    if rscript is None:
        return missing, "Rscript not found: R not timed"
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        script = Path(tmp) / "bench.R"
        d.to_csv(csv, index=False)
        script.write_text(R_SCRIPT)
        out = subprocess.run(
            [rscript, str(script), str(csv), str(repeats)],
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0:
        return missing, "R failed: " + out.stderr.strip()[:300]
    major, minor, survival, *seconds = out.stdout.split()
    values = [np.nan if v == "NA" else float(v) for v in seconds]
    pairs = [(values[2 * k], values[2 * k + 1]) for k in range(4)]
    return pairs, f"R {major}.{minor}, survival {survival}"


def compare(d: pd.DataFrame, repeats: int = 5) -> tuple[list[Timing], str]:
    """Time the four analyses of ROWS on ``d`` here, in R and in lifelines, and last KM +
    log-rank with the labels coded once (ours only)."""
    mine, theirs = _ours(d, repeats), _lifelines(d, repeats)
    r, r_version = _r(d, repeats)
    rows = [
        Timing(n, m[0], a[0], b, m[1], a[1])
        for n, m, a, b in zip(ROWS, mine[:4], r, theirs, strict=True)
    ]
    rows.append(Timing(KM_CODED_ONCE, mine[4][0], np.nan, np.nan, mine[4][1]))
    return rows, r_version


def _ratio(theirs: float, ours: float) -> str:
    return f"{theirs / ours:.2f}x" if np.isfinite(theirs) else "-"


def target_lines(rows: list[Timing], floor: tuple[float, float]) -> list[str]:
    """The targets' table: each figure (by CPU seconds, wall in brackets) beside its
    target, and whether it is met."""
    km, cox, once = rows[0], rows[2], rows[4]
    lines = ["| target | measured (CPU; wall) | met |", "| --- | --- | --- |"]
    for t in (km, once):
        ratio = t.ours_cpu / floor[1]
        lines.append(
            f"| {t.analysis}: {TARGETS[km.analysis]} | {ratio:.2f}x the floor "
            f"({t.ours_cpu:.3f} s / {floor[1]:.3f} s; wall {t.ours / floor[0]:.2f}x) "
            f"| {'yes' if ratio <= 2 else 'no'} |"
        )
    if np.isfinite(cox.r_cpu):
        ratio = cox.r_cpu / cox.ours_cpu
        lines.append(
            f"| Cox fit {TARGETS[cox.analysis]} | {ratio:.2f}x ({cox.r_cpu:.3f} s / "
            f"{cox.ours_cpu:.3f} s; wall {_ratio(cox.r, cox.ours)}) | {'yes' if ratio >= 2 else 'no'} |"
        )
    return lines


def _former_cox(rev: str) -> ModuleType:
    """The Cox module of git revision ``rev``, imported under its own name."""
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(
        ["git", "show", f"{rev}:analysis/stats/survival/cox.py"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path = Path(tempfile.mkdtemp()) / "cox_former.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("cox_former", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["cox_former"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def cox_rounds(d: pd.DataFrame, former: str, rounds: int, repeats: int) -> list[str]:
    """The former and this ``cox_fit`` alternately, each round followed by R's
    ``coxph.fit``: CPU seconds, best of ``repeats`` on every side; table lines."""
    old = _former_cox(former)
    x = d[["x1", "x2", "x3"]].to_numpy()
    t, e = d["time"].to_numpy(), d["event"].to_numpy()
    lines = [
        f"| round | before ({former}) | after | R `coxph.fit` | R / ours, before "
        "| R / ours, after | target: at least 2x |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    rscript = shutil.which("Rscript")
    with tempfile.TemporaryDirectory() as tmp:
        csv, script = Path(tmp) / "data.csv", Path(tmp) / "fit.R"
        d.to_csv(csv, index=False)
        script.write_text(R_COX_FIT)
        for k in range(1, rounds + 1):
            before = best_of(lambda: old.cox_fit(t, e, x), repeats, time.process_time)
            after = best_of(lambda: cox_fit(t, e, x), repeats, time.process_time)
            r = np.nan
            if rscript is not None:
                out = subprocess.run([rscript, str(script), str(csv), str(repeats)],
                                     capture_output=True, text=True, check=False)  # fmt: skip
                r = float(out.stdout.split()[0]) if out.returncode == 0 else np.nan
            met = "met" if r / after >= 2 else "not met"
            lines.append(f"| {k} | {before:.4f} | {after:.4f} | {r:.3f} | {r / before:.2f}x "
                         f"| {r / after:.2f}x | {met} |")  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="subjects")
    parser.add_argument("--repeats", type=int, default=5, help="best of this many runs")
    parser.add_argument("--former", help="git revision whose cox_fit to time against this one")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of --former")
    args = parser.parse_args()
    d = make_data(args.n)
    if args.former:
        print(f"{args.n:,} subjects; Cox fit, CPU seconds, best of {args.repeats}\n")
        print("\n".join(cox_rounds(d, args.former, args.rounds, args.repeats)))
        return
    rows, r_version = compare(d, args.repeats)
    floor = bincount_floor(d, args.repeats)
    print(f"{args.n:,} subjects; best of {args.repeats}; seconds, wall / CPU; ratios > 1 mean ours is faster ({r_version})\n")  # fmt: skip
    print("| analysis | ours | R | R / ours (wall, CPU) | lifelines | lifelines / ours |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for t, call in zip(rows, [*R_CALLS, ""], strict=True):
        r_cell = f"{t.r:.3f} / {t.r_cpu:.3f} ({call})" if np.isfinite(t.r) else "-"
        r_ratio = (
            f"{_ratio(t.r, t.ours)}, {_ratio(t.r_cpu, t.ours_cpu)}" if np.isfinite(t.r) else "-"
        )
        l_cell = f"{t.lifelines:.2f}" if np.isfinite(t.lifelines) else "-"
        l_ratio = f"{t.lifelines / t.ours:.1f}x" if np.isfinite(t.lifelines) else "-"
        print(f"| {t.analysis} | {t.ours:.3f} / {t.ours_cpu:.3f} | {r_cell} | {r_ratio} | {l_cell} | {l_ratio} |")  # fmt: skip
    print(f"\nbincount floor of KM + log-rank (group labels coded, one np.bincount): {floor[0]:.3f} / {floor[1]:.3f} s\n")  # fmt: skip
    print("\n".join(target_lines(rows, floor)))


if __name__ == "__main__":
    main()
