"""Single-curve KM figure drawn with lifelines' plot (shaded 95% CI, | censor marks,
lifelines' default 3-row at-risk table), zoomed y axis 0.6-1.0; JPEG quality 60 at 150 dpi."""
import sys, os, json, csv
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(606)
n = 310
ev = rng.weibull(0.8, n) * 260.0                       # early-weighted hazard, months
cen = np.minimum(rng.uniform(24, 60, n), rng.exponential(150, n))
t = np.round(np.minimum(ev, cen), 2)
t = np.maximum(t, 0.05)
e = (ev <= cen).astype(int)

kmf = KaplanMeierFitter()
kmf.fit(t, e, label="All patients (n=%d)" % n)
fig, ax = plt.subplots(figsize=(6.4, 5.0))
kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True,
                           censor_styles={"marker": "|", "ms": 6, "mew": 0.8})
ax.set_xlim(0, 60)
ax.set_xticks(range(0, 61, 12))
ax.set_ylim(0.6, 1.0)
ax.set_yticks(np.arange(0.6, 1.001, 0.1))
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Fracture-free survival")
ax.set_title("Freedom from adjacent-level fracture after vertebroplasty")
ax.legend(loc="lower left")
add_at_risk_counts(kmf, ax=ax)
fig.tight_layout()
fig.savefig(os.path.join(out, "figure.jpg"), dpi=150, pil_kwargs={"quality": 60})

# truth: exactly what lifelines draws (survival_function_ as steps-post, to max time)
sf = kmf.survival_function_.iloc[:, 0]
et = kmf.event_table
rows = [(1, 0.0, 1.0)]
for time, val in sf.items():
    if time > 0 and et.loc[time, "observed"] > 0:
        rows.append((1, float(time), float(val)))
rows.append((1, float(sf.index.max()), float(sf.iloc[-1])))
if rows[-1][1] == rows[-2][1]:
    rows.pop()
ar = []
for tick in range(0, 61, 12):
    sl = et.loc[:tick]
    ar.append((1, tick, int((sl.at_risk - sl.removed).iloc[-1]) if tick > 0 else int(sl.at_risk.iloc[-1] - sl.removed.iloc[-1])))
with open(os.path.join(out, "truth/curves.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "value"]); w.writerows(rows)
with open(os.path.join(out, "truth/at_risk.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "n_at_risk"]); w.writerows(ar)
with open(os.path.join(out, "truth/ipd.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "event"])
    for a, b in zip(t, e):
        w.writerow([1, float(a), int(b)])
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0.6, 1.0], "n_curves": 1,
           "x_unit": "months",
           "style": "lifelines default look: shaded CI, | censor marks, 3-row at-risk table (At risk/Censored/Events), zoomed y 0.6-1.0, JPEG q60"},
          open(os.path.join(out, "truth/meta.json"), "w"))
print("event rate", e.mean(), "final S", sf.iloc[-1], "ci low min", kmf.confidence_interval_.iloc[:, 0].min(), ar)
