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

# ---- figure: filled-area KM curve + plain step curve, SVG ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Patch
from matplotlib.lines import Line2D

rng = np.random.default_rng(2323404)
groups = ["Intervention", "Standard care"]
line_colors = ["#2A7F9E", "#C4501B"]     # teal (filled curve), burnt orange (plain line)
fill_color = "#CFE6EE"                     # pale tint of the teal, opaque
data = [
    simulate(rng, 150, median=6.5, shape=0.9, cure=0.10, fu_min=3.0, accrual=6.5, dropout_rate=0.03, dt=0.01),
    simulate(rng, 160, median=4.2, shape=1.05, fu_min=3.0, accrual=6.5, dropout_rate=0.03, dt=0.01),
]
corners = [km_corners(t, e) for t, e in data]

meta = {"kind": "survival", "x_range": [0, 10], "y_range": [0, 1], "n_curves": 2,
        "x_unit": "years",
        "style": "curve 1 a teal step line with the area under it filled in an opaque pale teal tint; "
                 "curve 2 a plain orange step line drawn over it; light horizontal grid, SVG with text as <text>",
        "groups": groups}
write_truth(data, corners, meta)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 10,
                     "svg.hashsalt": "blind_fig23_d4", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(6.5, 4.3))
fig.subplots_adjust(left=0.11, right=0.97, bottom=0.13, top=0.92)

c1 = corners[0]
ax.fill_between(c1[:, 0], 0, c1[:, 1], color=fill_color, lw=0, zorder=1)
ax.plot(c1[:, 0], c1[:, 1], color=line_colors[0], lw=1.6, solid_joinstyle="miter", zorder=3)
c2 = corners[1]
ax.plot(c2[:, 0], c2[:, 1], color=line_colors[1], lw=1.6, solid_joinstyle="miter", zorder=4)
for k, (t, e) in enumerate(data):
    tc, yc = censor_points(t, e, corners[k])
    ax.plot(tc, yc, ls="none", marker="|", ms=4.5, mew=0.9, color=line_colors[k], zorder=5)

ax.set_xlim(0, 10)
ax.set_ylim(0, 1.0)
ax.set_xticks(range(0, 11, 2))
ax.set_yticks(np.round(np.arange(0, 1.01, 0.25), 2))
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"])
ax.grid(axis="y", color="#E3E3E3", lw=0.7, zorder=0)
ax.set_axisbelow(True)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(length=3.5, labelsize=10)
ax.set_xlabel("Years since randomisation", fontsize=10.5)
ax.set_ylabel("Overall survival", fontsize=10.5)
ax.set_title("Overall survival by treatment arm", fontsize=11.5, loc="left")

handles = [(Patch(facecolor=fill_color, edgecolor="none"), Line2D([], [], color=line_colors[0], lw=1.6)),
           Line2D([], [], color=line_colors[1], lw=1.6)]
ax.legend(handles, groups, loc="upper right", frameon=False, fontsize=10)

fig.savefig("figure.svg", format="svg", metadata={"Date": None})
print("done", [len(c) for c in corners])
