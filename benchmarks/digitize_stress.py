"""Kaplan-Meier digitisation under stress: figures whose styles are combined at random.

Each figure is drawn by ``tests/digitize/figures.py`` from known data with a look
(matplotlib, lifelines, R base, ggplot2, Prism, a spreadsheet, a right-hand grey axis,
R's ``bty = "l"``) and, drawn at random over it: PNG at 96-300 dpi, JPEG at quality 70-90,
PDF or SVG; colour or black-and-white curves told apart by line type; censor marks;
shaded bands; grid lines; the legend inside, outside or absent; a numbers-at-risk table;
a percent axis; a zoomed y axis; 1-4 curves; a rising (cumulative incidence) plot; the
font; grey axes; the y axis on the right; no axis lines. Each is written as the blind
figures are (``figure.*`` and ``truth/``) and scored as ``tests.digitize_blind.score`` does
with the axis ranges given and zero-click: the worst curve's median and 95th percentile
of |value read - value true|, the curves found, the numbers at risk read. A figure
passes a mode when the median is at most 0.005, the 95th percentile at most 0.02, every
curve is found, every printed number at risk is read and it reads in under 2 s of
processor time (curve k is scored against arm k, the legend's order; a figure drawn
without a legend may number its curves in any order). Failures are listed by cause.
Not a test.

    python benchmarks/digitize_stress.py [-n 150] [--seed 0] [--keep DIR] [--only I ...] [--csv FILE]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.published.digitize import DigitizedFigure
from tests.digitize.figures import Arm, Spec, draw
from tests.digitize_blind import score as blind

LOOKS = (
    "matplotlib",
    "lifelines",
    "rbase",
    "ggplot",
    "prism",
    "spreadsheet",
    "right_axis",
    "l_box",
)
FONTS = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")
MEDIAN, P95 = 0.005, 0.02
# styles laid over the look, each drawn with its chance (rbase and prism are black already)
CHANCES = (("bw", 0.25), ("marks", 0.4), ("bands", 0.2), ("grid", 0.2), ("grey_axes", 0.15),
           ("right_y", 0.1), ("no_spines", 0.1))  # fmt: skip


def random_case(i: int, seed: int) -> tuple[Spec, list[Arm], dict[str, object]]:
    """Figure ``i`` of the run: its spec, its arms and what was drawn (for the listing)."""
    rng = np.random.default_rng([seed, i])
    look = str(rng.choice(LOOKS))
    fmt = str(rng.choice(["png", "png", "png", "jpg", "jpg", "pdf", "svg"]))
    dpi = int(rng.choice([96, 110, 150, 200, 300]))
    n_curves = int(rng.choice([1, 2, 2, 2, 3, 3, 4]))
    incidence = bool(rng.random() < 0.2)
    zoomed = bool(rng.random() < 0.2)
    percent = bool(rng.random() < 0.3)
    risk = bool(rng.random() < 0.35)
    extra: dict[str, object] = {}
    if fmt == "jpg":
        extra["quality"] = int(rng.integers(70, 91))
    for key, chance in CHANCES:
        if rng.random() < chance and not (key == "bw" and look in ("rbase", "prism")):
            extra[key] = True
    if rng.random() < 0.3:
        extra["font"] = str(rng.choice(FONTS))
    places = ["best", "none"] + ([] if risk else ["below", "right"])
    if rng.random() < 0.4:
        extra["legend_at"] = str(rng.choice(places))
    lo = float(rng.choice([0.4, 0.5, 0.6])) if zoomed else 0.0
    ylim = ((0.0, round(1 - lo, 6)) if incidence else (lo, 1.0)) if zoomed else (0.0, 1.0)
    follow = float(rng.choice([24.0, 36.0, 60.0, 120.0]))
    step = follow / int(rng.choice([4, 5, 6]))
    x_ticks = tuple(float(v) for v in np.round(np.arange(0, follow + 1e-9, step), 6))
    # hazards: distinct, the curves within the drawn axis
    top = -np.log(lo + 0.08) / follow if zoomed else 2.5 / follow
    data: list[Arm] = []
    while len(data) < n_curves:
        rate = float(rng.uniform(0.15, 1.0) * top)
        size = int(rng.integers(40, 301))
        t = rng.exponential(1 / rate, size)
        c = rng.uniform(0.3 * follow, follow, size)
        arm = Arm(np.round(np.minimum(t, c), 2) + 0.01, (t <= c).astype(int))
        if arm.event.sum() < 3 or (zoomed and arm.km()[1][-1] < lo + 0.02):
            continue
        data.append(arm)
    spec = Spec(style=look, dpi=dpi, fmt=fmt, percent=percent, ylim=ylim, incidence=incidence,
                risk_table=risk, x_ticks=x_ticks, extra=extra)  # fmt: skip
    drawn = {"look": look, "fmt": fmt, "dpi": dpi if fmt in ("png", "jpg") else None,
             "curves": n_curves, "incidence": incidence, "zoomed": zoomed, "percent": percent,
             "risk": risk, **extra}  # fmt: skip
    return spec, data, drawn


def write_case(folder: Path, spec: Spec, data: list[Arm]) -> Path:
    """The figure and its truth, laid out as a blind figure's folder."""
    (folder / "truth").mkdir(parents=True, exist_ok=True)
    draw(data, spec, folder / "figure")
    rows, ipd, risk = [], [], []
    ticks = np.asarray(spec.x_ticks, dtype=float)
    for k, arm in enumerate(data, start=1):
        times, surv = arm.km()
        t = np.append(times, arm.end())
        v = np.append(surv, surv[-1])
        v = 1 - v if spec.incidence else v
        rows += [{"curve": k, "time": a, "value": b} for a, b in zip(t, v, strict=True)]
        ipd += [
            {"curve": k, "time": a, "event": int(b)}
            for a, b in zip(arm.time, arm.event, strict=True)
        ]
        risk += [
            {"curve": k, "time": u, "n_at_risk": n}
            for u, n in zip(ticks, arm.at_risk(ticks), strict=True)
        ]
    pd.DataFrame(rows).to_csv(folder / "truth" / "curves.csv", index=False)
    pd.DataFrame(ipd).to_csv(folder / "truth" / "ipd.csv", index=False)
    if spec.risk_table:
        pd.DataFrame(risk).to_csv(folder / "truth" / "at_risk.csv", index=False)
    meta = {"kind": "incidence" if spec.incidence else "survival", "x_range": list(spec.x_range()),
            "y_range": list(spec.y_range()), "n_curves": len(data)}  # fmt: skip
    (folder / "truth" / "meta.json").write_text(json.dumps(meta))
    return folder


@dataclass(frozen=True)
class Reading:
    """One figure read in one mode, scored as the blind figures are."""

    mode: str
    curves: int
    median: float
    p95: float
    permuted: float  # the worst curve's p95 with the curves matched in their best order
    risk: str
    cpu: float
    fail: str
    warnings: tuple[str, ...]


def _quietly(path: Path, info: dict[str, object], ranged: bool) -> DigitizedFigure:
    """The figure read with its printed ranges (``ranged``) or none, warnings kept quiet
    (they are in the result)."""
    from analysis.published.digitize import digitize_km

    x, y = (tuple(info["x_range"]), tuple(info["y_range"])) if ranged else (None, None)  # type: ignore[call-overload]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return digitize_km(path, x, y)  # type: ignore[arg-type]


def read(folder: Path, ranged: bool) -> Reading:
    """Read a figure (its ranges given, or zero-click) and score it against its truth."""
    truth = [part for _k, part in pd.read_csv(folder / "truth" / "curves.csv").groupby("curve")]
    mode = "ranged" if ranged else "zero-click"
    start = time.process_time()
    try:
        result = _quietly(blind.figure_file(folder), blind.meta(folder), ranged)
    except Exception as exc:  # a refusal or a crash is scored, not raised
        cpu = time.process_time() - start
        return Reading(mode, 0, 1.0, 1.0, 1.0, "-", cpu, f"{type(exc).__name__}: {exc}", ())
    cpu = time.process_time() - start
    n = result.n_curves

    def worst(order: tuple[int, ...]) -> tuple[float, float]:
        errs = [blind.curve_errors(result.curve(k) if k <= n else None, part)
                for k, part in zip(order, truth, strict=True)]  # fmt: skip
        return max(float(np.median(e)) for e in errs), max(
            float(np.quantile(e, 0.95)) for e in errs
        )

    median, p95 = worst(tuple(range(1, len(truth) + 1)))
    permuted = p95
    if n == len(truth) and n > 1:
        permuted = min(worst(order)[1] for order in itertools.permutations(range(1, n + 1)))
    return Reading(mode, n, median, p95, permuted, blind.risk_agreement(result, folder), cpu, "",
                   result.warnings)  # fmt: skip


def causes(s: Reading, n_curves: int, legend: bool = True) -> list[str]:
    """Why a reading misses (empty when it passes). Without a legend the curves are
    numbered top to bottom at the start, where they often all start at one value: any
    order passes then."""
    if s.fail:
        return ["refused: " + s.fail.split(":", 2)[-1].strip()[:50]]
    out = []
    if s.curves != n_curves:
        out.append(f"{'fewer' if s.curves < n_curves else 'more'} curves than drawn")
    elif s.p95 > P95 and s.permuted <= P95:
        if legend:
            out.append("curves numbered in another order")
    elif s.median > MEDIAN:
        out.append("median")
    elif s.p95 > P95:
        out.append("p95")
    if s.risk != "-":
        right, total = (int(v) for v in s.risk.split("/"))
        if right < total:
            out.append("at risk " + ("none read" if right == 0 else "partly read"))
    if s.cpu >= 2:
        out.append("over 2 s")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=150, help="figures to draw (default 150)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="keep the figures in this folder")
    parser.add_argument("--only", type=int, nargs="*", help="only these figure numbers")
    parser.add_argument("--csv", type=Path, help="write every reading's score here")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="km_stress_"))
    rows = []
    for i in args.only if args.only else range(args.n):
        spec, data, drawn = random_case(i, args.seed)
        folder = write_case(root / f"s{i:03d}", spec, data)
        for ranged in (True, False):
            s = read(folder, ranged)
            why = causes(s, len(data), drawn.get("legend_at") != "none")
            rows.append({"i": i, "mode": s.mode, "median": s.median, "p95": s.p95, "permuted": s.permuted,
                         "curves": f"{s.curves}/{len(data)}", "risk": s.risk, "cpu": s.cpu,
                         "pass": not why, "why": "; ".join(why),
                         "drawn": " ".join(f"{k}={v}" for k, v in drawn.items() if v not in (None, False)),
                         "warnings": " | ".join(s.warnings)})  # fmt: skip
            mark = "ok  " if not why else "MISS"
            print(f"{mark} s{i:03d} {s.mode:10s} med {s.median:.4f} p95 {s.p95:.4f} "
                  f"curves {s.curves}/{len(data)} risk {s.risk} {s.cpu:.2f}s  {rows[-1]['why']}  "
                  f"[{rows[-1]['drawn']}]", flush=True)  # fmt: skip
    table = pd.DataFrame(rows)
    if args.csv:
        table.to_csv(args.csv, index=False)
    print()
    for mode, part in table.groupby("mode"):
        print(f"{mode}: {int(part['pass'].sum())}/{len(part)} pass ({part['pass'].mean():.0%})")
    both = table.groupby("i")["pass"].all()
    print(f"both modes: {int(both.sum())}/{len(both)} figures pass ({both.mean():.0%})")
    counts: Counter[str] = Counter()
    for why in table.loc[~table["pass"], "why"]:
        counts.update(c.split(":")[0] if c.startswith("refused") else c for c in why.split("; "))
    print("\nmisses by cause (readings):")
    for cause, n in counts.most_common():
        print(f"  {n:4d}  {cause}")
    if not args.keep:
        print(f"\n(figures in {root})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
