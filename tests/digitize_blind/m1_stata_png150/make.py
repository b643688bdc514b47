"""m1: Stata `sts graph, risktable` imitation drawn with matplotlib. PNG 150 dpi."""
import sys, os, json
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(9101)

def simulate(n, hazard, fu):
    t_ev = rng.exponential(1 / hazard, n)
    acc = rng.uniform(fu * 0.45, fu, n)           # staggered entry -> admin censoring
    drop = rng.exponential(150, n)                # loss to follow-up
    c = np.minimum(acc, drop)
    t = np.round(np.minimum(t_ev, c), 2)
    e = (t_ev <= c).astype(int)
    return t, e

def km(t, e):
    """Return list of (time, surv) corners starting at (0,1), plus end of curve."""
    order = np.argsort(t)
    t, e = t[order], e[order]
    pts = [(0.0, 1.0)]
    s = 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u)
        d = np.sum((t == u) & (e == 1))
        s *= 1 - d / n
        pts.append((float(u), s))
    if t.max() > pts[-1][0]:
        pts.append((float(t.max()), s))
    return pts

groups = {1: simulate(180, 0.0065, 60), 2: simulate(170, 0.0125, 60)}
labels = {1: "group = 0", 2: "group = 1"}
colors = {1: "#1a476f", 2: "#90353b"}   # Stata s2color navy / maroon

fig = plt.figure(figsize=(6.2, 4.8), dpi=150)
fig.patch.set_facecolor("#eaf2f3")
ax = fig.add_axes([0.14, 0.36, 0.80, 0.53])
ax.set_facecolor("#f7fafb")
curves_rows, risk_rows, ipd_rows = [], [], []
for g, (t, e) in groups.items():
    pts = km(t, e)
    xs = [p[0] for p in pts]; ys = [p[1] for p in pts]
    ax.step(xs, ys, where="post", color=colors[g], lw=1.3)
    for x, y in pts:
        curves_rows.append((g, x, y))
    for ti, ei in zip(t, e):
        ipd_rows.append((g, float(ti), int(ei)))

xt = [0, 12, 24, 36, 48, 60]
ax.set_xlim(-1.5, 61.5)
ax.set_ylim(-0.02, 1.02)
ax.set_xticks(xt)
ax.set_yticks([0, .25, .5, .75, 1])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"], rotation=0)
ax.grid(axis="y", color="#d3dde2", lw=0.8)
ax.set_axisbelow(True)
for s in ["top", "right"]:
    ax.spines[s].set_visible(False)
ax.tick_params(labelsize=8.5, direction="out")
ax.set_title("Kaplan-Meier survival estimates", fontsize=11, pad=10)
fig.text(0.54, 0.865 + 0.08, "", ha="center")

# risk table (Stata: "Number at risk" heading, rows under the axis)
fig.text(0.14, 0.265, "Number at risk", fontsize=8.5, ha="left")
for i, g in enumerate([1, 2]):
    t, e = groups[g]
    yfig = 0.225 - i * 0.04
    fig.text(0.03, yfig, labels[g], fontsize=8, ha="left", va="center")
    for x in xt:
        n = int(np.sum(t >= x))
        risk_rows.append((g, x, n))
        xf = ax.transData.transform((x, 0))
        xfig = fig.transFigure.inverted().transform(xf)[0]
        fig.text(xfig, yfig, str(n), fontsize=8, ha="center", va="center")
fig.text(0.54, 0.12, "analysis time", fontsize=9, ha="center")

# legend below the plot, in a box, keys side by side
from matplotlib.lines import Line2D
handles = [Line2D([], [], color=colors[g], lw=1.3) for g in [1, 2]]
leg = fig.legend(handles, [labels[1], labels[2]], loc="lower center", ncol=2,
                 bbox_to_anchor=(0.54, 0.01), fontsize=8.5, frameon=True,
                 fancybox=False, edgecolor="#000000", facecolor="white", handlelength=3)
fig.savefig(os.path.join(out, "figure.png"), dpi=150, facecolor=fig.get_facecolor())

import csv
def wcsv(name, head, rows):
    with open(os.path.join(out, "truth", name), "w", newline="") as f:
        w = csv.writer(f); w.writerow(head)
        for r in rows:
            w.writerow([f"{v:.6g}" if isinstance(v, float) else v for v in r])
wcsv("curves.csv", ["curve", "time", "value"], curves_rows)
wcsv("at_risk.csv", ["curve", "time", "n_at_risk"], risk_rows)
wcsv("ipd.csv", ["curve", "time", "event"], ipd_rows)
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 2,
           "x_unit": "months",
           "style": "Stata sts graph s2color imitation: tinted regions, 0.00-1.00 horizontal y labels, 'analysis time', boxed legend below, risk table"},
          open(os.path.join(out, "truth", "meta.json"), "w"), indent=1)
