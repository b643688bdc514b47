"""seaborn-darkgrid look drawn by hand in matplotlib: 3 arms, weeks, zoomed y, CI bands (seed 1803)."""
import os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1803)
plt.rcParams.update({"axes.facecolor": "#EAEAF2", "axes.edgecolor": "white", "grid.color": "white",
                     "axes.grid": True, "grid.linewidth": 1.0, "axes.linewidth": 1.25,
                     "xtick.color": "#262626", "ytick.color": "#262626", "axes.labelcolor": "#262626",
                     "xtick.major.size": 0, "ytick.major.size": 0, "font.size": 11,
                     "svg.fonttype": "path"})
deep = ["#4C72B0", "#DD8452", "#55A868"]
arms = [("Placebo", 96, 0.0065), ("Low dose", 142, 0.0042), ("High dose", 205, 0.0026)]
ipd, curves = [], []
fig, ax = plt.subplots(figsize=(7.5, 5.0))
for k, (name, n, lam) in enumerate(arms, 1):
    T = rng.weibull(1.15, n) / lam
    C = rng.uniform(20, 110, n); C = np.minimum(C, 104)
    t = np.round(np.minimum(T, C)).astype(float); t[t < 1] = 1
    e = (T <= C).astype(int)
    ipd += [(k, a, b) for a, b in zip(t, e)]
    kmf = KaplanMeierFitter().fit(t, e, label=name)
    sf = kmf.survival_function_[name]; ci = kmf.confidence_interval_
    ax.fill_between(ci.index, ci.iloc[:, 0], ci.iloc[:, 1], step="post", color=deep[k - 1], alpha=0.22, lw=0)
    ax.step(sf.index, sf.values, where="post", color=deep[k - 1], lw=1.8, label=name)
    cens = np.unique(t[e == 0])
    ax.plot(cens, kmf.survival_function_at_times(cens).values, "|", color=deep[k - 1], ms=7, mew=1.2)
    # corners
    s = 1.0; pts = [(0.0, 1.0)]
    for u in np.unique(t[e == 1]):
        nr = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, s)); s *= 1 - d / nr; pts.append((u, s))
    if pts[-1][0] < t.max(): pts.append((t.max(), s))
    assert np.allclose([p[1] for p in pts[2::2]], sf.loc[[p[0] for p in pts[2::2]]].values)
    curves += [(k, a, b) for a, b in pts]
ax.set_xlim(-2, 106); ax.set_ylim(0.4, 1.01)
ax.set_xticks(range(0, 105, 13)); ax.set_yticks(np.arange(0.4, 1.01, 0.1))
ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%.1f"))
for sp in ax.spines.values(): sp.set_visible(False)
ax.set_xlabel("Weeks since first dose"); ax.set_ylabel("Proportion free of relapse")
ax.legend(loc="lower left", frameon=True, facecolor="#EAEAF2", edgecolor="white", title="Arm")
ax.set_title("Relapse-free survival by dose", fontsize=12)
fig.tight_layout()
if os.environ.get("CHECK"):
    tr = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    ax.plot(tr.time, tr.value, "m.", ms=2.5, zorder=9)
    fig.savefig(os.environ["CHECK"], dpi=130); raise SystemExit
fig.savefig(os.path.join(HERE, "figure.svg"))
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 104], "y_range": [0.4, 1.0], "n_curves": 3, "x_unit": "weeks",
           "style": "seaborn darkgrid look (grey #EAEAF2 panel, white grid, no spines), deep palette, tinted 95% CI bands, | censor marks, zoomed y 0.4-1.0, legend inside lower left"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
