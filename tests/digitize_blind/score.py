"""Score the Kaplan-Meier reader on the figures drawn blind (``tests/digitize_blind/<name>/``).

Each figure was drawn from known data by someone who had not read the reader; its truth
sits beside it (``truth/curves.csv``: every step corner; ``truth/ipd.csv``: the patients;
``truth/at_risk.csv`` when the figure prints a numbers-at-risk table; ``truth/meta.json``:
kind, axis ranges in the printed units, number of curves). Each figure is read twice:
``ranged`` (the first and last tick labels given, as ``--x-range``/``--y-range``) and
``zero-click`` (nothing given). Per reading:

- ``median``/``p95``: the worst curve's median and 95th percentile of |value read -
  value true| on 100 even times over the span the truth draws that curve (curve k read
  against curve k: the reader's numbering is part of what is scored; a missing curve
  counts as error 1);
- ``hr_err``: for two-curve figures, the hazard ratio (curve 2 vs 1, Cox) of the patients
  ``reconstruct_ipd`` rebuilds from the curves read, against the hazard ratio of the true
  patients; the numbers at risk given to it are the true ones at the printed table's
  times (all of them, a 0 printed after the last follow-up too), or at five even times
  over the x range, up to the last follow-up, when the figure prints none (so only the
  reading is scored, not the table);
- ``seconds`` to read; ``risk``: numbers at risk read right / printed (cells matched by
  curve and time); ``fail``: exit 2 (``DigitizeError``) or another exception; ``warn``: the
  number of warnings (``-v`` prints them).

    python -m tests.digitize_blind.score [-v] [--root DIR] [NAME ...]

A figure of several plots is read at the panel its ``meta.json`` names (``"panel"``: the
printed letter or the number in reading order), as ``--panel``.

``--root DIR`` scores the figure folders under DIR (each: ``figure.*`` and ``truth/``)
instead of these. When the reader finds censor marks on a curve (``result.censored``),
their times go to ``reconstruct_ipd`` as ``censor_times``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
GRID = 100


@dataclass(frozen=True)
class Score:
    """One reading of one figure, scored."""

    figure: str
    mode: str
    curves: int
    median: float
    p95: float
    hr_err: float
    seconds: float
    risk: str
    fail: str
    warnings: tuple[str, ...]


def figures(root: Path = HERE) -> list[Path]:
    """The folders under ``root`` holding a blind figure and its truth."""
    return sorted(p for p in root.iterdir() if (p / "truth" / "meta.json").exists())


def figure_file(folder: Path) -> Path:
    return next(folder.glob("figure.*"))


def meta(folder: Path) -> dict[str, object]:
    return json.loads((folder / "truth" / "meta.json").read_text())


def step_values(times: np.ndarray, values: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """A right-continuous step function given by its corners, at ``grid``."""
    order = np.argsort(times, kind="stable")
    t, v = times[order], values[order]
    idx = np.clip(np.searchsorted(t, grid, side="right") - 1, 0, len(t) - 1)
    return v[idx]


def curve_errors(read: pd.DataFrame | None, truth: pd.DataFrame) -> np.ndarray:
    """|read - true| on the grid of the truth's drawn span (error 1 for a missing curve)."""
    t, v = truth["time"].to_numpy(float), truth["value"].to_numpy(float)
    grid = np.linspace(t.min(), t.max(), GRID)
    if read is None or len(read) == 0:
        return np.ones(GRID)
    got = step_values(read.iloc[:, 0].to_numpy(float), read.iloc[:, 1].to_numpy(float), grid)
    return np.abs(got - step_values(t, v, grid))


def _risk_times(folder: Path, info: dict[str, object]) -> np.ndarray:
    path = folder / "truth" / "at_risk.csv"
    if path.exists():
        return np.unique(pd.read_csv(path)["time"].to_numpy(float))
    x0, x1 = info["x_range"]  # type: ignore[misc]
    return np.linspace(float(x0), float(x1), 5)


def hazard_ratio_error(result: object, folder: Path, info: dict[str, object]) -> float:
    """HR (curve 2 vs 1) of the rebuilt patients / HR of the true ones - 1."""
    from analysis.published import reconstruct_ipd
    from analysis.stats import cox_ph

    ipd = pd.read_csv(folder / "truth" / "ipd.csv")
    if ipd["curve"].nunique() != 2 or result.n_curves != 2:  # type: ignore[attr-defined]
        return float("nan")
    if not set(ipd["event"].unique()) <= {0, 1}:
        return float("nan")  # competing events: a cumulative incidence is not 1 - KM
    times = _risk_times(folder, info)
    printed = (folder / "truth" / "at_risk.csv").exists()
    rebuilt = []
    for k in (1, 2):
        arm = ipd[ipd["curve"] == k]
        c = result.curve(k)  # type: ignore[attr-defined]
        surv = c.iloc[:, 1].to_numpy(float)
        if result.measure == "incidence":  # type: ignore[attr-defined]
            surv = 1 - surv
        keep = times <= arm["time"].max()  # five even times: none after the last
        if printed:  # a printed table gives every number it prints (a 0 after the end)
            keep = np.ones(len(times), bool)
        n = [int((arm["time"] >= u).sum()) for u in times[keep]]
        marks = censor_marks(result, k)
        rebuilt.append(
            reconstruct_ipd(
                c["time"].to_numpy(float), surv, times[keep], n, censor_times=marks
            ).assign(arm=k - 1)
        )
    truth = ipd.assign(arm=ipd["curve"] - 1)
    hr_true = cox_ph(truth, "time", "event", ["arm"]).terms[0].estimate
    hr_read = cox_ph(pd.concat(rebuilt), "time", "event", ["arm"]).terms[0].estimate
    return float(hr_read / hr_true - 1)


def censor_marks(result: object, k: int) -> np.ndarray | None:
    """The times of the censor marks read on curve ``k``, or None when none were read."""
    censored = result.censored  # type: ignore[attr-defined]
    if censored is None:
        return None
    times = censored.loc[censored["curve"] == k, "time"].to_numpy(float)
    return times if len(times) else None


def risk_agreement(result: object, folder: Path) -> str:
    """Numbers at risk read right / printed, or '-' when the figure prints none."""
    path = folder / "truth" / "at_risk.csv"
    if not path.exists():
        return "-"
    truth = pd.read_csv(path)
    read = result.at_risk  # type: ignore[attr-defined]
    if read is None or len(read) == 0:
        return f"0/{len(truth)}"
    got = {(int(r.curve), round(float(r.time), 3)): int(r.n_risk) for r in read.itertuples()}
    right = sum(
        got.get((int(r.curve), round(float(r.time), 3))) == int(r.n_at_risk)
        for r in truth.itertuples()
    )
    return f"{right}/{len(truth)}"


def score(folder: Path, ranged: bool) -> Score:
    """Read one figure (with its ranges or zero-click) and score the reading."""
    from analysis.published.digitize import DigitizeError, digitize_km

    info = meta(folder)
    truth = pd.read_csv(folder / "truth" / "curves.csv")
    ranges = (tuple(info["x_range"]), tuple(info["y_range"])) if ranged else (None, None)  # type: ignore[arg-type]
    mode = "ranged" if ranged else "zero-click"
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = digitize_km(figure_file(folder), *ranges, panel=info.get("panel"))  # type: ignore[arg-type]
    except DigitizeError as exc:
        return Score(folder.name, mode, 0, 1.0, 1.0, float("nan"),
                     time.perf_counter() - start, "-", f"exit 2: {exc}", ())  # fmt: skip
    except Exception as exc:  # a crash is scored, not raised
        return Score(folder.name, mode, 0, 1.0, 1.0, float("nan"),
                     time.perf_counter() - start, "-", f"{type(exc).__name__}: {exc}", ())  # fmt: skip
    seconds = time.perf_counter() - start
    errs = []
    for k, part in truth.groupby("curve"):
        read = result.curve(int(k)) if int(k) <= result.n_curves else None
        errs.append(curve_errors(read, part))
    try:
        hr = hazard_ratio_error(result, folder, info)
    except Exception as exc:
        hr = float("nan")
        result_warnings = (*result.warnings, f"reconstruct_ipd failed: {exc}")
    else:
        result_warnings = result.warnings
    return Score(
        folder.name, mode, result.n_curves,
        max(float(np.median(e)) for e in errs), max(float(np.quantile(e, 0.95)) for e in errs),
        hr, seconds, risk_agreement(result, folder), "", tuple(result_warnings),
    )  # fmt: skip


def table(scores: list[Score]) -> str:
    rows = [
        {"figure": s.figure, "mode": s.mode, "curves": s.curves, "median": s.median,
         "p95": s.p95, "hr_err": s.hr_err, "seconds": s.seconds, "risk": s.risk,
         "warn": len(s.warnings), "fail": s.fail[:60]}
        for s in scores
    ]  # fmt: skip
    frame = pd.DataFrame(rows)
    fmt = {"median": "{:.4f}", "p95": "{:.4f}", "hr_err": "{:+.2%}", "seconds": "{:.2f}"}
    for col, f in fmt.items():
        frame[col] = [("nan" if not np.isfinite(v) else f.format(v)) for v in frame[col]]
    return frame.to_string(index=False)


def summary(scores: list[Score]) -> str:
    lines = []
    for mode in ("ranged", "zero-click"):
        part = [s for s in scores if s.mode == mode]
        if not part:
            continue
        med = np.array([s.median for s in part])
        p95 = np.array([s.p95 for s in part])
        hr = np.array([abs(s.hr_err) for s in part if np.isfinite(s.hr_err)])
        sec = np.array([s.seconds for s in part])
        fails = sum(bool(s.fail) for s in part)
        lines.append(
            f"{mode}: {len(part)} figures; median error <= 0.005 in {int((med <= 0.005).sum())}"
            f" (worst {med.max():.4f}, median {np.median(med):.4f}); p95 <= 0.02 in "
            f"{int((p95 <= 0.02).sum())} (worst {p95.max():.4f}); hazard ratio within 5% in "
            f"{int((hr <= 0.05).sum())}/{len(hr)}"
            + (f" (worst {hr.max():.2%})" if len(hr) else "")
            + f"; under 2 s in {int((sec < 2).sum())} (worst {sec.max():.2f} s); failures {fails}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    parser.add_argument("names", nargs="*", help="figures to score (default: all)")
    parser.add_argument(
        "--root", type=Path, default=HERE,
        help="the folder holding one sub-folder per figure (default: this one)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"--root {args.root}: no such folder")
    folders = [f for f in figures(args.root) if not args.names or f.name in args.names]
    if not folders:
        parser.error(f"no figure folder (figure.* with truth/meta.json) under {args.root}")
    scores = [score(f, ranged) for f in folders for ranged in (True, False)]
    print(table(scores))
    print()
    print(summary(scores))
    if args.verbose:
        for s in scores:
            for w in (s.fail, *s.warnings):
                if w:
                    print(f"{s.figure} [{s.mode}]: {w}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    sys.exit(main())
