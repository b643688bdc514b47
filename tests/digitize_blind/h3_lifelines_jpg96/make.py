"""lifelines KaplanMeierFitter.plot: 2 colour curves that cross, shaded 95% CI, grid,
legend inside, lifelines at-risk table. Low-resolution colour JPEG (96 dpi, quality 75)."""
import sys, os, json, io
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(4242)

def pw_exp(n, lam1, lam2, cut):
    """piecewise exponential: hazard lam1 before cut, lam2 after"""
    u = rng.exponential(1.0, n)
    return np.where(u < lam1 * cut, u / lam1, cut + (u - lam1 * cut) / lam2)

# group 1: early fractures (high early hazard, then low); group 2: late fractures
spec = [("Cement augmentation", 150, 0.020, 0.002, 6.0), ("Brace", 140, 0.004, 0.022, 6.0)]
ipd = []
for k, (name, n, l1, l2, cut) in enumerate(spec, 1):
    ev = pw_exp(n, l1, l2, cut)
    cens = np.minimum(rng.uniform(18, 29.5, n), rng.exponential(80, n))  # staggered entry + loss
    t = np.round(np.minimum(ev, cens), 3)
    t = np.where(t == 0, 0.01, t)
    t = np.where(np.isin(t, [6.0, 12.0, 18.0, 24.0, 30.0]), t + 0.001, t)
    e = (ev <= cens).astype(int)
    ipd += [(k, a, b) for a, b in zip(t, e)]
    print(name, "events", e.sum(), "/", n)
ipd = pd.DataFrame(ipd, columns=["curve", "time", "event"])

fig, ax = plt.subplots(figsize=(7, 5.2))
fitters = []
colors = ["#1f77b4", "#d62728"]
rows = []
for k, (name, *_rest) in enumerate(spec, 1):
    d = ipd[ipd.curve == k]
    f = KaplanMeierFitter(label=name).fit(d.time, d.event)
    f.plot_survival_function(ax=ax, ci_show=True, color=colors[k - 1], lw=1.6)
    fitters.append(f)
    sf = f.survival_function_.iloc[:, 0]
    et = f.event_table
    evt = et.index[et.observed > 0]
    rows.append((k, 0.0, 1.0))
    rows += [(k, float(t), float(sf.loc[t])) for t in evt if t > 0]
    rows.append((k, float(d.time.max()), float(sf.iloc[-1])))
ax.set_xlim(0, 30); ax.set_ylim(0.5, 1.0)
ax.set_xticks(range(0, 31, 6))
ax.grid(True, color="0.85", lw=0.8)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Fracture-free survival probability")
ax.set_title("Freedom from new vertebral fracture")
ax.legend(loc="lower left", fontsize=9)
add_at_risk_counts(*fitters, ax=ax, rows_to_show=["At risk"], xticks=list(range(0, 31, 6)))
fig.tight_layout()
buf = io.BytesIO()
fig.savefig(buf, format="png", dpi=96)
from PIL import Image
buf.seek(0)
Image.open(buf).convert("RGB").save(os.path.join(out, "figure.jpg"), quality=75, dpi=(96, 96))

# at-risk truth: number with time >= tick (no subject has a time exactly at a tick > 0)
ticks = list(range(0, 31, 6))
ar = []
for k in (1, 2):
    d = ipd[ipd.curve == k]
    assert not any((d.time == t).any() for t in ticks[1:])
    ar += [(k, t, int((d.time >= t).sum())) for t in ticks]
ar = pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"])
# cross-check against what lifelines printed
ax2 = [a for a in fig.axes if a is not ax][0]
printed = [l.get_text() for l in ax2.get_xticklabels()]
print(printed)
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
ar.to_csv(os.path.join(out, "truth/at_risk.csv"), index=False)
ipd.to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 30], "y_range": [0.5, 1.0], "n_curves": 2,
           "x_unit": "months", "style": "lifelines plot, 2 colour curves crossing, shaded CI, grid, legend inside, lifelines at-risk table, zoomed y 0.5-1.0, JPEG q75 at 96 dpi"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
print(ar)
