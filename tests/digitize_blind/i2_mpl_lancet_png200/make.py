"""Lancet-like KM figure drawn by hand with matplotlib step plots; PNG at 200 dpi.
x axis in years 0-5, light grid, legend below the axes, at-risk table, crossing curves."""
import sys, os, json
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.transforms as mtrans

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(5150)

def sim_piecewise(n, h_early, h_late, cut, maxfu):
    # piecewise-exponential event time (years)
    e1 = rng.exponential(1 / h_early, n)
    e2 = cut + rng.exponential(1 / h_late, n)
    ev = np.where(e1 < cut, e1, e2)
    cen = rng.uniform(1.5, maxfu, n)              # staggered accrual
    cen = np.minimum(cen, rng.exponential(25, n))  # loss to follow-up
    t = np.round(np.minimum(ev, cen), 4)
    return t, (ev <= cen).astype(int)

# curve 1: cement augmentation -- early excess of adjacent fractures, then flat
t1, e1 = sim_piecewise(160, 0.17, 0.025, 1.0, 5.0)
# curve 2: standard care -- constant hazard
t2, e2 = sim_piecewise(155, 0.075, 0.075, 1.0, 5.0)
groups = [(t1, e1), (t2, e2)]
labels = ["Cement augmentation", "Standard care"]
cols = ["#00468B", "#ED0000"]

def km(t, e):
    times = np.unique(t[e == 1])
    s, xs, ys = 1.0, [0.0], [1.0]
    for u in times:
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1 - d / n
        xs.append(u); ys.append(s)
    return np.array(xs), np.array(ys)

fig = plt.figure(figsize=(6.2, 5.4))
ax = fig.add_axes([0.29, 0.40, 0.66, 0.55])
rows = []
for k, ((t, e), lab, c) in enumerate(zip(groups, labels, cols), start=1):
    xs, ys = km(t, e)
    tend = t.max()
    X = np.append(xs, tend); Y = np.append(ys, ys[-1])
    ax.step(X, Y, where="post", color=c, lw=1.4, label=lab)
    for x, y in zip(X, Y):
        if not rows or rows[-1][:2] != (k, x):
            rows.append((k, float(x), float(y)))
ax.set_xlim(0, 5.0)
ax.set_ylim(0, 1.0)
ax.set_xticks(range(0, 6))
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.grid(True, color="#dddddd", lw=0.6)
ax.set_axisbelow(True)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(labelsize=9)
ax.set_xlabel("Time since randomisation (years)", fontsize=10)
ax.set_ylabel("Proportion free of new vertebral fracture", fontsize=10)
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False, fontsize=9,
          handlelength=2.2)
# at-risk table
ticks = np.arange(0, 6)
tr = mtrans.blended_transform_factory(ax.transData, fig.transFigure)
fig.text(0.02, 0.205, "Number at risk", fontsize=9, fontweight="bold")
ar = []
for k, ((t, e), lab) in enumerate(zip(groups, labels), start=1):
    y = 0.205 - 0.045 * k
    fig.text(0.02, y, lab, fontsize=8.5)
    for x in ticks:
        n = int(np.sum(t >= x))
        ar.append((k, int(x), n))
        fig.text(x, y, str(n), transform=tr, ha="center", fontsize=8.5)
fig.savefig(os.path.join(out, "figure.png"), dpi=200)

import csv
with open(os.path.join(out, "truth/curves.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "value"]); w.writerows(rows)
with open(os.path.join(out, "truth/at_risk.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "n_at_risk"]); w.writerows(ar)
with open(os.path.join(out, "truth/ipd.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "event"])
    for k, (t, e) in enumerate(groups, start=1):
        for a, b in zip(t, e):
            w.writerow([k, float(a), int(b)])
json.dump({"kind": "survival", "x_range": [0, 5], "y_range": [0.0, 1.0], "n_curves": 2,
           "x_unit": "years",
           "style": "Lancet-like: years 0-5, light grid, legend below axes, at-risk table, crossing curves"},
          open(os.path.join(out, "truth/meta.json"), "w"))
print("event rates", [float(e.mean()) for _, e in groups])
