"""lifelines KaplanMeierFitter.plot_survival_function, three curves, thin 0.8 pt lines,
zoomed y axis 0.6-1.0, grid, legend inside, lifelines at-risk table. PNG 96 dpi."""
import sys, os, json, csv
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(4096)

groups = [("Single level", 95, 1 / 130.0), ("Two levels", 75, 1 / 80.0), ("Three or more levels", 55, 1 / 55.0)]
fig, ax = plt.subplots(figsize=(7.5, 5.6))
fitters = []
rows_c, rows_i, rows_r = [], [], []
ticks = np.arange(0, 25, 4)
for i, (name, n, lam) in enumerate(groups, start=1):
    t = rng.exponential(1 / lam, n)
    c = np.minimum(rng.uniform(8, 30, n), 24.0)
    time = np.round(np.minimum(t, c), 2)
    time = np.maximum(time, 0.03)
    event = (t <= c).astype(int)
    kmf = KaplanMeierFitter(label=name)
    kmf.fit(time, event)
    kmf.plot_survival_function(ax=ax, ci_show=False, show_censors=True, lw=0.8,
                               censor_styles={"marker": "|", "ms": 5, "mew": 0.8})
    fitters.append(kmf)
    sf = kmf.survival_function_.iloc[:, 0]
    et = kmf.event_table
    xs, ys = [0.0], [1.0]
    for tt in et.index[et["observed"] > 0]:
        if tt > 0:
            xs.append(float(tt)); ys.append(float(sf.loc[tt]))
    tmax = float(time.max())
    if xs[-1] < tmax:
        xs.append(tmax); ys.append(ys[-1])
    rows_c += [(i, x, y) for x, y in zip(xs, ys)]
    rows_i += [(i, a, b) for a, b in zip(time, event)]
    for tk in ticks:
        ge, gt = int(np.sum(time >= tk)), int(np.sum(time > tk))
        assert ge == gt or tk == 0 or tk == 24
        # lifelines prints the number still at risk just after the tick (time > tk)
        rows_r.append((i, int(tk), gt if tk > 0 else n))

ax.set_xlim(0, 24)
ax.set_ylim(0.6, 1.0)
ax.set_xticks(ticks)
ax.grid(True, color="#dddddd", lw=0.6)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Fracture-free survival")
ax.set_title("Survival free of adjacent-level fracture by number of treated levels")
ax.legend(loc="lower left", fontsize=9)
add_at_risk_counts(*fitters, ax=ax, rows_to_show=["At risk"])
plt.tight_layout()
fig.savefig(os.path.join(out, "figure.png"), dpi=96)

with open(os.path.join(out, "truth/curves.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "value"])
    for r in rows_c: w.writerow([r[0], f"{r[1]:.4f}", f"{r[2]:.6f}"])
with open(os.path.join(out, "truth/at_risk.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "n_at_risk"]); w.writerows(rows_r)
with open(os.path.join(out, "truth/ipd.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "event"])
    for r in rows_i: w.writerow([r[0], f"{r[1]:.2f}", int(r[2])])
json.dump({"kind": "survival", "x_range": [0, 24], "y_range": [0.6, 1.0], "n_curves": 3,
           "x_unit": "months", "style": "one line"}, open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
