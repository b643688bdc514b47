"""lifelines KaplanMeierFitter.plot_survival_function: 2 colour curves with shaded 95% CI,
| censor ticks, grid lines, percent y axis zoomed to 50-100%, lifelines add_at_risk_counts table.
Curves continue past 24 months but the x axis is cut at 24. JPEG quality 80 (150 dpi)."""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import PercentFormatter
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(20265)
XMAX = 24

def gen(n, rate):
    t = rng.exponential(1 / rate, n); c = rng.uniform(4, 32, n)
    time = np.round(np.minimum(t, c), 2)
    return pd.DataFrame({"time": time, "event": (t <= c).astype(int)})

groups = [("Osteoporotic fracture", 210, 0.018), ("Malignant fracture", 95, 0.028)]
ipd = pd.concat([gen(n, r).assign(curve=k + 1) for k, (_, n, r) in enumerate(groups)], ignore_index=True)
ticks = np.arange(0, XMAX + 1, 4)
ipd.loc[np.isin(ipd.time, ticks), "time"] += 0.01   # keep no time exactly on a tick (at-risk conventions agree)
assert not np.isin(ipd.time, ticks).any()

fig, ax = plt.subplots(figsize=(7, 5.2))
fitters, curves, atrisk = [], [], []
for k, (name, _, _) in enumerate(groups):
    df = ipd[ipd.curve == k + 1]
    kmf = KaplanMeierFitter(label=name).fit(df.time, df.event)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True,
                               censor_styles={"marker": "|", "ms": 7, "mew": 1.2}, lw=1.8)
    fitters.append(kmf)
    sf = kmf.survival_function_.iloc[:, 0]
    ev_t = np.sort(df.loc[df.event == 1, "time"].unique())
    T = [0.0] + [t for t in ev_t if t <= XMAX]
    V = [1.0] + [float(sf.loc[t]) for t in T[1:]]
    T.append(float(XMAX)); V.append(V[-1])          # figure cuts every curve at the axis end
    curves.append(pd.DataFrame({"curve": k + 1, "time": T, "value": np.round(V, 6)}))
    # lifelines prints, at tick t>0, the number still at risk just after t (time > t)
    atrisk.append(pd.DataFrame({"curve": k + 1, "time": ticks,
                                "n_at_risk": [len(df) if t == 0 else int((df.time > t).sum()) for t in ticks]}))
ax.set_xlim(0, XMAX); ax.set_xticks(ticks); ax.set_ylim(0.5, 1.0)
ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
ax.grid(True, color="0.85", lw=0.7)
ax.set_xlabel("Months after vertebroplasty"); ax.set_ylabel("Free of new vertebral fracture")
ax.set_title("Kaplan-Meier estimate of freedom from new fracture")
ax.legend(loc="lower left")
add_at_risk_counts(*fitters, ax=ax, rows_to_show=["At risk"], labels=["Osteoporotic", "Malignant"])
plt.tight_layout()
fig.savefig(os.path.join(out, "figure.jpg"), dpi=150, pil_kwargs={"quality": 80})
pd.concat(curves).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
pd.concat(atrisk).to_csv(os.path.join(out, "truth/at_risk.csv"), index=False)
ipd[["curve", "time", "event"]].to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, XMAX], "y_range": [50, 100], "n_curves": 2, "x_unit": "months",
           "style": "lifelines plot, 2 colour curves, shaded CI, | censor ticks, grid, percent y 50-100%, lifelines at-risk table, x axis cut at 24 while data continue, JPEG q80 150 dpi"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
