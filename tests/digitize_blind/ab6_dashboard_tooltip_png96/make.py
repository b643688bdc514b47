# ---- shared helper (identical in every make.py of this set) ----
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, median, shape, follow_max, accrual, dt=0.1, drop=0.0):
    """Weibull event times, administrative censoring (staggered entry) and random drop-out."""
    lam = median / (np.log(2) ** (1.0 / shape))
    ev = lam * rng.weibull(shape, n)
    cens = follow_max - rng.uniform(0, accrual, n)
    if drop > 0:
        cens = np.minimum(cens, rng.exponential(1.0 / drop, n))
    t = np.minimum(ev, cens)
    e = (ev <= cens).astype(int)
    t = np.maximum(np.round(t / dt) * dt, dt)
    return np.round(t, 6), e


def km_corners(t, e):
    """Step corners: (0,1), corner before/after each drop, last follow-up at final level."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    pts = [(0.0, 1.0)]
    s = 1.0
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum()); d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), s))
        s = s * (1.0 - d / n)
        pts.append((float(u), s))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    return np.array(pts)


def surv_at(corners, x):
    """Right-continuous value of the step function at x."""
    idx = np.searchsorted(corners[:, 0], x, side="right") - 1
    return corners[idx, 1]


def n_at_risk(t, x):
    return int((np.asarray(t) >= x).sum())


def n_censored_by(t, e, x):
    t = np.asarray(t); e = np.asarray(e)
    return int(((t <= x) & (e == 0)).sum())


def write_truth(groups, data, meta, risk_times=None, incidence=False):
    rows_ipd, rows_c, rows_r = [], [], []
    for k, (t, e) in enumerate(data, start=1):
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        c = km_corners(t, e)
        for ti, vi in c:
            rows_c.append((k, round(float(ti), 6), round(float(1 - vi if incidence else vi), 8)))
        if risk_times is not None:
            for x in risk_times:
                rows_r.append((k, x, n_at_risk(t, x)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if risk_times is not None:
        pd.DataFrame(rows_r, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta); meta["groups"] = list(groups); meta["n_curves"] = len(groups)
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)


def logrank_p(data):
    from lifelines.statistics import multivariate_logrank_test
    t = np.concatenate([d[0] for d in data]); e = np.concatenate([d[1] for d in data])
    g = np.concatenate([[i] * len(d[0]) for i, d in enumerate(data)])
    return float(multivariate_logrank_test(t, g, e).p_value)
# ---- end helper ----

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch, Rectangle, Circle

rng = np.random.default_rng(2706)
groups = ["Cohort A (targeted)", "Cohort B (standard)"]
d1 = simulate(rng, 230, 26.0, 1.2, 50.0, 22.0, drop=0.005)
d2 = simulate(rng, 240, 14.0, 1.15, 50.0, 22.0, drop=0.005)
data = [d1, d2]
write_truth(groups, data, {"kind": "survival", "x_range": [0, 40], "y_range": [0, 100],
            "x_unit": "months",
            "style": "web dashboard screenshot (Plotly-like card with title and filter chips), hover crosshair and tooltip overlapping the plot, 96 dpi"})

plt.rcParams["font.family"] = "Open Sans"
W, H = 10.5, 6.6
fig = plt.figure(figsize=(W, H), dpi=96)
fig.patch.set_facecolor("#F1F3F6")
px = lambda x, y: (x / (W * 96), 1 - y / (H * 96))  # pixel (from top-left) -> figure fraction

# top app bar
fig.add_artist(Rectangle((0, 1 - 44 / (H * 96)), 1, 44 / (H * 96), color="#1F2937", transform=fig.transFigure))
fig.text(*px(20, 22), "OncoInsights", color="white", fontsize=12, fontweight="bold", va="center")
for i, s in enumerate(["Overview", "Cohorts", "Survival", "Safety", "Exports"]):
    fig.text(*px(170 + i * 92, 22), s, color="#E5E7EB" if s != "Survival" else "#60A5FA", fontsize=9.5, va="center")
fig.text(*px(W * 96 - 20, 22), "j.doe@site.org", color="#9CA3AF", fontsize=9, va="center", ha="right")

# card
cx0, cy0, cw, ch = 24, 64, W * 96 - 48, H * 96 - 88
fig.add_artist(FancyBboxPatch(px(cx0 + 2, cy0 + ch + 3), cw / (W * 96), ch / (H * 96),
               boxstyle="round,pad=0,rounding_size=0.01", transform=fig.transFigure, fc="#D9DDE3", ec="none"))
fig.add_artist(FancyBboxPatch(px(cx0, cy0 + ch), cw / (W * 96), ch / (H * 96),
               boxstyle="round,pad=0,rounding_size=0.01", transform=fig.transFigure, fc="white", ec="#E2E5EA"))
fig.text(*px(cx0 + 20, cy0 + 26), "Overall survival by cohort", fontsize=13.5, fontweight="bold", color="#111827", va="center")
fig.text(*px(cx0 + 20, cy0 + 48), "Kaplan-Meier estimate  ·  data as of last refresh  ·  n = %d" % (len(d1[0]) + len(d2[0])),
         fontsize=8.5, color="#6B7280", va="center")
chips = ["Indication: NSCLC  ×", "Line: 1L  ×", "Stage: IIIB–IV  ×", "ECOG: 0–1  ×", "+ Add filter"]
x = cx0 + 20
for s in chips:
    wpx = 7.0 * len(s) + 18
    fc, ec, tc = ("#EEF2FF", "#C7D2FE", "#3730A3") if not s.startswith("+") else ("white", "#D1D5DB", "#6B7280")
    fig.add_artist(FancyBboxPatch(px(x, cy0 + 88), wpx / (W * 96), 24 / (H * 96),
                   boxstyle="round,pad=0,rounding_size=0.018", transform=fig.transFigure, fc=fc, ec=ec, lw=0.8))
    fig.text(*px(x + wpx / 2, cy0 + 76), s, fontsize=8.5, color=tc, ha="center", va="center")
    x += wpx + 10
fig.text(*px(cx0 + cw - 20, cy0 + 26), "•••", fontsize=9, color="#6B7280", ha="right", va="center")

# plot area (plotly-like)
ax_l, ax_t, ax_w, ax_h = cx0 + 70, cy0 + 130, cw - 270, ch - 195
ax = fig.add_axes([ax_l / (W * 96), 1 - (ax_t + ax_h) / (H * 96), ax_w / (W * 96), ax_h / (H * 96)])
ax.set_zorder(5)
ax.set_facecolor("#E5ECF6")
cols = ["#636EFA", "#EF553B"]
for k, (t, e) in enumerate(data):
    c = km_corners(t, e)
    ax.plot(c[:, 0], 100 * c[:, 1], color=cols[k], lw=2.0, solid_joinstyle="miter", label=groups[k], zorder=3)
ax.set_xlim(-1, 51); ax.set_ylim(-3, 103)
ax.set_xticks([0, 10, 20, 30, 40]); ax.set_yticks([0, 20, 40, 60, 80, 100])
ax.grid(True, color="white", lw=1.0); ax.set_axisbelow(True)
for s in ax.spines.values():
    s.set_visible(False)
ax.tick_params(length=0, labelsize=9, labelcolor="#2A3F5F", pad=6)
ax.set_xlabel("Months since index date", fontsize=10, color="#2A3F5F")
ax.set_ylabel("Survival probability (%)", fontsize=10, color="#2A3F5F")
# legend at right of the plot, plotly style
lx = ax_l + ax_w + 18
fig.text(*px(lx, ax_t + 8), "Cohort", fontsize=9.5, color="#2A3F5F", va="center")
for k in range(2):
    yy = ax_t + 32 + 22 * k
    fig.add_artist(plt.Line2D([px(lx, 0)[0], px(lx + 26, 0)[0]], [px(0, yy)[1]] * 2, color=cols[k], lw=2.0))
    fig.text(*px(lx + 32, yy), groups[k], fontsize=9, color="#2A3F5F", va="center")

# hover crosshair + tooltip
T = 17.35
vals = [100 * surv_at(km_corners(*d), T) for d in data]
ax.axvline(T, color="#8C8C8C", lw=0.9, zorder=4)
for k in range(2):
    ax.plot([T], [vals[k]], marker="o", ms=6, mfc=cols[k], mec="white", mew=1.2, zorder=5)
tx, ty = T + 1.2, vals[0] + 7
tip = FancyBboxPatch((tx, ty - 24), 14.5, 24, boxstyle="round,pad=0,rounding_size=0.6",
                     fc="white", ec="#444444", lw=0.8, zorder=6, alpha=0.96)
ax.add_patch(tip)
ax.text(tx + 0.8, ty - 4.5, f"Month {T:g}", fontsize=8.5, fontweight="bold", color="#222222", va="center", zorder=7)
for k in range(2):
    yy = ty - 11.5 - 7 * k
    ax.plot([tx + 1.3], [yy], marker="s", ms=6, color=cols[k], zorder=7)
    ax.text(tx + 2.3, yy, f"{groups[k].split(' (')[0]}: {vals[k]:.1f}%", fontsize=8.5, color="#222222", va="center", zorder=7)

fig.text(*px(cx0 + 20, cy0 + ch - 16), "Hover over the curves to see estimates. Shaded bands hidden.", fontsize=8,
         color="#9CA3AF", va="center")
fig.savefig("figure.png", dpi=96, facecolor=fig.get_facecolor())
