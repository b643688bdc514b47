import sys, os, json
import numpy as np, pandas as pd

def km(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    ts = np.unique(t[e == 1]); s = 1.0; rows = [(0.0, 1.0)]
    for u in ts:
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        s *= (1 - d / n); rows.append((float(u), s))
    return rows

def corners(t, e, end=None):
    rows = km(t, e)
    end = float(np.max(t)) if end is None else end
    if end > rows[-1][0]:
        rows.append((end, rows[-1][1]))
    return rows

def sim(rng, n, rate, fu, cens_rate=0.0, tie=False):
    T = rng.exponential(1 / rate, n)
    C = np.full(n, float(fu))
    if cens_rate > 0:
        C = np.minimum(C, rng.exponential(1 / cens_rate, n))
    C = np.minimum(C, rng.uniform(fu * 0.5, fu, n))  # staggered entry
    t = np.minimum(T, C); e = (T <= C).astype(int)
    t = np.round(t, 0 if tie else 2); t = np.maximum(t, 0.5 if tie else 0.05)
    return t, e

def write_truth(outdir, curves, ipd, at_risk, meta):
    td = os.path.join(outdir, "truth"); os.makedirs(td, exist_ok=True)
    pd.DataFrame([(i + 1, a, b) for i, c in enumerate(curves) for a, b in c],
                 columns=["curve", "time", "value"]).to_csv(os.path.join(td, "curves.csv"), index=False)
    pd.DataFrame([(i + 1, a, b) for i, (t, e) in enumerate(ipd) for a, b in zip(t, e)],
                 columns=["curve", "time", "event"]).to_csv(os.path.join(td, "ipd.csv"), index=False)
    if at_risk is not None:
        pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(td, "at_risk.csv"), index=False)
    json.dump(meta, open(os.path.join(td, "meta.json"), "w"), indent=1)

def nrisk(t, times):
    t = np.asarray(t); return [int((t >= u).sum()) for u in times]

import matplotlib; matplotlib.use("Agg"); import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts
plt.rcParams["svg.fonttype"] = "none"
out = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(704)
fu = 24
t, e = sim(rng, 260, 0.016, fu, 0.05)   # heavy censoring (loss to follow-up)
g = [(t, e)]
kmf = KaplanMeierFitter().fit(t, e, label="All patients")
fig = plt.figure(figsize=(6.0, 5.2))
ax = fig.add_axes([0.2, 0.3, 0.74, 0.52])
kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True, color="#1f4e79",
                           censor_styles={"marker": "+", "ms": 6, "mew": 1})
ax.set_xlim(0, fu); ax.set_ylim(0.6, 1.0)
ax.set_xticks(range(0, fu + 1, 4)); ax.set_yticks([0.6, 0.7, 0.8, 0.9, 1.0])
ax.set_xlabel("Months after vertebroplasty"); ax.set_ylabel("Probability of no new fracture")
ax.legend(loc="lower left", fontsize=8, frameon=False)
fig.text(0.03, 0.965, "A", fontsize=20, weight="bold", va="top")
fig.text(0.12, 0.955, "Figure 2. Freedom from new vertebral fracture",
         fontsize=10, weight="bold", va="top")
fig.text(0.12, 0.91, "Shaded area: 95% confidence interval; + censored observation",
         fontsize=8.5, va="top", color="#333333")
axs = add_at_risk_counts(kmf, ax=ax, rows_to_show=["At risk"], fig=fig)
fig.canvas.draw()
ax2 = fig.axes[-1]
printed = [int(l.get_text().split()[-1]) for l in ax2.get_xticklabels()]
ticks = [float(x) for x in ax2.get_xticks()]
assert printed == nrisk(t, ticks), (printed, nrisk(t, ticks))
ar = [(1, x, k) for x, k in zip(ticks, printed)]
fig.savefig(os.path.join(out, "figure.svg"), metadata={"Date": None})
sf = kmf.survival_function_.iloc[:, 0]
curve = [(0.0, 1.0)] + [(float(a), float(b)) for a, b in sf.items() if a > 0 and b < sf[sf.index < a].iloc[-1] - 1e-12]
curve.append((float(sf.index.max()), float(sf.iloc[-1])))
assert np.allclose([b for _, b in curve[:-1]], [b for _, b in corners(t, e)[:len(curve) - 1]])
write_truth(out, [curve], g, ar, {"kind": "survival", "x_range": [0, 24], "y_range": [0.6, 1.0],
            "n_curves": 1, "x_unit": "months", "style": "lifelines plot, single curve with shaded 95% CI and + censor marks, zoomed y axis, title block and panel letter A, at-risk row, heavy censoring"})
print(ar, nrisk(t, range(0, 25, 4)), e.mean())
