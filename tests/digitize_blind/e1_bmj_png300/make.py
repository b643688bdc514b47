# ---- shared helpers (copied verbatim into every make.py of set 24) ----
import os, json
import numpy as np
import pandas as pd

os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, cens_max, admin, decimals=2, ceil=False):
    """Weibull event times, uniform drop-out, administrative censoring at `admin`."""
    t_ev = scale * rng.weibull(shape, n)
    t_c = np.minimum(rng.uniform(0.15 * admin, cens_max, n), admin)
    t = np.minimum(t_ev, t_c)
    e = (t_ev <= t_c).astype(int)
    if ceil:
        t = np.ceil(t)
    else:
        t = np.round(t, decimals)
    t = np.maximum(t, 10.0 ** (-decimals) if not ceil else 1.0)
    t = np.minimum(t, admin)
    return t, e


def km(t, e):
    """Kaplan-Meier: returns event times, survival after each, and corner list."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    times = np.unique(t[e == 1])
    s = 1.0; surv = []
    for u in times:
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1.0 - d / n
        surv.append(s)
    surv = np.array(surv)
    cx = [0.0]; cy = [1.0]; prev = 1.0
    for u, v in zip(times, surv):
        cx += [u, u]; cy += [prev, v]; prev = v
    tmax = t.max()
    if len(times) == 0 or tmax > times[-1]:
        cx.append(tmax); cy.append(prev)
    return times, surv, np.array(cx), np.array(cy)


def surv_at(times, surv, x):
    """Right-continuous KM value at x."""
    i = np.searchsorted(times, x, side="right")
    return 1.0 if i == 0 else surv[i - 1]


def n_at_risk(t, x):
    return int(np.sum(np.asarray(t) >= x))


def write_truth(groups, data, meta, at_risk_times=None, incidence=False):
    """groups: legend names in order; data: list of (t, e) per curve."""
    ipd, cur, ar = [], [], []
    for k, (t, e) in enumerate(data, start=1):
        for ti, ei in zip(t, e):
            ipd.append((k, float(ti), int(ei)))
        _, _, cx, cy = km(t, e)
        for x, y in zip(cx, cy):
            cur.append((k, float(x), float(1.0 - y if incidence else y)))
        if at_risk_times is not None:
            for x in at_risk_times:
                ar.append((k, x, n_at_risk(t, x)))
    pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(cur, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False, float_format="%.6f")
    if at_risk_times is not None:
        pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta); meta["groups"] = list(groups); meta["n_curves"] = len(groups)
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
# ---- end shared helpers ----

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.transforms import blended_transform_factory

rng = np.random.default_rng(2401)
groups = ["Zoledronic acid", "Placebo"]
# survival stays high: fracture-free proportion ~ 85% vs 70% at 4 years
d1 = simulate(rng, 212, scale=260.0, shape=0.95, cens_max=70.0, admin=48.0)
d2 = simulate(rng, 205, scale=120.0, shape=0.95, cens_max=70.0, admin=48.0)
data = [d1, d2]
ar_times = [0, 12, 24, 36, 48]
write_truth(groups, data, {
    "kind": "survival", "x_range": [0, 48], "y_range": [0, 100], "x_unit": "months",
    "style": "BMJ house style: teal and grey steps, no top/right spines, horizontal grid only, percent y axis, bold-labelled numbers-at-risk table, PNG 300 dpi",
}, at_risk_times=ar_times)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9})
TEAL, GREY = "#00808A", "#8C8C8C"
cols = [TEAL, GREY]
fig = plt.figure(figsize=(6.8, 5.2), dpi=300)
ax = fig.add_axes([0.24, 0.34, 0.72, 0.6])
for (t, e), c, g in zip(data, cols, groups):
    _, _, cx, cy = km(t, e)
    ax.plot(cx, 100 * cy, color=c, lw=1.6, label=g, solid_joinstyle="miter")
ax.set_xlim(0, 49); ax.set_ylim(0, 100)
ax.set_xticks(ar_times); ax.set_yticks(range(0, 101, 20))
ax.yaxis.grid(True, color="#D0D0D0", lw=0.6); ax.set_axisbelow(True)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
for s in ("left", "bottom"):
    ax.spines[s].set_color("#4D4D4D"); ax.spines[s].set_linewidth(0.8)
ax.tick_params(colors="#333333", length=3, width=0.8)
ax.set_xlabel("Months since randomisation")
ax.set_ylabel("Patients free of new fracture (%)")
leg = ax.legend(loc="lower left", frameon=False, handlelength=2.2)
# numbers at risk table
tr = blended_transform_factory(ax.transData, fig.transFigure)
fig.text(0.02, 0.205, "No at risk", fontweight="bold", fontsize=9)
ys = [0.16, 0.115]
for (t, e), g, y, c in zip(data, groups, ys, cols):
    fig.text(0.02, y, g, fontweight="bold", fontsize=9, color=c, va="center")
    for x in ar_times:
        fig.text(x, y, str(n_at_risk(t, x)), transform=tr, ha="center", va="center", fontsize=9)
fig.savefig("figure.png", dpi=300, facecolor="white")
