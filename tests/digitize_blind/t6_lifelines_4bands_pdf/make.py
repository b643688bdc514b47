"""t6: lifelines KaplanMeierFitter.plot_survival_function for four groups, each with its
shaded 95% confidence band (alpha-blended, overlapping), '|' censor marks, grid, legend inside
the plot, lifelines' own at-risk table (add_at_risk_counts) below; days; vector PDF.
Usage: python make.py [check_dir]"""
import json, os, sys
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
rng = np.random.default_rng(1306)


def km_corners(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    pts = [(0.0, 1.0)]; s = 1.0
    ev = np.unique(t[e == 1])
    for u in ev:
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s))
    if len(ev) == 0 or t.max() > ev[-1]:
        pts.append((t.max(), s))
    return pts

# four genotype groups; B and C run close so their bands overlap, D drops fast early
groups = [("Genotype A", 85, 2600, 1.4), ("Genotype B", 120, 1500, 1.1),
          ("Genotype C", 200, 1300, 1.0), ("Genotype D", 150, 520, 0.9)]
data = []
for i, (lab, n, sc, k) in enumerate(groups, 1):
    ev = sc * rng.weibull(k, n)
    c = np.minimum(rng.uniform(400, 1790, n), rng.exponential(5000, n))
    t = np.ceil(np.minimum(ev, c)); e = (ev <= c).astype(int)
    data.append((i, lab, t, e))

ticks_x = np.arange(0, 1801, 300)
rows, ipd, ar = [], [], []
for i, lab, t, e in data:
    rows += [(i, a, b) for a, b in km_corners(t, e)]
    ipd += [(i, a, b) for a, b in zip(t, e)]
    # lifelines prints the number still under observation just AFTER each tick (duration > tick)
    ar += [(i, x, int((t > x).sum())) for x in ticks_x]
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(TRUTH, "curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(TRUTH, "ipd.csv"), index=False)
pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(TRUTH, "at_risk.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 1800], "y_range": [0.0, 1.0], "n_curves": 4, "x_unit": "days",
           "style": "lifelines default plot, four curves each with shaded 95% CI band, grid, legend inside, lifelines at-risk table, vector PDF"},
          open(os.path.join(TRUTH, "meta.json"), "w"), indent=1)


def draw(overlay=False):
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "pdf.fonttype": 42})
    fig, ax = plt.subplots(figsize=(7.5, 5.6))
    fitters = []
    for i, lab, t, e in data:
        kmf = KaplanMeierFitter(label=lab).fit(t, e)
        kmf.plot_survival_function(ax=ax, ci_show=True, ci_alpha=0.22, show_censors=True,
                                   censor_styles={"ms": 5, "marker": "|", "mew": 0.9}, lw=1.3)
        fitters.append(kmf)
        if overlay:
            xs, ys = zip(*km_corners(t, e))
            ax.plot(xs, ys, "o", ms=1.5, color="black", zorder=9)
    ax.set_xlim(0, 1830); ax.set_ylim(0, 1.02)
    ax.set_xticks(ticks_x); ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.grid(True, color="#d0d0d0", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Days since diagnosis")
    ax.set_ylabel("Overall survival probability")
    ax.set_title("Overall survival by genotype")
    ax.legend(loc="lower left", fontsize=8.5, framealpha=0.9)
    add_at_risk_counts(*fitters, ax=ax, rows_to_show=["At risk"], xticks=list(ticks_x))
    fig.tight_layout()
    return fig, fitters

fig, fitters = draw()
fig.savefig(os.path.join(HERE, "figure.pdf"))
if len(sys.argv) > 1:
    os.makedirs(sys.argv[1], exist_ok=True)
    f2, _ = draw(overlay=True)
    f2.savefig(os.path.join(sys.argv[1], "t6_check.png"), dpi=160)
    # lifelines' own at-risk numbers vs ours
    for (i, lab, t, e), kmf in zip(data, fitters):
        et = kmf.event_table
        print(lab, [int((t > x).sum()) for x in ticks_x])
