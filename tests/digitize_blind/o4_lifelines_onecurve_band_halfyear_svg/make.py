"""o4: lifelines default look, one curve with its shaded 95% band and '|' censor marks,
y axis zoomed to 0.5-1.0, x in years with ticks every 6 months, lifelines'
add_at_risk_counts table (At risk / Censored / Events). SVG."""
import json, sys, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

CHECK = len(sys.argv) > 1 and sys.argv[1] == "check"
rng = np.random.default_rng(4411)

def km_corners(time, event):
    time = np.asarray(time, float); event = np.asarray(event, int)
    pts = [(0.0, 1.0)]; s = 1.0
    for t in np.unique(time):
        d = event[time == t].sum(); n = (time >= t).sum()
        if d > 0:
            pts.append((t, s)); s *= 1 - d / n; pts.append((t, s))
    if time.max() > pts[-1][0]:
        pts.append((time.max(), s))
    return np.array(pts)

n = 250
# piecewise hazard: higher in year 1, lower after  (S(5) ~ 0.72)
u = rng.random(n)
h1, h2 = 0.12, 0.045
H = -np.log(u)
tev = np.where(H < h1, H / h1, 1 + (H - h1) / h2)
cen = np.minimum(rng.uniform(2.0, 5.2, n), rng.exponential(25, n))
tev_d = np.round(tev * 365.25); cen_d = np.round(cen * 365.25)
time_d = np.maximum(np.minimum(tev_d, cen_d), 1)
event = (tev_d <= cen_d).astype(int)
time = np.round(time_d / 365.25, 4)
ipd = pd.DataFrame({"curve": 1, "time": time, "event": event})
os.makedirs("truth", exist_ok=True)
ipd.to_csv("truth/ipd.csv", index=False)
c = km_corners(time, event)
pd.DataFrame({"curve": 1, "time": c[:, 0], "value": c[:, 1]}).to_csv("truth/curves.csv", index=False)
xt = np.arange(0, 5.01, 0.5)
# lifelines prints, at tick t, the number still at risk after removals at times <= t
nar = [int((time > t).sum()) if t > 0 else n for t in xt]
pd.DataFrame({"curve": 1, "time": xt, "n_at_risk": nar}).to_csv("truth/at_risk.csv", index=False)
json.dump({"kind": "survival", "x_range": [0, 5], "y_range": [0.5, 1.0], "n_curves": 1, "x_unit": "years",
           "style": "lifelines default, single curve with shaded CI, zoomed y 0.5-1, x in years ticked every 0.5, lifelines at-risk table"},
          open("truth/meta.json", "w"))

fig, ax = plt.subplots(figsize=(7.5, 5.2))
kmf = KaplanMeierFitter().fit(time, event, label="All patients (n = 250)")
kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True,
                           censor_styles={"marker": "|", "ms": 7, "mew": 1})
assert np.allclose(kmf.survival_function_.iloc[-1, 0], c[-1, 1])
if CHECK:
    ax.plot(c[:, 0], c[:, 1], color="red", lw=0.6, marker=".", ms=2)
ax.set_xlim(0, 5.2); ax.set_ylim(0.5, 1.0)
ax.set_xticks(xt); ax.set_xticklabels([f"{v:g}" for v in xt])
ax.set_yticks(np.arange(0.5, 1.001, 0.1))
ax.set_xlabel("Years since diagnosis"); ax.set_ylabel("Disease-specific survival")
ax.legend(loc="lower left")
tab = add_at_risk_counts(kmf, ax=ax, xticks=list(xt))
fig.tight_layout()
fig.savefig("/tmp/o4_check.png" if CHECK else "figure.svg", dpi=150 if CHECK else 100)
