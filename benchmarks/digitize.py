"""Kaplan-Meier digitisation: error and time per figure, on figures drawn from known
curves (the generators of ``tests/digitize/figures.py``).

For every style (matplotlib, lifelines with bands and censor marks, R base in black and
white, ggplot2's grey panel), resolution (96, 150, 300 dpi) and file (PNG, JPEG at
quality 75, SVG, PDF), two seeds, the figure is read with the axis ranges given and without
them (zero-click: the tick labels, read from an image's pixels or a drawing's text; where
an image's labels cannot be read, tick positions, 0-1 on y and times in tick intervals,
rescaled here by the known 12 months per tick). Printed per figure: the median and 95th percentile of
|S read - S true| on 500 even times per curve (worst curve), the hazard ratio after
``reconstruct_ipd`` (numbers at risk every 12 months from the truth) against the
truth's, and the seconds to read. The targets: median <= 0.005, 95th percentile <= 0.02,
hazard ratio within 5%, under 2 s a figure. Not a test.

    python benchmarks/digitize.py [--quick] [--blind]

``--blind`` scores the twenty figures drawn blind instead (``tests/digitize_blind/``,
the same as ``python -m tests.digitize_blind.score``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.published import reconstruct_ipd
from analysis.published.digitize import DigitizedFigure, digitize_km
from analysis.stats import cox_ph
from tests.digitize.figures import Arm, Spec, arms, draw, grid_errors

RISK_TIMES = np.arange(0, 61, 12.0)


def _errors(
    result: DigitizedFigure, data: list[Arm], unit: float, incidence: bool
) -> list[np.ndarray]:
    out = []
    for k, arm in enumerate(data, start=1):  # the figures' legends list the arms in order
        if k > result.n_curves:
            out.append(np.array([1.0]))
            continue
        c = result.curve(k)
        out.append(
            grid_errors(c["time"].to_numpy() * unit, c[result.measure].to_numpy(), arm, incidence)
        )
    return out


def _hazard_ratio_error(result: DigitizedFigure, data: list[Arm], unit: float) -> float:
    if result.measure != "survival" or result.n_curves != len(data):
        return float("nan")
    rebuilt = []
    for k, arm in enumerate(data, start=1):
        c = result.curve(k)
        keep = arm.end() >= RISK_TIMES
        at_risk = np.array(arm.at_risk(RISK_TIMES))[keep]
        rebuilt.append(
            reconstruct_ipd(c["time"] * unit, c["survival"], RISK_TIMES[keep], at_risk).assign(
                arm=k
            )
        )
    truth = pd.DataFrame({"time": np.concatenate([a.time for a in data]),
                          "event": np.concatenate([a.event for a in data]),
                          "arm": np.repeat([1, 2], [len(a.time) for a in data])})  # fmt: skip
    hr_true = cox_ph(truth, "time", "event", ["arm"]).terms[0].estimate
    hr_read = cox_ph(pd.concat(rebuilt), "time", "event", ["arm"]).terms[0].estimate
    return float(hr_read / hr_true - 1)


def _row(label: str, path: Path, data: list[Arm], ranges: tuple[tuple[float, float], ...],
         incidence: bool, scored: bool = True) -> dict[str, object]:  # fmt: skip
    """Read one figure (with ``ranges``, or zero-click when empty) and score it."""
    start = time.perf_counter()
    result = digitize_km(path, *ranges)
    seconds = time.perf_counter() - start
    ticks_only = any(w.startswith("no --x-range") for w in result.warnings)
    unit = 12.0 if ticks_only else 1.0  # a PDF's tick labels are read: months
    errs = _errors(result, data, unit, incidence)
    return {
        "figure": label, "mode": "ranged" if ranges else "zero-click", "curves": result.n_curves,
        "median": max(float(np.median(e)) for e in errs),
        "p95": max(float(np.quantile(e, 0.95)) for e in errs),
        "hr_error": _hazard_ratio_error(result, data, unit), "seconds": seconds,
        "warnings": len(result.warnings), "scored": scored,
    }  # fmt: skip


def _label(spec: Spec, seed: int) -> str:
    vector = spec.fmt in ("svg", "pdf")
    label = f"{spec.style} {spec.fmt}" + ("" if vector else f" {spec.dpi}dpi")
    label += " percent" * spec.percent + " risk-table" * spec.risk_table
    label += " incidence" * spec.incidence + " zoomed" * (spec.ylim != (0.0, 1.0))
    return f"{label} seed {seed}"


def _drawn_by_r() -> list[dict[str, object]]:
    """The figures R drew itself (tests/digitize/r/km.R), two arms each."""
    folder = Path(__file__).resolve().parents[1] / "tests" / "digitize" / "r"
    truth = pd.read_csv(folder / "truth.csv", comment="#")
    data = [Arm(g["time"].to_numpy(), g["status"].to_numpy()) for _, g in truth.groupby("arm")]
    rows = []
    for name in ["black_96.png", "black_150.png", "colour_110.png", "colour_150.jpg",
                 "black.svg", "black.pdf"]:  # fmt: skip
        y = (0.0, 100.0) if name.startswith("colour") else (0.0, 1.0)
        for ranges in [((0.0, 60.0), y), ()]:
            rows.append(_row(f"R plot.survfit {name}", folder / name, data, ranges, False))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, 96 and 300 dpi only")
    parser.add_argument("--blind", action="store_true", help="the figures drawn blind")
    args = parser.parse_args()
    if args.blind:
        from tests.digitize_blind import score

        score.main([])
        return
    seeds = [1] if args.quick else [1, 2]
    dpis = [96, 300] if args.quick else [96, 150, 300]
    specs = [Spec(style=s, dpi=d, fmt=f) for s, d, f in
             itertools.product(["matplotlib", "lifelines", "rbase", "ggplot"], dpis, ["png", "jpg"])]  # fmt: skip
    specs += [Spec(style=s, fmt=f) for s, f in
              itertools.product(["matplotlib", "lifelines", "rbase", "ggplot"], ["svg", "pdf"])]  # fmt: skip
    specs += [Spec(style="lifelines", dpi=150, percent=True, risk_table=True),
              Spec(style="ggplot", dpi=150, incidence=True, percent=True),
              Spec(style="matplotlib", dpi=96, ylim=(0.4, 1.0))]  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec, seed, ranged in itertools.product(specs, seeds, [True, False]):
            zoomed = spec.ylim != (0.0, 1.0)
            hazards = (0.006, 0.012) if zoomed else (0.02, 0.045)
            data = arms(seed, n=(200, 200), hazards=hazards)
            path = draw(data, replace(spec), Path(tmp) / f"fig{seed}")
            ranges = (spec.x_range(), spec.y_range()) if ranged else ()
            rows.append(_row(_label(spec, seed), path, data, ranges, spec.incidence))
    rows += _drawn_by_r()
    table = pd.DataFrame(rows)
    pd.set_option("display.width", 200)
    print(table.drop(columns="scored").to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    for mode, part in table[table["scored"]].groupby("mode"):
        print(
            f"\n{mode}: {len(part)} figures; median error: worst {part['median'].max():.4f} "
            f"(target 0.005), mean {part['median'].mean():.4f}; 95th percentile: worst "
            f"{part['p95'].max():.4f} (target 0.02), mean {part['p95'].mean():.4f}; hazard ratio "
            f"error: worst {part['hr_error'].abs().max():.2%} (target 5%); seconds: worst "
            f"{part['seconds'].max():.2f}, mean {part['seconds'].mean():.2f} (target 2)"
        )


if __name__ == "__main__":
    main()
