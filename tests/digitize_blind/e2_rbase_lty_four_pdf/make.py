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

rng = np.random.default_rng(2402)
groups = ["Stage I", "Stage II", "Stage III", "Stage IV"]
params = [(150, 160.0, 1.1), (140, 75.0, 1.05), (120, 38.0, 1.0), (90, 16.0, 0.9)]
data = [simulate(rng, n, scale=s, shape=k, cens_max=75.0, admin=60.0, decimals=1)
        for n, s, k in params]
write_truth(groups, data, {
    "kind": "survival", "x_range": [0, 60], "y_range": [0.0, 1.0], "x_unit": "months",
    "style": "R base graphics plot.survfit: four black curves told apart by lty (solid, dashed, dotted, dot-dash), '+' censor marks, boxed legend bottom left, full box frame, vector PDF",
})

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 12, "pdf.fonttype": 42,
                     "lines.solid_capstyle": "butt", "lines.dash_capstyle": "butt"})
# R lty dash patterns in units of line width (lwd=1 -> 0.75 pt)
LTY = ["-", (0, (4, 4)), (0, (1, 3)), (0, (1, 3, 4, 3))]
fig = plt.figure(figsize=(7, 7))
# R default mar = c(5, 4, 4, 2) + 0.1 lines
ax = fig.add_axes([0.117, 0.146, 0.824, 0.737])
xmax = 60.0
for (t, e), ls, g in zip(data, LTY, groups):
    times, surv, cx, cy = km(t, e)
    ax.plot(cx, cy, color="black", lw=0.75 * 1.333, linestyle=ls, label=g)
    ct = t[e == 0]
    ax.plot(ct, [surv_at(times, surv, x) for x in ct], linestyle="none", marker="+",
            color="black", markersize=7, markeredgewidth=0.75)
# R: xaxs="r" / yaxs="r" add 4% at each end
ax.set_xlim(-0.04 * xmax, 1.04 * xmax); ax.set_ylim(-0.04, 1.04)
ax.set_xticks(range(0, 61, 10)); ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
ax.set_yticklabels(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], rotation=90, va="center")
ax.tick_params(direction="out", length=7, width=0.75, pad=6)
for s in ax.spines.values():
    s.set_linewidth(0.75)
ax.set_xlabel("Months from diagnosis", labelpad=10)
ax.set_ylabel("Survival probability", labelpad=10)
leg = ax.legend(loc="lower left", handlelength=3.2, fancybox=False, edgecolor="black",
                framealpha=1, borderaxespad=0.0, bbox_to_anchor=(0.005, 0.01))
leg.get_frame().set_linewidth(0.75)
fig.savefig("figure.pdf", metadata={"CreationDate": None, "Creator": None, "Producer": None})
