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
from lifelines import KaplanMeierFitter

rng = np.random.default_rng(2403)
groups = ["Anticoagulation", "No anticoagulation"]
d1 = simulate(rng, 180, scale=2600.0, shape=0.85, cens_max=900.0, admin=730.0, decimals=0)
d2 = simulate(rng, 170, scale=1300.0, shape=0.85, cens_max=900.0, admin=730.0, decimals=0)
data = [d1, d2]
write_truth(groups, data, {
    "kind": "incidence", "x_range": [0, 720], "y_range": [0.0, 0.5], "x_unit": "days",
    "style": "matplotlib defaults: plt.step(where='post') cumulative incidence (1-KM) in tab:blue/tab:orange with shaded 95% bands (alpha 0.25), x ticks every 90 days, SVG",
}, incidence=True)

plt.rcParams["svg.hashsalt"] = "blind-fig24-e3"
fig, ax = plt.subplots(figsize=(7.5, 4.8))
for (t, e), g, c in zip(data, groups, ["tab:blue", "tab:orange"]):
    times, surv, _, _ = km(t, e)
    x = np.concatenate([[0.0], times, [t.max()]])
    y = 1.0 - np.concatenate([[1.0], surv, [surv[-1]]])
    kmf = KaplanMeierFitter().fit(t, e)
    ci = kmf.confidence_interval_cumulative_density_
    lo = ci.iloc[:, 0].values; hi = ci.iloc[:, 1].values; ct = ci.index.values
    ax.fill_between(ct, lo, hi, step="post", color=c, alpha=0.25, linewidth=0)
    plt.step(x, y, where="post", color=c, label=g)
ax.set_xlim(0, 730); ax.set_ylim(0, 0.5)
ax.set_xticks(range(0, 721, 90))
ax.set_xlabel("Days since index admission")
ax.set_ylabel("Cumulative incidence of stroke")
ax.set_title("Cumulative incidence of stroke by treatment")
ax.legend(loc="upper left")
fig.tight_layout()
fig.savefig("figure.svg", metadata={"Date": None})
