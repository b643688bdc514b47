"""q1: NEJM house-style cumulative-incidence figure with zoomed inset and at-risk table."""
# ---------------------------------------------------------------- shared KM core
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, admin_lo, admin_hi, drop_rate=0.0,
             res=0.01, t_min=None, cure=0.0):
    """Weibull event times, uniform administrative censoring, exponential drop-out.
    Times rounded to `res` (x-axis units). If t_min is given, every time is > t_min."""
    u = rng.random(n)
    t_ev = scale * (-np.log(u)) ** (1.0 / shape)
    if cure > 0:
        t_ev[rng.random(n) < cure] = np.inf
    if t_min is not None:
        t_ev = t_min + t_ev
    c = rng.uniform(admin_lo, admin_hi, n)
    if drop_rate > 0:
        d = rng.exponential(1.0 / drop_rate, n)
        if t_min is not None:
            d = t_min + d
        c = np.minimum(c, d)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.round(np.round(t / res) * res, 6)
    lo = res if t_min is None else np.round(t_min + res, 6)
    t = np.maximum(t, lo)
    return t, e


def km_corners(t, e, start=0.0):
    """Step corners of the KM estimate: (start,1), before/after each drop, last follow-up."""
    S = 1.0
    pts = [(start, 1.0)]
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), S))
        S *= 1.0 - d / n
        pts.append((float(u), S))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, S))
    return np.array(pts)


def km_at(pts, x):
    """Right-continuous value of the step function at x."""
    x = np.atleast_1d(x)
    out = []
    for xi in x:
        idx = np.where(pts[:, 0] <= xi + 1e-12)[0]
        out.append(pts[idx[-1], 1] if len(idx) else 1.0)   # before the first corner: 1
    return np.array(out)


def n_at_risk(t, x):
    return int((t >= x - 1e-12).sum())


def check_lifelines(t, e, pts):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(t, e)
    sf = kmf.survival_function_.iloc[:, 0]
    for tt, s in sf.items():
        mine = km_at(pts, tt)[0]
        assert abs(mine - s) < 1e-9, (tt, mine, s)
    return True


def write_truth(data, kind, meta, at_risk=None):
    """data: list of (name, t, e, pts) in curve order 1..N; pts are survival corners."""
    rows_ipd, rows_c = [], []
    for k, (name, t, e, pts) in enumerate(data, start=1):
        check_lifelines(t, e, pts)
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        for x, s in pts:
            v = s if kind == "survival" else 1.0 - s
            rows_c.append((k, round(float(x), 6), round(float(v), 10)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).sort_values(
        ["curve", "time"], kind="mergesort").to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if at_risk is not None:
        pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta)
    meta["kind"] = kind
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ---------------------------------------------------------------- figure-specific
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 8.5,
                     "axes.linewidth": 0.8, "xtick.major.width": 0.8,
                     "ytick.major.width": 0.8})

rng = np.random.default_rng(25001)
groups = ["Placebo", "Intervention"]
cols = ["#E0542E", "#1F4E8C"]   # NEJM orange-red, NEJM dark blue
# placebo ~17% at 36 mo, intervention ~10%
t1, e1 = simulate(rng, 250, 150.0, 1.05, 22.0, 36.0, drop_rate=0.006, res=0.1)
t2, e2 = simulate(rng, 248, 280.0, 1.0, 22.0, 36.0, drop_rate=0.006, res=0.1)
data = [(groups[0], t1, e1, km_corners(t1, e1)), (groups[1], t2, e2, km_corners(t2, e2))]

ticks = np.arange(0, 37, 6)
at_risk = []
for k, (_, t, _, _) in enumerate(data, 1):
    for x in ticks:
        at_risk.append((k, int(x), n_at_risk(t, x)))

fig = plt.figure(figsize=(6.4, 5.6))
ax = fig.add_axes([0.19, 0.30, 0.76, 0.62])
for (name, t, e, pts), c in zip(data, cols):
    ax.plot(pts[:, 0], 100 * (1 - pts[:, 1]), color=c, lw=1.6, solid_joinstyle="miter")
ax.set_xlim(0, 36)
ax.set_ylim(0, 100)
ax.set_xticks(ticks)
ax.set_yticks(np.arange(0, 101, 10))
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(direction="out", length=3.5)
ax.set_xlabel("Months since Randomization", fontsize=9.5)
ax.set_ylabel("Patients with an Event (%)", fontsize=9.5)
ax.text(1.0, 36, "Hazard ratio, 0.58\n(95% CI, 0.37\u20130.91)\nP=0.02", fontsize=8.5,
        va="top", ha="left")

# inset: same x range, y 0-20 %
ins = fig.add_axes([0.50, 0.55, 0.44, 0.34])
for (name, t, e, pts), c in zip(data, cols):
    ins.plot(pts[:, 0], 100 * (1 - pts[:, 1]), color=c, lw=1.4, solid_joinstyle="miter")
ins.set_xlim(0, 36)
ins.set_ylim(0, 20)
ins.set_xticks(ticks)
ins.set_yticks(np.arange(0, 21, 5))
for s in ("top", "right"):
    ins.spines[s].set_visible(False)
ins.tick_params(direction="out", length=3, labelsize=7.5)
ins.patch.set_facecolor("white")
# direct curve labels (NEJM style, no legend box)
for (name, t, e, pts), c, dy in zip(data, cols, (2.6, -2.4)):
    ylab = 100 * (1 - km_at(pts, 26.0)[0])
    ins.text(26.0, ylab + dy, name, color=c, fontsize=8, ha="left", va="center", fontweight="bold")

# numbers at risk
fig.text(0.02, 0.175, "No. at Risk", fontsize=8.5, fontweight="bold", ha="left")
for k, ((name, t, e, pts), c) in enumerate(zip(data, cols)):
    y = 0.14 - 0.035 * k
    fig.text(0.02, y, name, fontsize=8.5, color=c, ha="left", va="center")
    for x in ticks:
        xf = ax.transData.transform((x, 0))
        xf = fig.transFigure.inverted().transform(xf)[0]
        fig.text(xf, y, str(n_at_risk(t, x)), fontsize=8.5, ha="center", va="center")

fig.savefig("figure.png", dpi=300, facecolor="white")

write_truth(data, "incidence", {
    "x_range": [0, 36], "y_range": [0, 100], "n_curves": 2, "x_unit": "months",
    "style": "NEJM house style: cumulative incidence (%) 0-100 main panel, orange-red and dark blue "
             "curves, zoomed inset (0-20%) upper right, direct curve labels, No. at Risk table below",
    "groups": groups}, at_risk)
print("events:", e1.sum(), e2.sum(), "final incidence:", 1 - data[0][3][-1, 1], 1 - data[1][3][-1, 1])
