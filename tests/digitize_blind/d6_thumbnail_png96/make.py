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

# ---- figure: small web thumbnail, 360 x 260 px at 96 dpi ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

rng = np.random.default_rng(2323606)
groups = ["Combination", "Monotherapy"]
colors = ["#D62728", "#1F4E9E"]
data = [
    simulate(rng, 130, median=19.0, shape=1.2, fu_min=8, accrual=15, dropout_rate=0.015),
    simulate(rng, 125, median=11.0, shape=1.1, fu_min=8, accrual=15, dropout_rate=0.015),
]
corners = [km_corners(t, e) for t, e in data]

meta = {"kind": "survival", "x_range": [0, 24], "y_range": [0, 100], "n_curves": 2,
        "x_unit": "months",
        "style": "web thumbnail 360x260 px at 96 dpi, anti-aliased, ~7 px text, 1 px red/blue step lines, "
                 "tiny '|' censor marks, percent y axis, light grid, legend at lower left",
        "groups": groups}
write_truth(data, corners, meta)

PX = 72.0 / 96.0          # one pixel in points at 96 dpi
plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 7 * PX,
                     "axes.linewidth": PX, "lines.antialiased": True})
fig = plt.figure(figsize=(360 / 96, 260 / 96), dpi=96)
ax = fig.add_axes([0.115, 0.14, 0.86, 0.78])

lines = []
for k, c in enumerate(corners):
    ln, = ax.plot(c[:, 0], 100 * c[:, 1], color=colors[k], lw=1 * PX, zorder=3)
    lines.append(ln)
    t, e = data[k]
    tc, yc = censor_points(t, e, c)
    ax.plot(tc, 100 * yc, ls="none", marker="|", ms=3 * PX, mew=PX, color=colors[k], zorder=4)

ax.set_xlim(0, 24.5)
ax.set_ylim(0, 103)
ax.set_xticks(range(0, 25, 3))
ax.set_yticks(range(0, 101, 25))
ax.grid(color="#E6E6E6", lw=PX, zorder=0)
ax.set_axisbelow(True)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(length=2 * PX, width=PX, pad=1.5, labelsize=7 * PX)
ax.set_xlabel("Months", fontsize=7 * PX, labelpad=1)
ax.set_ylabel("Overall survival (%)", fontsize=7 * PX, labelpad=1)
ax.set_title("Overall survival", fontsize=8 * PX, fontweight="bold", loc="left", pad=3)
ax.legend(lines, groups, loc="lower left", frameon=False, fontsize=7 * PX, handlelength=1.6,
          borderaxespad=0.3, labelspacing=0.3)

fig.savefig("figure.png", dpi=96, metadata={"Software": None})
from PIL import Image
Image.open("figure.png").convert("RGB").save("figure.png", optimize=False)   # plain RGB like a web thumbnail
print("done", [len(c) for c in corners])
