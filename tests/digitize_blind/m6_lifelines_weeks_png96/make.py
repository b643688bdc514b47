"""m6: lifelines KaplanMeierFitter.plot, one curve, censor marks, dashed 95% CI band
(drawn as dashed step lines), weeks 0-104 every 26, zoomed y 0.5-1.0. Small PNG at 96 dpi."""
import sys, os, json, csv
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(9606)
n = 130
t_ev = rng.exponential(1 / 0.0035, n)                     # weeks
c = np.minimum(rng.uniform(40, 104, n), rng.exponential(400, n))
t = np.round(np.minimum(t_ev, c), 1)
e = (t_ev <= c).astype(int)

kmf = KaplanMeierFitter()
kmf.fit(t, e, label="All patients")
fig, ax = plt.subplots(figsize=(4, 3), dpi=96)
kmf.plot_survival_function(ax=ax, ci_show=False, show_censors=True, color="#1f77b4", lw=1.5,
                           censor_styles={"marker": "+", "ms": 6, "mew": 1})
ci = kmf.confidence_interval_survival_function_
for col in ci.columns:
    ax.step(ci.index, ci[col], where="post", color="#1f77b4", lw=0.9, linestyle="--")
ax.set_xlim(0, 106)
ax.set_xticks([0, 26, 52, 78, 104])
ax.set_ylim(0.5, 1.0)
ax.set_yticks([0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
ax.set_xlabel("Weeks after vertebroplasty", fontsize=8)
ax.set_ylabel("Proportion fracture-free", fontsize=8)
ax.set_title("Kaplan-Meier estimate, with 95% CI", fontsize=9)
ax.tick_params(labelsize=7)
ax.legend(loc="lower left", fontsize=7)
fig.tight_layout()
fig.savefig(os.path.join(out, "figure.png"), dpi=96)

sf = kmf.survival_function_.iloc[:, 0]
ev = kmf.event_table
rows = [(1, 0.0, 1.0)]
for tt in ev.index[(ev["observed"] > 0).values]:
    rows.append((1, float(tt), float(sf.loc[tt])))
if t.max() > rows[-1][1]:
    rows.append((1, float(t.max()), float(sf.iloc[-1])))
def wcsv(name, head, rr):
    with open(os.path.join(out, "truth", name), "w", newline="") as f:
        w = csv.writer(f); w.writerow(head)
        for r in rr:
            w.writerow([f"{v:.6g}" if isinstance(v, float) else v for v in r])
wcsv("curves.csv", ["curve", "time", "value"], rows)
wcsv("ipd.csv", ["curve", "time", "event"], [(1, float(a), int(b)) for a, b in zip(t, e)])
json.dump({"kind": "survival", "x_range": [0, 104], "y_range": [0.5, 1.0], "n_curves": 1,
           "x_unit": "weeks",
           "style": "lifelines plot: one curve, + censor marks, dashed 95% CI step lines, zoomed y 0.5-1.0, small 4x3 in at 96 dpi"},
          open(os.path.join(out, "truth", "meta.json"), "w"), indent=1)
print(e.mean(), sf.iloc[-1], ci.min().min())
