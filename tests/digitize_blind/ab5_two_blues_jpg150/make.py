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

rng = np.random.default_rng(2705)
groups = ["Arm A: 200 mg", "Arm B: 100 mg", "Arm C: observation"]
d1 = simulate(rng, 150, 30.0, 1.1, 62.0, 24.0, drop=0.004)
d2 = simulate(rng, 145, 24.0, 1.1, 62.0, 24.0, drop=0.004)
d3 = simulate(rng, 140, 17.0, 1.05, 62.0, 24.0, drop=0.004)
data = [d1, d2, d3]
write_truth(groups, data, {"kind": "survival", "x_range": [0, 60], "y_range": [0, 1],
            "x_unit": "months",
            "style": "three curves in close blues (navy, steel blue, light blue dashed), legend inside bottom left, JPEG quality 70"})

plt.rcParams["font.family"] = "Carlito"
cols = ["#000080", "#4682B4", "#87B9E0"]
lss = ["-", "-", (0, (5, 2.5))]
fig, ax = plt.subplots(figsize=(6.0, 4.4), dpi=150)
fig.subplots_adjust(left=0.12, right=0.96, bottom=0.13, top=0.93)
for k, (t, e) in enumerate(data):
    c = km_corners(t, e)
    ax.plot(c[:, 0], c[:, 1], color=cols[k], lw=1.6, ls=lss[k], solid_joinstyle="miter", label=groups[k])
    ct = np.unique(t[e == 0])
    ax.plot(ct, surv_at(c, ct), ls="none", marker="|", ms=5, mew=1.0, color=cols[k])
ax.set_xlim(0, 63); ax.set_ylim(0, 1.02)
ax.set_xticks(range(0, 61, 10))
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.tick_params(labelsize=11, direction="out")
ax.set_xlabel("Months", fontsize=12)
ax.set_ylabel("Event-free survival", fontsize=12)
ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
ax.legend(loc="lower left", fontsize=10.5, frameon=True, edgecolor="#BBBBBB", fancybox=False,
          handlelength=2.6, bbox_to_anchor=(0.02, 0.02))
fig.savefig("figure.jpg", dpi=150, facecolor="white", pil_kwargs={"quality": 70})
