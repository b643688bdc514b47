# ---- shared helper (identical in every make.py of this set) ----
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, median, shape, follow_max, accrual, dt=0.1, drop=0.0):
    """Weibull event times, administrative censoring (staggered entry) and random drop-out."""
    lam = median / (np.log(2) ** (1.0 / shape))
    ev = lam * rng.weibull(shape, n)
    cens = follow_max - rng.uniform(0, accrual, n)
    if drop > 0:
        cens = np.minimum(cens, rng.exponential(1.0 / drop, n))
    t = np.minimum(ev, cens)
    e = (ev <= cens).astype(int)
    t = np.maximum(np.round(t / dt) * dt, dt)
    return np.round(t, 6), e


def km_corners(t, e):
    """Step corners: (0,1), corner before/after each drop, last follow-up at final level."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    pts = [(0.0, 1.0)]
    s = 1.0
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum()); d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), s))
        s = s * (1.0 - d / n)
        pts.append((float(u), s))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    return np.array(pts)


def surv_at(corners, x):
    """Right-continuous value of the step function at x."""
    idx = np.searchsorted(corners[:, 0], x, side="right") - 1
    return corners[idx, 1]


def n_at_risk(t, x):
    return int((np.asarray(t) >= x).sum())


def n_censored_by(t, e, x):
    t = np.asarray(t); e = np.asarray(e)
    return int(((t <= x) & (e == 0)).sum())


def write_truth(groups, data, meta, risk_times=None, incidence=False):
    rows_ipd, rows_c, rows_r = [], [], []
    for k, (t, e) in enumerate(data, start=1):
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        c = km_corners(t, e)
        for ti, vi in c:
            rows_c.append((k, round(float(ti), 6), round(float(1 - vi if incidence else vi), 8)))
        if risk_times is not None:
            for x in risk_times:
                rows_r.append((k, x, n_at_risk(t, x)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if risk_times is not None:
        pd.DataFrame(rows_r, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta); meta["groups"] = list(groups); meta["n_curves"] = len(groups)
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)


def logrank_p(data):
    from lifelines.statistics import multivariate_logrank_test
    t = np.concatenate([d[0] for d in data]); e = np.concatenate([d[1] for d in data])
    g = np.concatenate([[i] * len(d[0]) for i, d in enumerate(data)])
    return float(multivariate_logrank_test(t, g, e).p_value)
# ---- end helper ----

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.transforms import blended_transform_factory as blended

rng = np.random.default_rng(2703)
groups = ["Low risk", "Intermediate risk", "High risk"]
d1 = simulate(rng, 140, 40.0, 1.2, 39.0, 18.0, drop=0.005)
d2 = simulate(rng, 160, 16.0, 1.0, 39.0, 18.0, drop=0.005)
d3 = simulate(rng, 110, 5.5, 0.9, 39.0, 18.0, drop=0.005)
data = [d1, d2, d3]
risk_times = [0, 3, 6, 12, 24, 36]
write_truth(groups, data, {"kind": "survival", "x_range": [0, 36], "y_range": [0, 100],
            "x_unit": "months",
            "style": "SAS-like plot, x ticks at 0,3,6,12,24,36 on a linear scale (unevenly spaced labels), percent y axis, three curves with line styles, risk table at the same times"},
            risk_times=risk_times)

plt.rcParams["font.family"] = "Liberation Sans"
cols = ["#445694", "#A23A2E", "#01665E"]
lss = ["-", (0, (6, 3)), (0, (2, 2))]
fig = plt.figure(figsize=(7.0, 5.6), dpi=150)
ax = fig.add_axes([0.21, 0.34, 0.75, 0.57])
for k, (t, e) in enumerate(data):
    c = km_corners(t, e)
    ax.plot(c[:, 0], 100 * c[:, 1], color=cols[k], lw=1.5, ls=lss[k], solid_joinstyle="miter", label=groups[k])
    ct = np.unique(t[e == 0])
    ax.plot(ct, 100 * surv_at(c, ct), ls="none", marker="+", ms=6, mew=1.0, color=cols[k])
ax.set_xlim(0, 40); ax.set_ylim(0, 100)
ax.set_xticks(risk_times)
ax.set_yticks([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
ax.set_yticklabels([f"{v}%" for v in range(0, 101, 10)])
ax.tick_params(labelsize=9)
ax.set_xlabel("Time from registration (months)", fontsize=10)
ax.set_ylabel("Progression-free survival", fontsize=10)
ax.set_title("Progression-free survival by prognostic risk group", fontsize=11, fontweight="bold")
leg = ax.legend(loc="upper right", fontsize=9, frameon=True, edgecolor="#444444", fancybox=False,
                handlelength=3.2, title="Risk group", title_fontsize=9)
leg.get_frame().set_linewidth(0.7)
ax.text(1.0, 4, "Log-rank p<0.001", ha="left", fontsize=9)

tr = blended(ax.transData, fig.transFigure)
trl = fig.transFigure
fig.text(0.02, 0.215, "Number of subjects at risk", fontsize=9, fontweight="bold", ha="left")
for k, (t, e) in enumerate(data):
    y = 0.17 - k * 0.045
    fig.text(0.02, y, groups[k], fontsize=9, color=cols[k], ha="left", va="center")
    for x in risk_times:
        ax.text(x, y, str(n_at_risk(t, x)), transform=tr, fontsize=9, ha="center", va="center", color=cols[k])
fig.savefig("figure.png", dpi=150, facecolor="white")
