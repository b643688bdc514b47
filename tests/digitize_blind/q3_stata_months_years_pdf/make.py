"""q3: Stata sts graph (s2color) look, three curves, years axis, risk table, vector PDF."""
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
from matplotlib.patches import Rectangle
from matplotlib.lines import Line2D

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9,
                     "pdf.fonttype": 42, "axes.linewidth": 0.6})

rng = np.random.default_rng(25003)
groups = ["stage = I", "stage = II", "stage = III"]
cols = ["#1A476F", "#90353B", "#55752F"]     # Stata navy, maroon, forest_green
specs = [(150, 110.0, 1.1), (124, 55.0, 1.0), (96, 24.0, 0.95)]   # n, Weibull scale (months), shape
data = []
for name, (n, sc, sh) in zip(groups, specs):
    tm, e = simulate(rng, n, sc, sh, 30.0, 62.0, drop_rate=0.004, res=0.1)   # months
    e = np.where(tm > 60.0, 0, e)          # administrative end of study at 60 months
    tm = np.minimum(tm, 60.0)
    t = np.round(tm / 12.0, 6)                                                 # years
    data.append((name, t, e, km_corners(t, e)))

xt = np.arange(0, 6)
BG = "#EAF2F3"      # s2color ltbluishgray graph region
GRID = "#DCE6EA"

fig = plt.figure(figsize=(5.5, 4.6), facecolor=BG)
ax = fig.add_axes([0.22, 0.43, 0.74, 0.46], facecolor="white")
for (name, t, e, pts), c in zip(data, cols):
    ax.plot(pts[:, 0], pts[:, 1], color=c, lw=0.9)
ax.set_xlim(0, 5.0)
ax.set_ylim(0, 1.0)
ax.margins(0)
ax.set_xticks(xt)
ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"], rotation=90, va="center")
ax.yaxis.grid(True, color=GRID, lw=0.7)
ax.set_axisbelow(True)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
for s in ("left", "bottom"):
    ax.spines[s].set_color("black")
ax.tick_params(length=3, width=0.6, labelsize=8.5)
ax.set_xlim(-0.0, 5.0)
fig.text(0.59, 0.955, "Kaplan-Meier survival estimates", ha="center", va="center", fontsize=11.5)

# risk table (Stata puts it between the axis and the x title)
fig.text(0.02, 0.335, "Number at risk", fontsize=8.5, ha="left", va="center")
at_risk = []
for k, (name, t, e, pts) in enumerate(data, 1):
    y = 0.335 - 0.035 * k
    fig.text(0.02, y, name, fontsize=8.5, ha="left", va="center")
    for x in xt:
        n = n_at_risk(t, x)
        at_risk.append((k, int(x), n))
        xf = fig.transFigure.inverted().transform(ax.transData.transform((x, 0)))[0]
        fig.text(xf, y, str(n), fontsize=8.5, ha="center", va="center")
fig.text(0.59, 0.19, "analysis time (years)", ha="center", va="center", fontsize=9)

# legend: white box with border, below the plot
lax = fig.add_axes([0.10, 0.04, 0.86, 0.075], facecolor="white")
lax.set_xticks([]); lax.set_yticks([])
for s in lax.spines.values():
    s.set_color("black"); s.set_linewidth(0.6)
handles = [Line2D([0], [0], color=c, lw=0.9) for c in cols]
lax.legend(handles, groups, loc="center", ncol=3, frameon=False, fontsize=8.5,
           handlelength=3.2, columnspacing=2.0)

fig.savefig("figure.pdf", facecolor=BG, metadata={"CreationDate": None})

write_truth(data, "survival", {
    "x_range": [0, 5], "y_range": [0, 1], "n_curves": 3, "x_unit": "years",
    "style": "Stata sts graph s2color: light blue-grey graph region, white plot region, horizontal grid, "
             "navy/maroon/forest-green lines, vertical y labels, risk table under the axis, legend box below",
    "groups": groups}, at_risk)
print([int(d[2].sum()) for d in data], [round(d[3][-1, 1], 3) for d in data])
