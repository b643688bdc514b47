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
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

rng = np.random.default_rng(2405)
groups = ["Control", "Treatment"]
# LEFT panel (Female) -> truth
fem = [simulate(rng, 130, scale=16.0, shape=1.2, cens_max=30.0, admin=24.0),
       simulate(rng, 125, scale=30.0, shape=1.2, cens_max=30.0, admin=24.0)]
# RIGHT panel (Male) -> drawn only, not part of the truth
male = [simulate(rng, 140, scale=11.0, shape=1.1, cens_max=30.0, admin=24.0),
        simulate(rng, 135, scale=19.0, shape=1.1, cens_max=30.0, admin=24.0)]
write_truth(groups, fem, {
    "kind": "survival", "x_range": [0, 24], "y_range": [0.0, 1.0], "x_unit": "months",
    "panel": "left",
    "style": "ggplot2 theme_grey facet_wrap(~sex) two panels (Female | Male), hue colours #F8766D/#00BFC4, '+' censor marks, shared legend at bottom; truth is the LEFT (Female) panel only",
})

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 11})
PT = 72.27 / 72.0
COLS = ["#F8766D", "#00BFC4"]
fig = plt.figure(figsize=(9.0, 4.6), dpi=200)
panels = [fig.add_axes([0.085, 0.25, 0.445, 0.62]), fig.add_axes([0.538, 0.25, 0.445, 0.62])]
for ax, dat, lab in zip(panels, [fem, male], ["Female", "Male"]):
    ax.set_facecolor("#EBEBEB")
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xlim(-1.2, 25.2); ax.set_ylim(-0.05, 1.05)
    ax.set_xticks([0, 6, 12, 18, 24]); ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xticks([3, 9, 15, 21], minor=True); ax.set_yticks([0.125, 0.375, 0.625, 0.875], minor=True)
    ax.grid(True, which="major", color="white", lw=1.07)
    ax.grid(True, which="minor", color="white", lw=0.53)
    ax.set_axisbelow(True)
    ax.tick_params(which="major", length=2.75, width=1.07 * 0.5, color="#333333",
                   labelcolor="#4D4D4D", labelsize=8.8)
    ax.tick_params(which="minor", length=0)
    for (t, e), c in zip(dat, COLS):
        times, surv, cx, cy = km(t, e)
        ax.plot(cx, cy, color=c, lw=1.42)
        ct = t[e == 0]
        ax.plot(ct, [surv_at(times, surv, x) for x in ct], linestyle="none", marker="+",
                color=c, markersize=5, markeredgewidth=1.0)
    # strip on top
    ax.add_patch(Rectangle((0, 1.0), 1, 0.075, transform=ax.transAxes, facecolor="#D9D9D9",
                           edgecolor="none", clip_on=False))
    ax.text(0.5, 1.0375, lab, transform=ax.transAxes, ha="center", va="center",
            fontsize=8.8, color="#1A1A1A")
panels[0].set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"])
panels[0].set_ylabel("Survival probability", fontsize=11)
panels[1].tick_params(axis="y", labelleft=False, length=0)
# one shared legend at the bottom (ggplot: title then keys on grey squares)
handles = [Line2D([], [], color=c, lw=1.42, marker="+", markersize=5, markeredgewidth=1.0)
           for c in COLS]
fig.text(0.534, 0.165, "Time (months)", ha="center", va="center", fontsize=11)
leg = fig.legend(handles, groups, loc="lower center", ncol=2, frameon=False,
                 bbox_to_anchor=(0.56, 0.0), handlelength=1.6, fontsize=8.8, columnspacing=1.5)
# ggplot puts the legend title to the left of the keys
fig.text(0.405, 0.045, "Arm", ha="left", va="center", fontsize=11)
fig.savefig("figure.png", dpi=200, facecolor="white")
