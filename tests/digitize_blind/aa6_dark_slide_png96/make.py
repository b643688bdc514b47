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

# ---- figure: conference slide screenshot, dark navy, light curves/text, at-risk under axis, PNG 96 dpi ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2606)
groups = ["Drug X + SOC", "Placebo + SOC"]
t1, e1 = simulate(rng, 186, scale=34.0, shape=1.25, admin_end=36, accrual=18, loss_rate=0.01)
t2, e2 = simulate(rng, 179, scale=22.0, shape=1.25, admin_end=36, accrual=18, loss_rate=0.01)
ipd = [(t1, e1), (t2, e2)]
xt = np.arange(0, 37, 6)
meta = {"kind": "survival", "x_range": [0, 36], "y_range": [0, 100], "n_curves": 2,
        "x_unit": "months",
        "style": "conference slide screenshot 1280x720 at 96 dpi: dark navy background, slide title, yellow and cyan survival steps with | censor ticks, white axes and text, percent y axis, light-text numbers at risk under the axis, key-results box at right",
        "groups": groups}
cs = write_truth(ipd, False, meta, risk_times=xt)

BG = "#0B1D42"; FG = "#F2F4F8"; MUTED = "#AEB9D0"
plt.rcParams.update({"font.family": "Carlito", "font.size": 15, "text.color": FG,
                     "axes.edgecolor": FG, "axes.labelcolor": FG, "xtick.color": FG, "ytick.color": FG,
                     "axes.facecolor": BG, "figure.facecolor": BG, "axes.linewidth": 1.2})
cols = ["#FFD447", "#3FD6EA"]
fig = plt.figure(figsize=(1280 / 96, 720 / 96), dpi=96)
# slide chrome
fig.text(0.045, 0.915, "Overall Survival – Intention-to-Treat Population", fontsize=30, fontweight="bold",
         color=FG, ha="left", va="center")
fig.add_artist(Line2D([0.045, 0.955], [0.855, 0.855], color="#F2B705", lw=3, transform=fig.transFigure))
fig.text(0.045, 0.03, "Data cut-off: 15 March 2024.  SOC, standard of care.", fontsize=11, color=MUTED)
fig.text(0.955, 0.03, "12", fontsize=11, color=MUTED, ha="right")
ax = fig.add_axes([0.135, 0.33, 0.55, 0.48])
for (t, e), c, col in zip(ipd, cs, cols):
    ax.plot(c[:, 0], c[:, 1] * 100, color=col, lw=2.4, solid_joinstyle="miter", clip_on=False)
    tc, vc = censor_points(t, e)
    ax.plot(tc, vc * 100, ls="none", marker="|", ms=8, mew=1.4, color=col, clip_on=False)
ax.set_xlim(0, 36); ax.set_ylim(0, 100)
ax.set_xticks(xt); ax.set_yticks(np.arange(0, 101, 20))
ax.spines[["top", "right"]].set_visible(False)
ax.tick_params(direction="out", length=5, width=1.2, labelsize=15)
ax.set_xlabel("Months since randomisation", fontsize=16)
ax.set_ylabel("Overall survival (%)", fontsize=16)
handles = [Line2D([0], [0], color=col, lw=2.8) for col in cols]
ax.legend(handles, groups, loc="lower left", frameon=False, fontsize=15, labelcolor=FG)
# numbers at risk under the axis
ax.text(-0.2, -0.30, "No. at risk", transform=ax.transAxes, fontsize=14, fontweight="bold", color=FG,
        ha="left", va="center")
for i, ((t, e), g, col) in enumerate(zip(ipd, groups, cols)):
    y = -0.39 - i * 0.085
    ax.text(-0.2, y, g, transform=ax.transAxes, fontsize=14, color=col, ha="left", va="center")
    for x, n in zip(xt, at_risk(t, xt)):
        ax.text(x, y, str(n), transform=ax.get_xaxis_transform(), fontsize=14, color=FG,
                ha="center", va="center")
# key results box
fig.text(0.735, 0.76, "Key results", fontsize=20, fontweight="bold", color="#F2B705", va="top")
def median(t, e):
    et, es = km(t, e)
    return et[np.argmax(es <= 0.5)] if np.any(es <= 0.5) else float("nan")
m1, m2 = median(t1, e1), median(t2, e2)
fig.text(0.735, 0.69, f"Median OS\n  Drug X: {m1:.1f} mo\n  Placebo: {m2:.1f} mo\n\nHR 0.64 (95% CI 0.50–0.82)\nP < 0.001",
         fontsize=16, color=FG, va="top", linespacing=1.45)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=96, facecolor=BG)
