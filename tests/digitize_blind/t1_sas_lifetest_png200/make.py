"""t1: SAS PROC LIFETEST ODS-graphics look (HTMLBlue style), drawn by hand in matplotlib.
Three strata whose curves cross; '+' censor marks; legend box at the bottom; the
numbers-at-risk table sits INSIDE the plot wall above the x axis (y axis extended below 0).
Usage: python make.py [check_dir]   (check_dir: also write an overlay of the truth)"""
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
rng = np.random.default_rng(1301)


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
    """value of the right-continuous step function at x"""
    v = pts[0][1]
    for (tt, ss) in pts:
        if tt <= x:
            v = ss
    return v


# ---------------- data ----------------
def gen(n, kind):
    if kind == "early":      # high early hazard, then plateau (cure fraction)
        cured = rng.random(n) < 0.42
        ev = rng.exponential(7.0, n)
        ev[cured] = 1e9
    elif kind == "late":     # few early events, steep decline later (Weibull k=2.4)
        ev = 36.0 * rng.weibull(2.4, n)
    else:                    # roughly exponential
        ev = rng.exponential(30.0, n)
    accrual_cens = rng.uniform(14, 58, n)          # administrative censoring
    dropout = rng.exponential(140, n)
    c = np.minimum(accrual_cens, dropout)
    t = np.minimum(ev, c); e = (ev <= c).astype(int)
    t = np.round(t, 2); t = np.maximum(t, 0.05)
    return t, e

groups = [("Low", 150, "early"), ("Medium", 120, "mid"), ("High", 95, "late")]
data = []
for i, (lab, n, kind) in enumerate(groups, 1):
    t, e = gen(n, kind)
    data.append((i, lab, t, e))

colors = ["#445694", "#A23A2E", "#01665E"]   # SAS HTMLBlue GraphData1..3
ticks_x = np.arange(0, 61, 10)

# ---------------- truth ----------------
rows, ipd, ar = [], [], []
corners = {}
for i, lab, t, e in data:
    pts = km_corners(t, e); corners[i] = pts
    rows += [(i, a, b) for a, b in pts]
    ipd += [(i, a, b) for a, b in zip(t, e)]
    ar += [(i, x, int((t >= x).sum())) for x in ticks_x]
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(TRUTH, "curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(TRUTH, "ipd.csv"), index=False)
pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(TRUTH, "at_risk.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0.0, 1.0], "n_curves": 3,
           "x_unit": "months", "style": "SAS PROC LIFETEST ODS graphics (HTMLBlue), at-risk table inside plot, legend box at bottom"},
          open(os.path.join(TRUTH, "meta.json"), "w"), indent=1)

# ---------------- figure ----------------
def draw(overlay=False):
    plt.rcParams["font.family"] = "Liberation Sans"
    fig = plt.figure(figsize=(6.67, 5.0))
    fig.patch.set_facecolor("white")
    ax = fig.add_axes([0.115, 0.20, 0.855, 0.67])
    fig.text(0.54, 0.955, "Product-Limit Survival Estimates", ha="center", va="center", fontsize=11, fontweight="bold")
    fig.text(0.54, 0.915, "With Number of Subjects at Risk", ha="center", va="center", fontsize=9)
    for i, lab, t, e in data:
        pts = corners[i]
        xs, ys = zip(*pts)
        ax.plot(xs, ys, color=colors[i - 1], lw=1.0, solid_joinstyle="miter", zorder=3)
        cens = t[e == 0]
        ax.plot(cens, [s_at(pts, c) for c in cens], ls="none", marker="+", ms=5.5, mew=0.8,
                color=colors[i - 1], zorder=4)
        # at-risk rows inside the wall
        ypos = -0.075 - 0.07 * (i - 1)
        for x in ticks_x:
            ax.text(x, ypos, str(int((t >= x).sum())), ha="center", va="center", fontsize=7.2,
                    color=colors[i - 1])
        if overlay:
            ax.plot(xs, ys, "o", ms=1.6, color="magenta", zorder=6)
    ax.set_xlim(-2.0, 62.0)
    ax.set_ylim(-0.265, 1.04)
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
    ax.set_xticks(ticks_x)
    ax.tick_params(direction="out", length=4, width=0.7, labelsize=8.5, color="#444444")
    for sp in ax.spines.values():
        sp.set_color("#7f7f7f"); sp.set_linewidth(0.8)
    ax.set_ylabel("Survival Probability", fontsize=9.5)
    ax.set_xlabel("Months", fontsize=9.5)
    # '+ Censored' inset top-right
    ax.legend([Line2D([], [], ls="none", marker="+", color="black", ms=6)], ["Censored"],
              loc="upper right", frameon=False, fontsize=8.5, handletextpad=0.2, borderaxespad=0.3)
    ax.text(60.5, 0.80, "Logrank p=0.1836", ha="right", va="center", fontsize=8.5)
    # stratum legend box at the bottom
    handles = [Line2D([], [], color="none", lw=0)] + [Line2D([], [], color=colors[k], lw=1.0) for k in range(3)]
    lg = fig.legend(handles, ["Risk Group"] + [g[0] for g in groups], loc="lower center", ncol=4, fontsize=8.5,
                    frameon=True, fancybox=False, edgecolor="#7f7f7f", bbox_to_anchor=(0.54, 0.025),
                    handlelength=2.2, columnspacing=1.4, borderpad=0.45)
    lg.get_frame().set_linewidth(0.8)
    lg.legend_handles[0].set_visible(False)
    return fig

fig = draw()
fig.savefig(os.path.join(HERE, "figure.png"), dpi=200)
if len(sys.argv) > 1:
    os.makedirs(sys.argv[1], exist_ok=True)
    draw(overlay=True).savefig(os.path.join(sys.argv[1], "t1_check.png"), dpi=200)
