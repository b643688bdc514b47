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

# ---- figure: black-and-white vector PDF, three solid black curves told apart by marker shapes ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2605)
groups = ["Observation", "Radiotherapy", "Chemoradiotherapy"]
t1, e1 = simulate(rng, 138, scale=30.0, shape=1.05, admin_end=60, accrual=26, loss_rate=0.008)
t2, e2 = simulate(rng, 131, scale=44.0, shape=1.15, admin_end=60, accrual=26, loss_rate=0.008)
t3, e3 = simulate(rng, 126, scale=70.0, shape=0.95, admin_end=60, accrual=26, loss_rate=0.008)
ipd = [(t1, e1), (t2, e2), (t3, e3)]
meta = {"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "months",
        "style": "black-and-white vector PDF, serif text, three solid black step curves distinguished only by markers every 6 months (open circle, filled square, open triangle), boxed legend with the shapes",
        "groups": groups}
cs = write_truth(ipd, False, meta)

plt.rcParams.update({"font.family": "Liberation Serif", "font.size": 11, "pdf.fonttype": 42,
                     "axes.linewidth": 0.8, "xtick.direction": "in", "ytick.direction": "in",
                     "xtick.top": False, "ytick.right": False})
mk = [dict(marker="o", mfc="white", mec="black", ms=5.5, mew=0.9),
      dict(marker="s", mfc="black", mec="black", ms=4.8, mew=0.9),
      dict(marker="^", mfc="white", mec="black", ms=6.2, mew=0.9)]
offs = [0.0, 2.0, 4.0]   # marker times: every 6 months, staggered per curve
fig = plt.figure(figsize=(5.6, 4.3))
ax = fig.add_axes([0.13, 0.13, 0.83, 0.82])
for (t, e), c, m, o in zip(ipd, cs, mk, offs):
    ax.plot(c[:, 0], c[:, 1], color="black", lw=0.9, solid_joinstyle="miter", zorder=2)
    mt = np.arange(6.0 + o, float(np.max(t)) + 1e-9, 6.0)
    ax.plot(mt, km_at(t, e, mt), ls="none", zorder=3, **m)
ax.set_xlim(0, 60); ax.set_ylim(0, 1.0)
ax.set_xticks(np.arange(0, 61, 12)); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.tick_params(length=4, width=0.8)
ax.set_xlabel("Months from randomisation")
ax.set_ylabel("Proportion surviving")
handles = [Line2D([0], [0], color="black", lw=0.9, **m) for m in mk]
leg = ax.legend(handles, groups, loc="upper right", frameon=True, fancybox=False, edgecolor="black",
                fontsize=10, handlelength=2.6)
leg.get_frame().set_linewidth(0.6)
fig.savefig(os.path.join(HERE, "figure.pdf"), format="pdf", metadata={"CreationDate": None})
