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

# ---- figure: OriginLab look ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MultipleLocator
from matplotlib.lines import Line2D

rng = np.random.default_rng(2323202)
groups = ["Control", "Low dose", "High dose"]
colors = ["#000000", "#FF0000", "#0000FF"]   # Origin's default black / red / blue
data = [
    simulate(rng, 120, median=16.0, shape=1.2, fu_min=24, accrual=34, dropout_rate=0.008),
    simulate(rng, 115, median=27.0, shape=1.1, fu_min=24, accrual=34, dropout_rate=0.008),
    simulate(rng, 118, median=44.0, shape=1.0, cure=0.15, fu_min=24, accrual=34, dropout_rate=0.008),
]
corners = [km_corners(t, e) for t, e in data]

meta = {"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "months",
        "style": "OriginLab: thick black 4-sided frame, inward major+minor ticks on all sides, "
                 "labels left/bottom only, black/red/blue step lines, framed legend upper right, bold axis titles",
        "groups": groups}
write_truth(data, corners, meta)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 11})
fig, ax = plt.subplots(figsize=(6.0, 4.6), dpi=300)
fig.subplots_adjust(left=0.14, right=0.95, bottom=0.14, top=0.95)

for k, c in enumerate(corners):
    ax.plot(c[:, 0], c[:, 1], color=colors[k], lw=1.5, solid_joinstyle="miter", zorder=3)

ax.set_xlim(0, 60)
ax.set_ylim(0, 1.05)
ax.xaxis.set_major_locator(MultipleLocator(10))
ax.xaxis.set_minor_locator(MultipleLocator(5))
ax.set_yticks(np.round(np.arange(0, 1.01, 0.2), 1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.yaxis.set_minor_locator(MultipleLocator(0.1))
for s in ax.spines.values():
    s.set_linewidth(1.8); s.set_color("black")
ax.tick_params(which="both", direction="in", top=True, right=True,
               labeltop=False, labelright=False, width=1.5, labelsize=11, pad=5)
ax.tick_params(which="major", length=6)
ax.tick_params(which="minor", length=3.5)
ax.set_xlabel("Time (months)", fontweight="bold", fontsize=12.5)
ax.set_ylabel("Survival Probability", fontweight="bold", fontsize=12.5)

handles = [Line2D([], [], color=colors[k], lw=1.5) for k in range(3)]
leg = ax.legend(handles, groups, loc="upper right", frameon=True, fancybox=False,
                edgecolor="black", framealpha=1.0, fontsize=10.5, handlelength=2.6,
                borderpad=0.5, bbox_to_anchor=(0.975, 0.965))
leg.get_frame().set_linewidth(1.0)

fig.savefig("figure.png", dpi=300, metadata={"Software": None})
print("done", [len(c) for c in corners])
