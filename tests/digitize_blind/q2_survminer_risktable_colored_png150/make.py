"""q2: R survminer ggsurvplot look with + censor marks, p-value and coloured risk table."""
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
from matplotlib.lines import Line2D
from lifelines.statistics import logrank_test

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 11,
                     "axes.linewidth": 0.75})

rng = np.random.default_rng(25361)   # seed chosen so the log-rank p rounds to 0.012
groups = ["Control", "Treatment"]
cols = ["#F8766D", "#00BFC4"]         # ggplot2 default hues
t1, e1 = simulate(rng, 124, 700., 1.2, 600., 1100., drop_rate=0.0004, res=1)
t2, e2 = simulate(rng, 116, 1100., 1.2, 600., 1100., drop_rate=0.0004, res=1)
p = logrank_test(t1, t2, e1, e2).p_value
assert round(p, 3) == 0.012, p
data = [(groups[0], t1, e1, km_corners(t1, e1)), (groups[1], t2, e2, km_corners(t2, e2))]
xmax = float(max(t1.max(), t2.max()))
breaks = np.arange(0, 1001, 250)

W, H = 7.0, 6.2
fig = plt.figure(figsize=(W, H))
ax = fig.add_axes([0.17, 0.38, 0.79, 0.50])
pad = 0.045 * xmax   # ggplot default expansion
for (name, t, e, pts), c in zip(data, cols):
    ax.plot(pts[:, 0], pts[:, 1], color=c, lw=1.1)
    cens = np.unique(t[e == 0])
    ax.plot(cens, km_at(pts, cens), ls="none", marker="+", ms=7, mew=1.1, color=c)
ax.set_xlim(-pad, xmax + pad)
ax.set_ylim(-0.05, 1.05)
ax.set_xticks(breaks)
ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"])
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(colors="#4D4D4D", labelcolor="#4D4D4D", length=4, labelsize=11)
ax.tick_params(axis="both", colors="#333333")
ax.set_ylabel("Survival probability", fontsize=12)
ax.set_xlabel("Time", fontsize=12)
ax.text(0.035 * xmax, 0.13, "p = 0.012", fontsize=12, ha="left", va="center")

# legend on top, ggplot style: "Strata" title, key = line with +
handles = [Line2D([0], [0], color=c, lw=1.1, marker="+", ms=7, mew=1.1) for c in cols]
leg = fig.legend(handles, groups, loc="center left", ncol=2, frameon=False,
                 bbox_to_anchor=(0.40, 0.945), fontsize=11, handlelength=2.2, columnspacing=1.5)
fig.text(0.395, 0.945, "Strata", fontsize=11, ha="right", va="center")

# risk table
tab = fig.add_axes([0.17, 0.08, 0.79, 0.17])
tab.set_xlim(-pad, xmax + pad)
tab.set_ylim(0.4, 2.6)
at_risk = []
for k, ((name, t, e, pts), c) in enumerate(zip(data, cols), 1):
    y = 3 - k
    for x in breaks:
        n = n_at_risk(t, x)
        at_risk.append((k, int(x), n))
        tab.text(x, y, str(n), color=c, ha="center", va="center", fontsize=11)
tab.set_yticks([2, 1])
tab.set_yticklabels(groups, fontsize=11)
for lab, c in zip(tab.get_yticklabels(), cols):
    lab.set_color(c)
tab.set_xticks(breaks)
for s in ("top", "right"):
    tab.spines[s].set_visible(False)
tab.tick_params(axis="x", colors="#333333", labelsize=11, length=4)
tab.tick_params(axis="y", length=4, colors="#333333")
for lab, c in zip(tab.get_yticklabels(), cols):
    lab.set_color(c)
tab.set_xlabel("Time", fontsize=12)
tab.set_ylabel("Strata", fontsize=12)
fig.text(0.02, 0.285, "Number at risk", fontsize=12, ha="left", va="center")

fig.savefig("figure.png", dpi=150, facecolor="white")

write_truth(data, "survival", {
    "x_range": [0, 1000], "y_range": [0, 1], "n_curves": 2, "x_unit": "days",
    "style": "R survminer ggsurvplot: ggplot2 hues (#F8766D/#00BFC4), + censor marks, legend on top, "
             "'p = 0.012' in plot, risk table below with numbers and strata names coloured like the curves",
    "groups": groups}, at_risk)
print("p", p, "events", e1.sum(), e2.sum(), "xmax", xmax)
