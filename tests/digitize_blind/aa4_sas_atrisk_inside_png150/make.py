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

# ---- figure: SAS ODS proc lifetest look, + censors, at-risk INSIDE the plot, legend below, PNG 150 dpi ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2604)
groups = ["ALL", "AML-Low Risk", "AML-High Risk"]
t1, e1 = simulate(rng, 96, scale=1900.0, shape=0.95, admin_end=2600, accrual=1500, loss_rate=0.0002, dec=0)
t2, e2 = simulate(rng, 112, scale=3400.0, shape=0.90, admin_end=2600, accrual=1500, loss_rate=0.0002, dec=0)
t3, e3 = simulate(rng, 84, scale=700.0, shape=0.85, admin_end=2600, accrual=1500, loss_rate=0.0002, dec=0)
ipd = [(t1, e1), (t2, e2), (t3, e3)]
xt = np.arange(0, 2501, 500)
meta = {"kind": "survival", "x_range": [0, 2500], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "days",
        "style": "SAS ODS HTMLBlue proc lifetest: boxed plot, bold title 'Product-Limit Survival Estimates', blue/red/teal steps with + censor marks, numbers at risk printed inside the plot area above the x axis (coloured rows), legend box below",
        "groups": groups}
cs = write_truth(ipd, False, meta, risk_times=xt)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9.5, "axes.linewidth": 0.9,
                     "xtick.direction": "out", "ytick.direction": "out",
                     "xtick.color": "#333333", "ytick.color": "#333333", "axes.edgecolor": "#333333"})
cols = ["#445694", "#A23A2E", "#01665E"]
fig = plt.figure(figsize=(640 / 96 * 1.0, 480 / 96 * 1.0))   # SAS default 640x480 px canvas
ax = fig.add_axes([0.115, 0.215, 0.85, 0.69])
rows_y = [-0.07, -0.14, -0.21]
ax.set_xlim(-60, 2620); ax.set_ylim(-0.25, 1.03)
for (t, e), c, col in zip(ipd, cs, cols):
    ax.plot(c[:, 0], c[:, 1], color=col, lw=1.1, solid_joinstyle="miter")
    tc, vc = censor_points(t, e)
    ax.plot(tc, vc, ls="none", marker="+", ms=6, mew=0.9, color=col)
for (t, e), col, y in zip(ipd, cols, rows_y):
    for x, n in zip(xt, at_risk(t, xt)):
        ax.text(x, y, str(n), color=col, ha="center", va="center", fontsize=8.5)
ax.set_xticks(xt); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.tick_params(length=4, width=0.8, labelsize=9)
ax.set_xlabel("Disease-free survival time (days)", fontsize=10)
ax.set_ylabel("Survival Probability", fontsize=10)
fig.text(0.5, 0.955, "Product-Limit Survival Estimates", ha="center", va="center", fontsize=11.5,
         fontweight="bold", color="#000000")
ax.text(0.975, 0.96, "Logrank p<.0001", transform=ax.transAxes, ha="right", va="top", fontsize=9,
        bbox=dict(boxstyle="square,pad=0.35", fc="white", ec="#A0A0A0", lw=0.6))
# SAS legend: "+ Censored" entry, then the strata
cen = Line2D([0], [0], ls="none", marker="+", ms=6, mew=0.9, color="black")
blank = Line2D([0], [0], ls="none")
lines = [Line2D([0], [0], color=col, lw=1.1) for col in cols]
leg = fig.legend([cen, blank] + lines, ["Censored", "Disease Group"] + groups, loc="lower center",
                 bbox_to_anchor=(0.54, 0.012), ncol=5, frameon=True, fontsize=8.8, handlelength=2.0,
                 columnspacing=1.2, handletextpad=0.5, fancybox=False, edgecolor="#A0A0A0")
leg.get_frame().set_linewidth(0.6)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=150, facecolor="white")
