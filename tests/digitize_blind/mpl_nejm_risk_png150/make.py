"""matplotlib by hand (ax.step), PNG at 150 dpi, NEJM-like: two colour curves that cross,
percent y axis, title, no censor marks, legend inside without frame, numbers-at-risk table
typed under the x axis. Usage: python make.py OUTDIR"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd

outdir = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(outdir, "truth"), exist_ok=True)
rng = np.random.default_rng(150150)


def gen_arm(n, h1, h2, cut, fu_min, fu_max, drop_rate):
    """piecewise-exponential event time (hazard h1 before `cut`, h2 after), staggered
    administrative censoring and random dropout; times rounded to 0.01 month."""
    E = rng.exponential(1.0, n)
    t_ev = np.where(E < cut * h1, E / h1, cut + (E - cut * h1) / h2)
    cens = np.minimum(rng.uniform(fu_min, fu_max, n), rng.exponential(1 / drop_rate, n))
    time = np.maximum(np.round(np.minimum(t_ev, cens), 2), 0.01)
    return time, (t_ev <= cens).astype(int)


def km_corners(time, event):
    time = np.asarray(time, float)
    event = np.asarray(event, int)
    rows = [(0.0, 1.0)]
    s = 1.0
    for u in np.unique(time[event == 1]):
        n = np.sum(time >= u)
        d = np.sum((time == u) & (event == 1))
        s *= 1.0 - d / n
        rows.append((float(u), s))
    if time.max() > rows[-1][0]:
        rows.append((float(time.max()), s))
    return rows


labels = ["Vertebroplasty", "Sham procedure"]
arms = [gen_arm(300, 0.022, 0.0035, 4.0, 24, 60, 1 / 150),
        gen_arm(320, 0.0065, 0.0065, 4.0, 24, 60, 1 / 150)]
colors = ["#BC3C29", "#0072B5"]
risk_times = np.arange(0, 61, 12)

fig = plt.figure(figsize=(7.0, 5.6), dpi=150)
ax = fig.add_axes([0.23, 0.34, 0.72, 0.55])
curve_rows, risk_rows, ipd_rows = [], [], []
for i, ((t, e), lab, col) in enumerate(zip(arms, labels, colors), start=1):
    corners = km_corners(t, e)
    xs = [c[0] for c in corners]
    ys = [100 * c[1] for c in corners]
    ax.step(xs, ys, where="post", color=col, lw=1.8, label=lab)
    curve_rows += [(i, x, v) for x, v in corners]
    risk_rows += [(i, int(rt), int(np.sum(t >= rt))) for rt in risk_times]
    ipd_rows += [(i, float(a), int(b)) for a, b in zip(t, e)]

ax.set_xlim(0, 61)
ax.set_ylim(0, 100)
ax.set_xticks(risk_times)
ax.set_yticks(np.arange(0, 101, 20))
ax.spines[["top", "right"]].set_visible(False)
ax.tick_params(direction="out", labelsize=10)
ax.set_xlabel("Months after vertebroplasty", fontsize=10.5)
ax.set_ylabel("Patients without new fracture (%)", fontsize=10.5)
ax.set_title("New Vertebral Fracture after Vertebroplasty or Sham Procedure",
             fontsize=11.5, fontweight="bold", loc="left", x=-0.2, pad=14)
ax.legend(loc="lower left", frameon=False, fontsize=10)

# numbers at risk: x in data units, y in figure units
trans = mtransforms.blended_transform_factory(ax.transData, fig.transFigure)
fig.text(0.02, 0.19, "No. at Risk", fontsize=9.5, fontweight="bold")
for i, lab in enumerate(labels, start=1):
    y = 0.19 - 0.045 * i
    fig.text(0.02, y, lab, fontsize=9.5, color=colors[i - 1])
    for (c, rt, n) in risk_rows:
        if c == i:
            ax.text(rt, y, str(n), transform=trans, ha="center", fontsize=9.5)
fig.savefig(os.path.join(outdir, "figure.png"), dpi=150)

pd.DataFrame(curve_rows, columns=["curve", "time", "value"]).to_csv(
    os.path.join(outdir, "truth", "curves.csv"), index=False, float_format="%.12g")
pd.DataFrame(risk_rows, columns=["curve", "time", "n_at_risk"]).to_csv(
    os.path.join(outdir, "truth", "at_risk.csv"), index=False)
pd.DataFrame(ipd_rows, columns=["curve", "time", "event"]).to_csv(
    os.path.join(outdir, "truth", "ipd.csv"), index=False, float_format="%.12g")
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0, 100], "n_curves": 2,
           "x_unit": "months",
           "style": "matplotlib ax.step NEJM-like, red/blue crossing curves, percent y axis, "
                    "bold title, frameless legend inside, no censor marks, numbers at risk typed "
                    "under axis, PNG 150 dpi"},
          open(os.path.join(outdir, "truth", "meta.json"), "w"))
for i, (t, e) in enumerate(arms, start=1):
    c = [r for r in curve_rows if r[0] == i]
    print(labels[i - 1], "n", len(t), "events", e.sum(), f"({100*e.mean():.0f}%)",
          "max t", t.max(), "final S", round(c[-1][2], 3))
