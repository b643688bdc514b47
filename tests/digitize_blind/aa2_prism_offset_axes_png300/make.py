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

# ---- figure: GraphPad Prism look, offset axes, thick lines, | censor ticks, PNG 300 dpi ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2602)
groups = ["Vehicle", "Compound 7b"]
t1, e1 = simulate(rng, 78, scale=48.0, shape=1.6, admin_end=100, accrual=35, loss_rate=0.004, dec=0)
t2, e2 = simulate(rng, 74, scale=95.0, shape=1.4, admin_end=100, accrual=35, loss_rate=0.004, dec=0)
ipd = [(t1, e1), (t2, e2)]
meta = {"kind": "survival", "x_range": [0, 100], "y_range": [0, 100], "n_curves": 2,
        "x_unit": "days",
        "style": "GraphPad Prism: bold Arial-like text, thick black/red steps, x and y axis lines offset from the plot (not meeting), outward ticks, short vertical censor bars, Percent survival 0-100",
        "groups": groups}
cs = write_truth(ipd, False, meta)

plt.rcParams.update({"font.family": "Liberation Sans", "font.weight": "bold", "font.size": 13,
                     "axes.labelweight": "bold", "axes.linewidth": 2.0,
                     "xtick.major.width": 2.0, "ytick.major.width": 2.0,
                     "xtick.major.size": 7, "ytick.major.size": 7,
                     "xtick.direction": "out", "ytick.direction": "out"})
cols = ["#000000", "#E8101C"]
fig = plt.figure(figsize=(6.4, 4.6))
ax = fig.add_axes([0.15, 0.17, 0.52, 0.70])
for (t, e), c, col in zip(ipd, cs, cols):
    ax.plot(c[:, 0], c[:, 1] * 100, color=col, lw=3.0, solid_joinstyle="miter", solid_capstyle="butt", clip_on=False)
    tc, vc = censor_points(t, e)
    ax.plot(tc, vc * 100, ls="none", marker="|", ms=11, mew=2.4, color=col, clip_on=False)
ax.set_xlim(0, 100); ax.set_ylim(0, 100)
ax.set_xticks(np.arange(0, 101, 20)); ax.set_yticks([0, 25, 50, 75, 100])
ax.spines[["top", "right"]].set_visible(False)
ax.spines["left"].set_position(("outward", 12))
ax.spines["bottom"].set_position(("outward", 12))
ax.set_xlabel("Days elapsed")
ax.set_ylabel("Percent survival")
ax.set_title("Survival proportions: Survival of Study 3", fontsize=14, fontweight="bold", pad=14)
handles = [Line2D([0], [0], color=col, lw=3.0) for col in cols]
ax.legend(handles, groups, loc="center left", bbox_to_anchor=(1.04, 0.55), frameon=False,
          handlelength=1.6, fontsize=13)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=300, facecolor="white")
