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

# ---- figure: JMP survival platform look ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle, Polygon

rng = np.random.default_rng(2323101)
groups = ["Drug", "Placebo"]
colors = ["#2F5FA8", "#D1322E"]          # JMP-like blue and red
data = [
    simulate(rng, 142, median=30.0, shape=1.1, fu_min=10, accrual=25, dropout_rate=0.01),
    simulate(rng, 138, median=17.0, shape=1.0, fu_min=10, accrual=25, dropout_rate=0.01),
]
corners = [km_corners(t, e) for t, e in data]

meta = {"kind": "survival", "x_range": [0, 36], "y_range": [0, 1], "n_curves": 2,
        "x_unit": "months",
        "style": "JMP Survival platform: 'Survival Plot' outline header, light grey frame, "
                 "blue/red step curves with small '+' censor marks, legend to the right of the plot",
        "groups": groups}
write_truth(data, corners, meta)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 8.5})
fig = plt.figure(figsize=(6.4, 4.2), dpi=150)
fig.patch.set_facecolor("white")
ax = fig.add_axes([0.11, 0.13, 0.62, 0.72])

# JMP outline-box header ("Survival Plot" with a disclosure triangle)
fig.patches.append(Rectangle((0.01, 0.91), 0.98, 0.075, transform=fig.transFigure,
                             facecolor="#E9EDF3", edgecolor="#B8C0CC", lw=0.6))
fig.patches.append(Polygon([[0.022, 0.965], [0.040, 0.965], [0.031, 0.935]], closed=True,
                           transform=fig.transFigure, facecolor="#5A6370", edgecolor="none"))
fig.text(0.05, 0.948, "Survival Plot", fontsize=9.5, fontweight="bold", va="center", color="#1A1A1A")

for k, (c, (t, e)) in enumerate(zip(corners, data)):
    ax.plot(c[:, 0], c[:, 1], color=colors[k], lw=1.1, solid_joinstyle="miter", zorder=3)
    tc, yc = censor_points(t, e, c)
    ax.plot(tc, yc, ls="none", marker="+", ms=4.0, mew=0.8, color=colors[k], zorder=4)

ax.set_xlim(-0.6, 37.0)
ax.set_ylim(-0.02, 1.03)
ax.set_xticks(range(0, 37, 6))
ax.set_yticks(np.round(np.arange(0, 1.01, 0.1), 1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.1)])
for s in ax.spines.values():
    s.set_color("#A8A8A8"); s.set_linewidth(0.7)
ax.tick_params(colors="#404040", length=3, width=0.6, labelsize=8, direction="out")
for lab in ax.get_xticklabels() + ax.get_yticklabels():
    lab.set_color("#1A1A1A")
ax.set_xlabel("Months", fontsize=9)
ax.set_ylabel("Surviving", fontsize=9)

# legend to the right of the frame, outside the plot (JMP style: title + colour lines)
lx, ly = 0.765, 0.80
fig.text(lx, ly, "Treatment", fontsize=8.5, va="center")
for k, g in enumerate(groups):
    yy = ly - 0.06 * (k + 1)
    fig.add_artist(plt.Line2D([lx, lx + 0.045], [yy, yy], transform=fig.transFigure,
                              color=colors[k], lw=1.3))
    fig.text(lx + 0.055, yy, g, fontsize=8.5, va="center")

fig.savefig("figure.png", dpi=150, metadata={"Software": None})
print("done", [len(c) for c in corners])
