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
from matplotlib.lines import Line2D

rng = np.random.default_rng(2704)
groups = ["treatment=Combination", "treatment=Standard"]
d1 = simulate(rng, 124, 520.0, 1.3, 1080.0, 420.0, dt=1.0, drop=0.0006)
d2 = simulate(rng, 118, 300.0, 1.25, 1080.0, 420.0, dt=1.0, drop=0.0006)
data = [d1, d2]
risk_times = [0, 250, 500, 750, 1000]
write_truth(groups, data, {"kind": "survival", "x_range": [0, 1000], "y_range": [0, 1],
            "x_unit": "days",
            "style": "survminer ggsurvplot: legend on top with '+' keys, p-value in plot, risk table 'number at risk (cumulative censored)' coloured by strata"},
            risk_times=risk_times)
p = logrank_p(data)

plt.rcParams["font.family"] = "Liberation Sans"
cols = ["#E7B800", "#2E9FDF"]
fig = plt.figure(figsize=(8.0, 6.4), dpi=200)
ax = fig.add_axes([0.29, 0.40, 0.68, 0.50])
tab = fig.add_axes([0.29, 0.08, 0.68, 0.17])
for k, (t, e) in enumerate(data):
    c = km_corners(t, e)
    ax.plot(c[:, 0], c[:, 1], color=cols[k], lw=1.3, solid_joinstyle="miter", zorder=3, clip_on=False)
    ct = np.unique(t[e == 0])
    ax.plot(ct, surv_at(c, ct), ls="none", marker="+", ms=8, mew=1.2, color=cols[k], zorder=3, clip_on=False)
for a in (ax, tab):
    a.set_xlim(-85, 1130)
    a.set_xticks(risk_times)
    a.spines["top"].set_visible(False); a.spines["right"].set_visible(False)
    a.spines["left"].set_linewidth(0.8); a.spines["bottom"].set_linewidth(0.8)
    a.tick_params(labelsize=11.5, width=0.8, length=4)
ax.set_ylim(-0.05, 1.05)
ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"])
ax.set_xlabel("Time in days", fontsize=13)
ax.set_ylabel("Survival probability", fontsize=13)
pt = "p < 0.0001" if p < 1e-4 else f"p = {p:.2g}"
ax.text(20, 0.12, pt, fontsize=13)
h = [Line2D([], [], color=cols[k], lw=1.3, marker="+", ms=8, mew=1.2) for k in range(2)]
fig.legend(h, groups, loc="center", bbox_to_anchor=(0.63, 0.955), ncol=2, frameon=False, fontsize=11.5,
           title="Strata", title_fontsize=11.5, alignment="left", handlelength=2.0)
leg = fig.legends[0]
leg._legend_box.align = "left"

tab.set_ylim(-0.5, 1.5)
tab.set_yticks([1, 0])
tab.set_yticklabels(groups, fontsize=11.5)
for k, lab in enumerate(tab.get_yticklabels()):
    lab.set_color(cols[k])
    lab.set_fontweight("bold")
tab.tick_params(axis="y", length=0)
tab.set_xlabel("Time in days", fontsize=13)
tab.set_ylabel("Strata", fontsize=13)
tab.yaxis.label.set_visible(False)
fig.text(0.02, 0.285, "Number at risk (number censored)", fontsize=12.5, ha="left", va="center")
for k, (t, e) in enumerate(data):
    for x in risk_times:
        tab.text(x, 1 - k, f"{n_at_risk(t, x)} ({n_censored_by(t, e, x)})", ha="center", va="center",
                 fontsize=11.5, color=cols[k])
fig.savefig("figure.png", dpi=200, facecolor="white")
