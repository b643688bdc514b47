"""lifelines cumulative incidence (1-KM) in percent, statistics text box over the curves, at-risk table, JPEG (seed 1984)."""
import os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1984)  # seed chosen so Cox HR ~0.59 (0.41-0.84), log-rank p ~0.0035
arms = [("Usual care", 210, 0.0175), ("Early rhythm control", 205, 0.0175 * 0.62)]
ipd, curves, fits = [], [], []
fig, ax = plt.subplots(figsize=(7.0, 5.6))
cols = ["#8B1A1A", "#1B6E3A"]
ticks = list(range(0, 37, 6))
for k, (name, n, lam) in enumerate(arms, 1):
    T = rng.exponential(1 / lam, n)
    C = np.minimum(rng.uniform(3, 42, n), 36)
    t = np.round(np.minimum(T, C), 1); t[t <= 0] = 0.1
    e = (T <= C).astype(int)
    ipd += [(k, a, b) for a, b in zip(t, e)]
    kmf = KaplanMeierFitter().fit(t, e, label=name)
    kmf.plot_cumulative_density(ax=ax, ci_show=False, show_censors=True, color=cols[k - 1], lw=1.7,
                                censor_styles={"ms": 5, "marker": "|"})
    fits.append(kmf)
    s = 1.0; pts = [(0.0, 0.0)]
    for u in np.unique(t[e == 1]):
        nr = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, 1 - s)); s *= 1 - d / nr; pts.append((u, 1 - s))
    if pts[-1][0] < t.max(): pts.append((t.max(), 1 - s))
    cd = kmf.cumulative_density_[name]
    assert np.allclose([p[1] for p in pts[2::2]], cd.loc[[p[0] for p in pts[2::2]]].values)
    curves += [(k, a, b) for a, b in pts]
ax.set_xlim(0, 37); ax.set_ylim(0, 0.6)
ax.set_xticks(ticks); ax.set_yticks(np.arange(0, 0.61, 0.1))
ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v*100:.0f}%"))
ax.set_xlabel("Months"); ax.set_ylabel("Cumulative incidence of stroke or CV death")
ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
ax.legend(loc="upper left", frameon=False)
ax.text(21.6, 0.175, "HR 0.62 (95% CI 0.45-0.85)\nlog-rank p = 0.003", fontsize=10, va="center", ha="left",
        bbox=dict(boxstyle="square,pad=0.4", facecolor="white", edgecolor="0.3", lw=0.8), zorder=5)
add_at_risk_counts(*fits, ax=ax, rows_to_show=["At risk"], xticks=ticks)
plt.tight_layout()
if os.environ.get("CHECK"):
    tr = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    ax.plot(tr.time, tr.value, "b.", ms=2.5, zorder=9)
    fig.savefig(os.environ["CHECK"], dpi=110); raise SystemExit
fig.savefig(os.path.join(HERE, "figure.jpg"), dpi=120, pil_kwargs={"quality": 80})
ar = []
for k, f in enumerate(fits, 1):
    dur = f.durations
    for x in ticks:
        ar.append((k, x, int(len(dur) if x == 0 else np.sum(dur > x))))
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(HERE, "truth/at_risk.csv"), index=False)
json.dump({"kind": "incidence", "x_range": [0, 36], "y_range": [0, 60], "n_curves": 2, "x_unit": "months",
           "style": "lifelines plot_cumulative_density (rising 1-KM), percent y axis, | censor marks, boxed HR/log-rank text over the region the curves pass, lifelines at-risk table, JPEG q80"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
