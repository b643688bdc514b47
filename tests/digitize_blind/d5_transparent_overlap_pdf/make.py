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

# ---- figure: three semi-transparent thick curves overlapping early, coloured at-risk table, PDF ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

rng = np.random.default_rng(2323505)
groups = ["Arm A", "Arm B", "Arm C"]
colors = ["#1F77B4", "#E6550D", "#31A354"]
# identical early hazard for the first 8 months (curves overlap), then they separate
data = [
    simulate(rng, 210, median=40.0, shape=1.0, piece=(8.0, 30.0), fu_min=14, accrual=32, dropout_rate=0.01),
    simulate(rng, 205, median=20.0, shape=1.1, piece=(8.0, 30.0), fu_min=14, accrual=32, dropout_rate=0.01),
    simulate(rng, 200, median=12.0, shape=1.2, piece=(8.0, 30.0), fu_min=14, accrual=32, dropout_rate=0.01),
]
corners = [km_corners(t, e) for t, e in data]
risk_times = list(range(0, 49, 6))
risk = [(k + 1, x, at_risk(t, x)) for k, (t, e) in enumerate(data) for x in risk_times]

meta = {"kind": "survival", "x_range": [0, 48], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "months",
        "style": "three thick semi-transparent (alpha 0.6) step lines in blue/orange/green that overlap "
                 "for the first ~8 months, small vertical censor ticks, numbers-at-risk table coloured by group, vector PDF",
        "groups": groups}
write_truth(data, corners, meta, risk=risk)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 10, "pdf.fonttype": 42})
fig = plt.figure(figsize=(7.0, 5.6))
ax = fig.add_axes([0.15, 0.34, 0.81, 0.61])

for k, c in enumerate(corners):
    ax.plot(c[:, 0], c[:, 1], color=colors[k], lw=3.2, alpha=0.6, solid_joinstyle="miter",
            solid_capstyle="butt", zorder=3 + k)
    t, e = data[k]
    tc, yc = censor_points(t, e, c)
    ax.plot(tc, yc, ls="none", marker="|", ms=6, mew=1.0, color=colors[k], alpha=0.6, zorder=3 + k)

ax.set_xlim(-0.5, 49)
ax.set_ylim(0, 1.02)
ax.set_xticks(risk_times)
ax.set_yticks(np.round(np.arange(0, 1.01, 0.2), 1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.set_xlabel("Months from enrolment")
ax.set_ylabel("Progression-free survival")
handles = [Line2D([], [], color=colors[k], lw=3.2, alpha=0.6) for k in range(3)]
ax.legend(handles, groups, loc="upper right", frameon=False)

tab = fig.add_axes([0.15, 0.03, 0.81, 0.17], sharex=ax)
tab.set_axis_off()
tab.set_ylim(0, 4)
tab.text(-0.155, 3.5, "No. at risk", transform=tab.get_yaxis_transform(), fontsize=10,
         fontweight="bold", ha="left", va="center")
for k in range(3):
    yy = 2.5 - 1.0 * k
    tab.text(-0.155, yy, groups[k], transform=tab.get_yaxis_transform(), fontsize=10,
             ha="left", va="center", color=colors[k], fontweight="bold")
    for x in risk_times:
        n = [r[2] for r in risk if r[0] == k + 1 and r[1] == x][0]
        tab.text(x, yy, str(n), fontsize=10, ha="center", va="center", color=colors[k])

fig.savefig("figure.pdf", metadata={"CreationDate": None})
print("done", [len(c) for c in corners], risk)
