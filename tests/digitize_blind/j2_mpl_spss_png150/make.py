"""SPSS default Kaplan-Meier chart look (Spine journal): coloured lines, '+' censor marks,
legend box outside at right, no grid, 'Cum Survival' y axis. matplotlib, PNG 150 dpi."""
import sys, os, json, csv
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(6202)

def make_group(n, lam):
    t = rng.weibull(1.2, n) * (1 / lam)
    c = np.minimum(rng.uniform(12, 60, n), rng.exponential(120, n))
    time = np.ceil(np.minimum(t, c))          # whole months -> many ties
    event = (t <= c).astype(int)
    return time, event

def km(time, event):
    s = 1.0; xs, ys = [0.0], [1.0]
    for ut in np.unique(time[event == 1]):
        d = np.sum((time == ut) & (event == 1)); n = np.sum(time >= ut)
        s *= 1 - d / n; xs.append(float(ut)); ys.append(s)
    if xs[-1] < time.max():
        xs.append(float(time.max())); ys.append(s)
    return np.array(xs), np.array(ys)

def surv_at(xs, ys, t):
    return ys[np.searchsorted(xs, t, side="right") - 1]

groups = [("PVP", 110, 1 / 160.0, "#3d5ba9"), ("Conservative", 85, 1 / 95.0, "#2fb44a")]
fig = plt.figure(figsize=(7.6, 4.6))
ax = fig.add_axes([0.09, 0.12, 0.58, 0.78])
handles = []
rows_c, rows_i = [], []
for i, (name, n, lam, col) in enumerate(groups, start=1):
    t, e = make_group(n, lam)
    xs, ys = km(t, e)
    h, = ax.step(xs, ys, where="post", color=col, lw=1.3)
    cens = t[e == 0]
    ucens = np.unique(cens)
    hc, = ax.plot(ucens, [surv_at(xs, ys, c) for c in ucens], "+", color=col, ms=7, mew=1.0, ls="none")
    handles += [(h, name), (hc, name + "-censored")]
    rows_c += [(i, x, y) for x, y in zip(xs, ys)]
    rows_i += [(i, a, b) for a, b in zip(t, e)]

ax.set_xlim(-1, 61)
ax.set_ylim(-0.02, 1.04)
ax.set_xticks(np.arange(0, 61, 10))
yt = np.arange(0, 1.01, 0.2)
ax.set_yticks(yt)
ax.set_yticklabels(["0.0" if v == 0 else ("1.0" if v > 0.99 else f"{v:.1f}"[1:]) for v in yt])
ax.set_xlabel("Months", fontsize=10)
ax.set_ylabel("Cum Survival", fontsize=10)
fig.suptitle("Survival Functions", fontsize=12, fontweight="bold", x=0.38, y=0.97)
leg = fig.legend([h for h, _ in handles], [l for _, l in handles], title="Treatment",
                 loc="center left", bbox_to_anchor=(0.70, 0.55), frameon=True, fontsize=9,
                 title_fontsize=9, alignment="left")
leg.get_frame().set_edgecolor("black")
leg.get_frame().set_linewidth(0.8)
fig.savefig(os.path.join(out, "figure.png"), dpi=150)

with open(os.path.join(out, "truth/curves.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "value"])
    for r in rows_c: w.writerow([r[0], f"{r[1]:g}", f"{r[2]:.6f}"])
with open(os.path.join(out, "truth/ipd.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "event"])
    for r in rows_i: w.writerow([r[0], f"{r[1]:g}", int(r[2])])
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0, 1.0], "n_curves": 2,
           "x_unit": "months", "style": "one line"}, open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
