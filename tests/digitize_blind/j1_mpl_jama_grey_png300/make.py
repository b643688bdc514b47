"""JAMA-like KM figure: two grey curves crossing once, y 0-1, at-risk table. PNG 300 dpi."""
import sys, os, json
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(2)

def sim_piecewise(n, h1, h2, cut, rng):
    # piecewise-exponential event times
    u = rng.exponential(1.0, n)
    t = np.where(u < h1 * cut, u / h1, cut + (u - h1 * cut) / h2)
    return t

FU = 36.0
def make_group(n, h1, h2, cut):
    t = sim_piecewise(n, h1, h2, cut, rng)
    entry = rng.uniform(18, 48, n)            # staggered accrual -> admin censoring
    admin = np.minimum(entry, FU)
    drop = rng.exponential(150, n)
    c = np.minimum(admin, drop)
    time = np.round(np.minimum(t, c), 2)
    time = np.maximum(time, 0.05)
    event = (t <= c).astype(int)
    return time, event

def km(time, event):
    order = np.argsort(time)
    time, event = time[order], event[order]
    s = 1.0
    xs, ys = [0.0], [1.0]
    for ut in np.unique(time[event == 1]):
        d = np.sum((time == ut) & (event == 1))
        n = np.sum(time >= ut)
        s *= 1 - d / n
        xs.append(float(ut)); ys.append(s)
    tmax = float(time.max())
    if xs[-1] < tmax:
        xs.append(tmax); ys.append(s)
    return np.array(xs), np.array(ys)

groups = [("Vertebroplasty", 190, 0.030, 0.002, 6.0, "#3a3a3a"),
          ("Conservative care", 185, 0.011, 0.011, 6.0, "#a6a6a6")]
data = []
for name, n, h1, h2, cut, col in groups:
    data.append(make_group(n, h1, h2, cut))

fig = plt.figure(figsize=(6.5, 5.0))
ax = fig.add_axes([0.25, 0.34, 0.70, 0.58])
rows_curves, rows_ipd, rows_risk = [], [], []
ticks = np.arange(0, 37, 6)
for i, ((name, n, h1, h2, cut, col), (t, e)) in enumerate(zip(groups, data), start=1):
    xs, ys = km(t, e)
    ax.step(xs, ys, where="post", color=col, lw=2.0, label=name)
    for x, y in zip(xs, ys):
        rows_curves.append((i, x, y))
    for a, b in zip(t, e):
        rows_ipd.append((i, a, b))
    for tk in ticks:
        rows_risk.append((i, int(tk), int(np.sum(t >= tk))))

ax.set_xlim(0, 36)
ax.set_ylim(0, 1.0)
ax.set_xticks(ticks)
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
for sp in ("top", "right"):
    ax.spines[sp].set_visible(False)
ax.tick_params(direction="out", labelsize=9)
ax.set_xlabel("Months after vertebroplasty", fontsize=10)
ax.set_ylabel("Probability of remaining free\nof new vertebral fracture", fontsize=10)
ax.legend(loc="lower left", frameon=False, fontsize=9)

# at-risk table
fig.text(0.02, 0.205, "No. at risk", fontsize=9, fontweight="bold")
trans = ax.get_xaxis_transform()
ylev = [0.16, 0.115]
for (name, *_rest), lev, i in zip(groups, ylev, (1, 2)):
    col = _rest[-1]
    fig.text(0.02, lev, name, fontsize=8.5, color="black", va="center")
    for tk in ticks:
        n = [r[2] for r in rows_risk if r[0] == i and r[1] == tk][0]
        xf = 0.25 + 0.70 * tk / 36
        fig.text(xf, lev, str(n), fontsize=8.5, ha="center", va="center")
fig.savefig(os.path.join(out, "figure.png"), dpi=300)

import csv
with open(os.path.join(out, "truth/curves.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "value"])
    for r in rows_curves: w.writerow([r[0], f"{r[1]:.4f}", f"{r[2]:.6f}"])
with open(os.path.join(out, "truth/at_risk.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "n_at_risk"]); w.writerows(rows_risk)
with open(os.path.join(out, "truth/ipd.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "event"])
    for r in rows_ipd: w.writerow([r[0], f"{r[1]:.2f}", int(r[2])])
json.dump({"kind": "survival", "x_range": [0, 36], "y_range": [0, 1.0], "n_curves": 2,
           "x_unit": "months", "style": "one line"}, open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
