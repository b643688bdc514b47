"""q6: base-R plot.survfit look, long follow-up 0.5-15 years on a LOG x axis."""
# ---------------------------------------------------------------- shared KM core
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, admin_lo, admin_hi, drop_rate=0.0,
             res=0.01, t_min=None, cure=0.0):
    """Weibull event times, uniform administrative censoring, exponential drop-out.
    Times rounded to `res` (x-axis units). If t_min is given, every time is > t_min."""
    u = rng.random(n)
    t_ev = scale * (-np.log(u)) ** (1.0 / shape)
    if cure > 0:
        t_ev[rng.random(n) < cure] = np.inf
    if t_min is not None:
        t_ev = t_min + t_ev
    c = rng.uniform(admin_lo, admin_hi, n)
    if drop_rate > 0:
        d = rng.exponential(1.0 / drop_rate, n)
        if t_min is not None:
            d = t_min + d
        c = np.minimum(c, d)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.round(np.round(t / res) * res, 6)
    lo = res if t_min is None else np.round(t_min + res, 6)
    t = np.maximum(t, lo)
    return t, e


def km_corners(t, e, start=0.0):
    """Step corners of the KM estimate: (start,1), before/after each drop, last follow-up."""
    S = 1.0
    pts = [(start, 1.0)]
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), S))
        S *= 1.0 - d / n
        pts.append((float(u), S))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, S))
    return np.array(pts)


def km_at(pts, x):
    """Right-continuous value of the step function at x."""
    x = np.atleast_1d(x)
    out = []
    for xi in x:
        idx = np.where(pts[:, 0] <= xi + 1e-12)[0]
        out.append(pts[idx[-1], 1] if len(idx) else 1.0)   # before the first corner: 1
    return np.array(out)


def n_at_risk(t, x):
    return int((t >= x - 1e-12).sum())


def check_lifelines(t, e, pts):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(t, e)
    sf = kmf.survival_function_.iloc[:, 0]
    for tt, s in sf.items():
        mine = km_at(pts, tt)[0]
        assert abs(mine - s) < 1e-9, (tt, mine, s)
    return True


def write_truth(data, kind, meta, at_risk=None):
    """data: list of (name, t, e, pts) in curve order 1..N; pts are survival corners."""
    rows_ipd, rows_c = [], []
    for k, (name, t, e, pts) in enumerate(data, start=1):
        check_lifelines(t, e, pts)
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        for x, s in pts:
            v = s if kind == "survival" else 1.0 - s
            rows_c.append((k, round(float(x), 6), round(float(v), 10)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).sort_values(
        ["curve", "time"], kind="mergesort").to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if at_risk is not None:
        pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta)
    meta["kind"] = kind
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ---------------------------------------------------------------- figure-specific
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FixedLocator, NullLocator, FixedFormatter

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 11, "axes.linewidth": 0.9})

rng = np.random.default_rng(25006)
groups = ["Low risk", "High risk"]
cols = ["#000000", "#DF536B"]
styles = ["-", (0, (4, 3))]
T0 = 0.5
data = []
for name, (n, sc, sh, cure) in zip(groups, [(210, 9.0, 1.2, 0.25), (190, 3.0, 0.9, 0.1)]):
    t, e = simulate(rng, n, sc, sh, 4.0, 16.0, drop_rate=0.02, res=0.01, t_min=T0, cure=cure)
    e[t > 15.0] = 0
    t = np.minimum(t, 15.0)
    assert t.min() > T0
    data.append((name, t, e, km_corners(t, e, start=T0)))

fig = plt.figure(figsize=(7.0, 5.4))
ax = fig.add_axes([0.12, 0.13, 0.84, 0.78])
for (name, t, e, pts), c, ls in zip(data, cols, styles):
    ax.plot(pts[:, 0], pts[:, 1], color=c, lw=1.2, linestyle=ls)
    cens = np.unique(t[e == 0])
    ax.plot(cens, km_at(pts, cens), ls="none", marker="+", ms=6, mew=0.9, color=c)
ax.set_xscale("log")
lo, hi = np.log10(0.5), np.log10(15.0)
ext = 0.04 * (hi - lo)        # base R xaxs="r" extends 4% in log space
ax.set_xlim(10 ** (lo - ext), 10 ** (hi + ext))
ax.set_ylim(-0.04, 1.04)
ticks = [0.5, 1, 2, 5, 10, 15]
ax.xaxis.set_major_locator(FixedLocator(ticks))
ax.xaxis.set_major_formatter(FixedFormatter(["0.5", "1", "2", "5", "10", "15"]))
ax.xaxis.set_minor_locator(NullLocator())
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
ax.tick_params(direction="out", length=5, width=0.9)
ax.set_xlabel("Years since diagnosis (log scale)")
ax.set_ylabel("Overall survival")
ax.legend([plt.Line2D([0], [0], color=c, lw=1.2, linestyle=ls) for c, ls in zip(cols, styles)],
          groups, loc="upper right", frameon=True, fancybox=False, edgecolor="black",
          handlelength=3, fontsize=11).get_frame().set_linewidth(0.9)
fig.savefig("figure.png", dpi=150, facecolor="white")

write_truth(data, "survival", {
    "x_range": [0.5, 15], "y_range": [0, 1], "n_curves": 2, "x_unit": "years", "x_scale": "log",
    "style": "base-R plot.survfit look with log='x': boxed axes, black solid and red dashed curves, + censor "
             "marks, log-scaled x axis ticked 0.5,1,2,5,10,15; curves start at t=0.5",
    "groups": groups})
print("events", [int(d[2].sum()) for d in data], [round(d[3][-1, 1], 3) for d in data],
      [d[1].min() for d in data], [d[1].max() for d in data])
