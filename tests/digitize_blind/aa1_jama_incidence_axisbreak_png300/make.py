# ---- shared helpers (identical in every make.py of set 26) ----
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)


def simulate(rng, n, scale, shape, admin_end, accrual, loss_rate, cure=0.0, dec=1):
    """Weibull event times, uniform accrual -> administrative censoring, plus random loss."""
    t_ev = scale * rng.weibull(shape, n)
    if cure > 0:
        cured = rng.random(n) < cure
        t_ev[cured] = np.inf
    fu = admin_end - rng.uniform(0, accrual, n)          # potential follow-up
    loss = rng.exponential(1.0 / loss_rate, n) if loss_rate > 0 else np.full(n, np.inf)
    c = np.minimum(fu, loss)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.round(t, dec)
    t[t <= 0] = 10.0 ** (-dec)
    return t, e


def km(t, e):
    """Return event times, survival after each event time."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    ut = np.unique(t[e == 1])
    s = 1.0; times = []; surv = []
    for u in ut:
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= (1.0 - d / n)
        times.append(u); surv.append(s)
    return np.array(times), np.array(surv)


def km_at(t, e, x):
    """Right-continuous S(x)."""
    et, es = km(t, e)
    idx = np.searchsorted(et, x, side="right") - 1
    return np.where(idx >= 0, es[np.clip(idx, 0, None)], 1.0)


def corners(t, e, incidence=False):
    et, es = km(t, e)
    pts = [(0.0, 1.0)]
    prev = 1.0
    for u, s in zip(et, es):
        pts.append((u, prev)); pts.append((u, s)); prev = s
    tmax = float(np.max(t))
    if tmax > pts[-1][0]:
        pts.append((tmax, prev))
    arr = np.array(pts)
    if incidence:
        arr[:, 1] = 1.0 - arr[:, 1]
    return arr


def at_risk(t, x):
    return [int(np.sum(np.asarray(t) >= xx)) for xx in x]


def write_truth(ipd, incidence, meta, risk_times=None):
    """ipd: list of (t, e) per curve in curve order. Returns list of corner arrays."""
    rows = []
    for k, (t, e) in enumerate(ipd, 1):
        for tt, ee in zip(t, e):
            rows.append((k, float(tt), int(ee)))
    pd.DataFrame(rows, columns=["curve", "time", "event"]).to_csv(
        os.path.join(TRUTH, "ipd.csv"), index=False, float_format="%.4f")
    cs = []; rows = []
    for k, (t, e) in enumerate(ipd, 1):
        c = corners(t, e, incidence); cs.append(c)
        for x, y in c:
            rows.append((k, x, y))
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(TRUTH, "curves.csv"), index=False, float_format="%.10g")
    if risk_times is not None:
        rows = []
        for k, (t, e) in enumerate(ipd, 1):
            for x, n in zip(risk_times, at_risk(t, risk_times)):
                rows.append((k, float(x), n))
        pd.DataFrame(rows, columns=["curve", "time", "n_at_risk"]).to_csv(
            os.path.join(TRUTH, "at_risk.csv"), index=False, float_format="%g")
    with open(os.path.join(TRUTH, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    return cs


def censor_points(t, e, incidence=False):
    tc = np.unique(np.asarray(t)[np.asarray(e) == 0])
    v = km_at(t, e, tc)
    return tc, (1.0 - v if incidence else v)
# ---- end shared helpers ----

# ---- figure: JAMA-style cumulative incidence, axis break, at-risk table, PNG 300 dpi ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2601)
t1, e1 = simulate(rng, 212, scale=105.0, shape=1.15, admin_end=36, accrual=14, loss_rate=0.006)
t2, e2 = simulate(rng, 208, scale=78.0, shape=1.10, admin_end=36, accrual=14, loss_rate=0.006)
# curve order = legend order (standard first)
ipd = [(t2, e2), (t1, e1)]
groups = ["Standard treatment", "Intensive treatment"]
xt = np.arange(0, 37, 6)
meta = {"kind": "incidence", "x_range": [0, 36], "y_range": [0, 40], "n_curves": 2,
        "x_unit": "months",
        "style": "JAMA: Arial-like sans, blue/orange rising cumulative-incidence steps, percent y axis 0-40 with // break mark near its foot, No. at risk table below",
        "groups": groups}
cs = write_truth(ipd, True, meta, risk_times=xt)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9,
                     "axes.linewidth": 0.8, "xtick.major.width": 0.8, "ytick.major.width": 0.8})
cols = ["#E07B22", "#1F5EA8"]
fig = plt.figure(figsize=(7.0, 5.0))
ax = fig.add_axes([0.20, 0.36, 0.74, 0.58])
for c, col in zip(cs, cols):
    ax.plot(c[:, 0], c[:, 1] * 100, color=col, lw=1.6, solid_joinstyle="miter", drawstyle="default")
ax.set_xlim(0, 36.6); ax.set_ylim(0, 40)
ax.set_xticks(xt); ax.set_yticks([0, 10, 20, 30, 40])
ax.spines[["top", "right"]].set_visible(False)
ax.spines["left"].set_bounds(0, 40); ax.spines["bottom"].set_bounds(0, 36)
ax.tick_params(direction="out", length=3.5)
ax.set_xlabel("Time since randomization, mo", fontsize=9.5)
ax.set_ylabel("Cumulative incidence, %", fontsize=9.5)
# axis-break mark on the y axis line near its foot
yb = 4.0
tr = ax.get_yaxis_transform()
gh = 0.6   # half-gap in data units (percent)
ax.plot([0, 0], [yb - gh, yb + gh], transform=tr, color="white", lw=3.0, clip_on=False, zorder=5)
for dy in (-gh, gh):
    ax.plot([-0.012, 0.012], [yb + dy - 0.45, yb + dy + 0.45], transform=tr,
            color="black", lw=0.8, clip_on=False, zorder=6)
# direct labels (JAMA often labels curves on the plot) plus small legend
handles = [Line2D([0], [0], color=col, lw=1.6) for col in cols]
ax.legend(handles, groups, loc="upper left", frameon=False, fontsize=9, handlelength=2.2,
          bbox_to_anchor=(0.02, 1.0))
# hazard ratio text, typical for JAMA
ax.text(0.03, 0.72, "Hazard ratio, 0.62 (95% CI, 0.45-0.86)\nLog-rank P = .004",
        transform=ax.transAxes, fontsize=8.5, va="top")
# numbers at risk
tab = fig.add_axes([0.20, 0.06, 0.74, 0.16])
tab.set_xlim(ax.get_xlim()); tab.set_ylim(0, 3)
tab.axis("off")
tab.text(-0.235, 2.6, "No. at risk", transform=tab.get_yaxis_transform(), fontsize=9, fontweight="bold",
         ha="left", va="center")
for i, ((t, e), g, col) in enumerate(zip(ipd, groups, cols)):
    y = 1.7 - i * 0.9
    tab.text(-0.235, y, g, transform=tab.get_yaxis_transform(), color=col, ha="left", va="center", fontsize=8.5)
    for x, n in zip(xt, at_risk(t, xt)):
        tab.text(x, y, str(n), ha="center", va="center", fontsize=8.5)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=300, facecolor="white")
