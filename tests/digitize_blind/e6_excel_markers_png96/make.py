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

rng = np.random.default_rng(2406)
groups = ["Laparoscopic", "Open surgery"]
# whole-month follow-up (as tabulated by hand), so event times tie -> few points
d1 = simulate(rng, 72, scale=40.0, shape=1.1, cens_max=45.0, admin=36.0, ceil=True)
d2 = simulate(rng, 68, scale=22.0, shape=1.1, cens_max=45.0, admin=36.0, ceil=True)
data = [d1, d2]
write_truth(groups, data, {
    "kind": "survival", "x_range": [0, 40], "y_range": [0.0, 1.2], "x_unit": "months",
    "style": "Excel 2016 default chart: two series (#4472C4 blue, #ED7D31 orange) with circle markers at each KM table row joined by straight diagonal lines (not steps), Calibri, light horizontal gridlines, auto y axis 0-1.2, legend at bottom, PNG 96 dpi",
})

plt.rcParams.update({"font.family": "Carlito", "font.size": 9})
COLS = ["#4472C4", "#ED7D31"]
fig = plt.figure(figsize=(640 / 96, 400 / 96), dpi=96)
ax = fig.add_axes([0.10, 0.25, 0.87, 0.61])
for (t, e), c, g in zip(data, COLS, groups):
    times, surv, _, _ = km(t, e)
    # the clinician's table: (0, 1), one row per event time, last follow-up row
    x = np.concatenate([[0.0], times, [t.max()] if t.max() > times[-1] else []])
    y = np.concatenate([[1.0], surv, [surv[-1]] if t.max() > times[-1] else []])
    ax.plot(x, y, color=c, lw=2.25 * 96 / 72 * 0.75, marker="o", markersize=5,
            markerfacecolor=c, markeredgecolor=c, label=g, solid_joinstyle="round")
ax.set_xlim(0, 40); ax.set_ylim(0, 1.2)
ax.set_xticks(range(0, 41, 5)); ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2])
ax.set_yticklabels(["0", "0.2", "0.4", "0.6", "0.8", "1", "1.2"])
ax.yaxis.grid(True, color="#D9D9D9", lw=0.75); ax.set_axisbelow(True)
for s in ("top", "right", "left"):
    ax.spines[s].set_visible(False)
ax.spines["bottom"].set_color("#D9D9D9")
ax.tick_params(axis="both", length=0, labelcolor="#595959", labelsize=9, pad=4)
ax.set_xlabel("Months after surgery", fontsize=10, color="#595959")
ax.set_ylabel("Proportion surviving", fontsize=10, color="#595959")
fig.text(0.5, 0.93, "Survival by type of surgery", ha="center", va="center",
         fontsize=14, color="#595959")
leg = fig.legend(loc="lower center", ncol=2, frameon=False, fontsize=9,
                 bbox_to_anchor=(0.5, 0.01), handlelength=2.2)
for txt in leg.get_texts():
    txt.set_color("#595959")
fig.savefig("figure.png", dpi=96, facecolor="white")
