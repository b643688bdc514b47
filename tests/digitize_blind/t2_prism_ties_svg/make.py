"""t2: GraphPad Prism look, drawn by hand in matplotlib, saved as SVG.
Thick lines, bold Arial-like text, ticks pointing out, no top/right axis, axes offset at
the origin, 'Percent survival' 0-100, vertical censor ticks. Events are only recorded at
4-weekly visits (heavy ties -> big drops), then long flat tails to 104 weeks.
Usage: python make.py [check_dir]"""
import json, os, sys
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
rng = np.random.default_rng(1302)


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


def s_at(pts, x):
    v = pts[0][1]
    for (tt, ss) in pts:
        if tt <= x:
            v = ss
    return v


def gen(n, cure, scale, shape):
    ev = scale * rng.weibull(shape, n)
    ev[rng.random(n) < cure] = 1e9
    ev = np.ceil(ev / 4.0) * 4.0                      # detected at the next 4-weekly visit
    drop = np.ceil(rng.exponential(400, n))           # dropouts at any whole week
    admin = np.where(rng.random(n) < 0.7, 104.0, rng.choice(np.arange(60, 104, 4), n))
    c = np.minimum(drop, admin)
    t = np.minimum(ev, c); e = (ev <= c).astype(int)
    t = np.maximum(t, 1.0)
    return t, e

groups = [("Vehicle", 105, 0.18, 22.0, 1.3, "black"),
          ("Compound X", 110, 0.55, 16.0, 1.1, "#E3001B")]
data = []
for i, (lab, n, cure, sc, sh, col) in enumerate(groups, 1):
    t, e = gen(n, cure, sc, sh)
    data.append((i, lab, t, e, col))

rows, ipd = [], []
corners = {}
for i, lab, t, e, col in data:
    pts = km_corners(t, e); corners[i] = pts
    rows += [(i, a, b) for a, b in pts]
    ipd += [(i, a, b) for a, b in zip(t, e)]
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(TRUTH, "curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(TRUTH, "ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 104], "y_range": [0, 100], "n_curves": 2,
           "x_unit": "weeks", "style": "GraphPad Prism (thick lines, outward ticks, no top/right axis, percent survival, censor ticks)"},
          open(os.path.join(TRUTH, "meta.json"), "w"), indent=1)


def draw(overlay=False):
    plt.rcParams.update({"font.family": "Liberation Sans", "font.weight": "bold",
                         "axes.labelweight": "bold", "svg.fonttype": "path"})
    fig = plt.figure(figsize=(6.2, 4.2))
    ax = fig.add_axes([0.14, 0.16, 0.56, 0.74])
    for i, lab, t, e, col in data:
        pts = corners[i]
        xs, ys = zip(*pts)
        ys = [100 * y for y in ys]
        ax.plot(xs, ys, color=col, lw=2.6, solid_joinstyle="miter", solid_capstyle="butt",
                clip_on=False, zorder=3)
        cens = np.unique(t[e == 0])
        ax.plot(cens, [100 * s_at(pts, c) for c in cens], ls="none", marker="|", ms=9,
                mew=2.2, color=col, clip_on=False, zorder=4)
        if overlay:
            ax.plot(xs, ys, "o", ms=2, color="cyan", zorder=6, clip_on=False)
    ax.set_xlim(0, 104); ax.set_ylim(0, 100)
    ax.set_xticks([0, 26, 52, 78, 104]); ax.set_yticks([0, 25, 50, 75, 100])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_linewidth(2.0)
        ax.spines[side].set_position(("outward", 8))
    ax.tick_params(direction="out", length=7, width=2.0, labelsize=12, pad=4)
    for lbl in ax.get_xticklabels() + ax.get_yticklabels():
        lbl.set_fontweight("bold")
    ax.set_xlabel("Weeks", fontsize=14, labelpad=6)
    ax.set_ylabel("Percent survival", fontsize=14, labelpad=6)
    fig.text(0.42, 0.955, "Overall survival", ha="center", fontsize=15, fontweight="bold")
    handles = [Line2D([], [], color=g[5], lw=2.6) for g in groups]
    fig.legend(handles, [g[0] for g in groups], loc="center left", bbox_to_anchor=(0.73, 0.55),
               frameon=False, fontsize=12, handlelength=1.8, prop={"weight": "bold", "size": 12})
    return fig

draw().savefig(os.path.join(HERE, "figure.svg"))
if len(sys.argv) > 1:
    os.makedirs(sys.argv[1], exist_ok=True)
    draw(overlay=True).savefig(os.path.join(sys.argv[1], "t2_check.png"), dpi=150)
