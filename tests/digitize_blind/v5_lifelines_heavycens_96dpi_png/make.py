"""lifelines KaplanMeierFitter.plot, 2 curves, ~70% censored, tall '|' censor ticks, 96 dpi."""
import json, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter

HERE = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
rng = np.random.default_rng(15005)

def km_corners(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    rows = [(0.0, 1.0)]; s = 1.0
    for u in np.unique(t[e == 1]):
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        new = s * (1 - d / n)
        rows += [(u, s), (u, new)]; s = new
    if t.max() > rows[-1][0]:
        rows.append((t.max(), s))
    return rows

groups = [("Registry cohort 2010-2014", 260, 0.14), ("Registry cohort 2015-2019", 240, 0.09)]
ipd = []
for k, (name, n, lam) in enumerate(groups, 1):
    ev = rng.exponential(1 / lam, n)
    cens = np.minimum(rng.uniform(0.2, 8.0, n), rng.exponential(6.0, n))
    t = np.round(np.minimum(ev, cens), 4); t = np.maximum(t, 0.01)
    e = (ev <= cens).astype(int)
    ipd += list(zip([k] * n, t, e))
ipd = pd.DataFrame(ipd, columns=["curve", "time", "event"])
ipd.to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)

fig, ax = plt.subplots(figsize=(6.67, 5.0), dpi=96)   # 640 x 480 px
curves = []
cols = ["tab:blue", "tab:orange"]
for k, (name, n, _) in enumerate(groups, 1):
    d = ipd[ipd.curve == k]
    curves += [(k, a, b) for a, b in km_corners(d.time, d.event)]
    kmf = KaplanMeierFitter(label=name).fit(d.time, d.event)
    kmf.plot_survival_function(ax=ax, ci_show=False, show_censors=True, color=cols[k - 1], lw=1.2,
                               censor_styles={"marker": "|", "ms": 9, "mew": 1.0})
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
ax.grid(True, color="#DDDDDD", lw=0.8)
ax.set_xlim(0, 8); ax.set_ylim(0.3, 1.02)
ax.set_xticks(range(0, 9)); ax.set_yticks(np.arange(0.3, 1.01, 0.1))
ax.set_xlabel("Years"); ax.set_ylabel("Survival probability")
ax.set_title("Overall survival by diagnosis period")
ax.legend(loc="lower left", fontsize=9)
fig.tight_layout()
fig.savefig(os.path.join(HERE, "figure.png"), dpi=96)

meta = {"kind": "survival", "x_range": [0, 8], "y_range": [0.3, 1.0], "n_curves": 2, "x_unit": "years",
        "style": "lifelines default plot, 96 dpi, heavy censoring with tall vertical censor ticks, grid, zoomed y"}
json.dump(meta, open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
print(ipd.groupby("curve").event.agg(["size", "mean"]), pd.DataFrame(curves).groupby(0)[2].min())
