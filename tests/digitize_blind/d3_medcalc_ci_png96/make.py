# ---- shared helpers (identical in every make.py of this set) ----
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, median, shape=1.0, cure=0.0, fu_min=12.0, accrual=24.0,
             dropout_rate=0.0, dt=0.1, piece=None):
    """Weibull event times (scale set from the median), optional cure fraction,
    administrative censoring fu_min + U(0, accrual), optional exponential dropout.
    piece=(t0, median_early): use the early median's hazard before t0 (delayed separation)."""
    lam = median / (np.log(2) ** (1.0 / shape))
    u = rng.random(n)
    if piece is None:
        t_ev = lam * (-np.log(u)) ** (1.0 / shape)
    else:
        t0, med_early = piece
        h_early = np.log(2) / med_early          # exponential early hazard
        H = -np.log(u)
        t_ev = np.where(H < h_early * t0, H / h_early,
                        t0 + lam * np.maximum(H - h_early * t0, 0.0) ** (1.0 / shape))
    if cure > 0:
        t_ev[rng.random(n) < cure] = np.inf
    admin = fu_min + rng.random(n) * accrual
    drop = rng.exponential(1.0 / dropout_rate, n) if dropout_rate > 0 else np.full(n, np.inf)
    c = np.minimum(admin, drop)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.maximum(np.round(t / dt) * dt, dt)
    return np.round(t, 6), e


def km_corners(t, e):
    """Step corners: (0,1); at each event time the corner before and after the drop;
    the last follow-up time at the final level."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    pts = [(0.0, 1.0)]
    S = 1.0
    ev_times = np.unique(t[e == 1])
    for u in ev_times:
        d = int(((t == u) & (e == 1)).sum())
        nr = int((t >= u).sum())
        S_new = S * (1.0 - d / nr)
        pts.append((float(u), S))
        pts.append((float(u), S_new))
        S = S_new
    tmax = float(t.max())
    if len(ev_times) == 0 or tmax > ev_times[-1]:
        pts.append((tmax, S))
    return np.array(pts)


def surv_at(corners, x):
    """Right-continuous KM value at x from the corner list."""
    xs, ys = corners[:, 0], corners[:, 1]
    idx = np.searchsorted(xs, x, side="right") - 1
    return ys[np.clip(idx, 0, len(ys) - 1)]


def greenwood_loglog(t, e, z=1.959964):
    """Exponential Greenwood (log-log) 95% limits as step corners (lower, upper)."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    S, V = 1.0, 0.0
    lo_pts, hi_pts = [(0.0, 1.0)], [(0.0, 1.0)]
    lo_prev = hi_prev = 1.0
    ev_times = np.unique(t[e == 1])
    for u in ev_times:
        d = int(((t == u) & (e == 1)).sum()); nr = int((t >= u).sum())
        S *= (1 - d / nr)
        if nr > d:
            V += d / (nr * (nr - d))
        if S > 0 and S < 1 and V > 0:
            se = np.sqrt(V) / abs(np.log(S))
            lo = S ** np.exp(z * se); hi = S ** np.exp(-z * se)
        else:
            lo = hi = S
        lo_pts += [(u, lo_prev), (u, lo)]; hi_pts += [(u, hi_prev), (u, hi)]
        lo_prev, hi_prev = lo, hi
    tmax = float(t.max())
    if tmax > ev_times[-1]:
        lo_pts.append((tmax, lo_prev)); hi_pts.append((tmax, hi_prev))
    return np.array(lo_pts), np.array(hi_pts)


def at_risk(t, x):
    return int((np.asarray(t) >= x - 1e-9).sum())


def write_truth(data, corners, meta, risk=None, incidence=False):
    """data: list of (t, e) per curve (1..N); corners: list of arrays."""
    rows = []
    for k, (t, e) in enumerate(data, 1):
        for ti, ei in zip(t, e):
            rows.append((k, round(float(ti), 4), int(ei)))
    pd.DataFrame(rows, columns=["curve", "time", "event"]).to_csv("truth/ipd.csv", index=False)
    rows = []
    for k, c in enumerate(corners, 1):
        for x, y in c:
            v = 1.0 - y if incidence else y
            rows.append((k, round(float(x), 4), round(float(v), 6)))
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if risk is not None:
        pd.DataFrame(risk, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)


def censor_points(t, e, corners):
    tc = np.asarray(t)[np.asarray(e) == 0]
    tc = np.unique(tc)
    return tc, surv_at(corners, tc)
# ---- end shared helpers ----

# ---- figure: MedCalc look, 95% CI dotted, at-risk table, percent axis ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2323303)
groups = ["Group A", "Group B"]
colors = ["#0033CC", "#CC0000"]
data = [
    simulate(rng, 96, median=38.0, shape=1.15, fu_min=18, accrual=40, dropout_rate=0.006),
    simulate(rng, 104, median=22.0, shape=1.0, fu_min=18, accrual=40, dropout_rate=0.006),
]
corners = [km_corners(t, e) for t, e in data]
cis = [greenwood_loglog(t, e) for t, e in data]

risk_times = list(range(0, 61, 10))
risk = [(k + 1, x, at_risk(t, x)) for k, (t, e) in enumerate(data) for x in risk_times]

meta = {"kind": "survival", "x_range": [0, 60], "y_range": [0, 100], "n_curves": 2,
        "x_unit": "months",
        "style": "MedCalc: blue/red KM steps with same-colour dotted 95% CI limits, small vertical "
                 "censor ticks, percent y axis 'Survival probability (%)', numbers-at-risk table below",
        "groups": groups}
write_truth(data, corners, meta, risk=risk)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9})
fig = plt.figure(figsize=(6.8, 5.6), dpi=96)
ax = fig.add_axes([0.20, 0.33, 0.76, 0.62])

for k, (c, (lo, hi), (t, e)) in enumerate(zip(corners, cis, data)):
    ax.plot(lo[:, 0], 100 * lo[:, 1], color=colors[k], lw=0.8, ls=(0, (1, 2)), zorder=2)
    ax.plot(hi[:, 0], 100 * hi[:, 1], color=colors[k], lw=0.8, ls=(0, (1, 2)), zorder=2)
    ax.plot(c[:, 0], 100 * c[:, 1], color=colors[k], lw=1.4, solid_joinstyle="miter", zorder=3)
    tc, yc = censor_points(t, e, c)
    ax.plot(tc, 100 * yc, ls="none", marker="|", ms=5, mew=0.9, color=colors[k], zorder=4)

ax.set_xlim(0, 62)
ax.set_ylim(0, 102)
ax.set_xticks(risk_times)
ax.set_yticks(range(0, 101, 20))
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
for s in ("left", "bottom"):
    ax.spines[s].set_linewidth(0.9)
ax.spines["left"].set_bounds(0, 100)
ax.spines["bottom"].set_bounds(0, 60)
ax.tick_params(direction="out", length=4, width=0.8, labelsize=9)
ax.set_xlabel("Time (months)", fontsize=10)
ax.set_ylabel("Survival probability (%)", fontsize=10)

handles = [Line2D([], [], color=colors[k], lw=1.4) for k in range(2)]
leg = ax.legend(handles, groups, title="Group", loc="lower left", frameon=True, fancybox=False,
                edgecolor="#808080", fontsize=9, title_fontsize=9, bbox_to_anchor=(0.02, 0.03))
leg.get_frame().set_linewidth(0.6)

# numbers-at-risk table: MedCalc prints it under the axis, aligned with the x ticks
tab = fig.add_axes([0.20, 0.03, 0.76, 0.17], sharex=ax)
tab.set_axis_off()
tab.set_ylim(0, 3)
tab.text(-0.255, 2.55, "Number at risk", transform=tab.get_yaxis_transform(), fontsize=9,
         fontweight="bold", ha="left", va="center")
for k in range(2):
    yy = 1.6 - 1.05 * k
    tab.text(-0.255, yy, groups[k], transform=tab.get_yaxis_transform(), fontsize=9,
             ha="left", va="center", color="black")
    for x in risk_times:
        n = [r[2] for r in risk if r[0] == k + 1 and r[1] == x][0]
        tab.text(x, yy, str(n), fontsize=9, ha="center", va="center")

fig.savefig("figure.png", dpi=96, metadata={"Software": None})
print("done", [len(c) for c in corners], risk)
