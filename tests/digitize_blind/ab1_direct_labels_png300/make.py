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

rng = np.random.default_rng(2701)
groups = ["Nivolumab + chemotherapy", "Chemotherapy alone"]
d1 = simulate(rng, 180, 19.0, 1.15, 40.0, 16.0, drop=0.004)
d2 = simulate(rng, 175, 10.5, 1.1, 40.0, 16.0, drop=0.004)
data = [d1, d2]
write_truth(groups, data, {"kind": "survival", "x_range": [0, 36], "y_range": [0, 1],
            "x_unit": "months",
            "style": "ggplot minimal theme, light horizontal grid only, no legend, group names as direct labels at each line's right end"})

plt.rcParams["font.family"] = "Liberation Sans"
cols = ["#F8766D", "#00BFC4"]
fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=300)
fig.subplots_adjust(left=0.11, right=0.70, bottom=0.13, top=0.90)
for k, (t, e) in enumerate(data):
    c = km_corners(t, e)
    ax.plot(c[:, 0], c[:, 1], color=cols[k], lw=1.1, solid_joinstyle="miter", clip_on=False, zorder=3)
    ct = np.unique(t[e == 0])
    ax.plot(ct, surv_at(c, ct), ls="none", marker="+", ms=4.5, mew=0.8, color=cols[k], clip_on=False, zorder=3)
    ax.text(c[-1, 0] + 0.8, c[-1, 1], groups[k], color=cols[k], fontsize=9.5, va="center", ha="left", clip_on=False)
ax.set_xlim(0, 40.5)
ax.set_ylim(-0.02, 1.02)
ax.set_xticks([0, 6, 12, 18, 24, 30, 36])
ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"])
ax.yaxis.grid(True, color="#EBEBEB", lw=0.8)
ax.yaxis.grid(True, which="minor", color="#F4F4F4", lw=0.5)
ax.set_yticks([0.125, 0.375, 0.625, 0.875], minor=True)
ax.xaxis.grid(False)
ax.set_axisbelow(True)
for s in ax.spines.values():
    s.set_visible(False)
ax.tick_params(length=0, labelsize=9, labelcolor="#4D4D4D", pad=4)
ax.tick_params(which="minor", length=0)
ax.set_xlabel("Months since randomisation", fontsize=10.5, color="#1A1A1A")
ax.set_ylabel("Overall survival probability", fontsize=10.5, color="#1A1A1A")
fig.text(0.11, 0.955, "Overall survival", fontsize=12, color="#1A1A1A", ha="left", va="center")
fig.savefig("figure.png", dpi=300, facecolor="white")
