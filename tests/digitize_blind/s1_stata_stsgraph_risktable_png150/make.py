"""s1: imitation of a Stata `sts graph, by(arm) risktable` export (s2color scheme):
light bluish-grey graph region, white plot region, horizontal grid lines, y tick labels
rotated vertically, legend boxed below the plot, numbers-at-risk table under the x axis.
Matplotlib drawn by hand. Writes figure.png (150 dpi) and truth/*."""
import json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.transforms import blended_transform_factory

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1201)


def km_steps(t, e):
    """Return list of (time, value) step corners from (0,1) to the last follow-up."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    s = 1.0
    pts = [(0.0, 1.0)]
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s))
    tend = t.max()
    if tend > pts[-1][0]:
        pts.append((tend, s))
    return pts


# ---------- data: two arms, follow-up in years (2 decimals, as recorded) ----------
groups = []
for g, (n, med) in enumerate([(148, 3.1), (156, 5.2)], start=1):
    ev = rng.exponential(med / np.log(2), n)
    cens = rng.uniform(1.5, 8.0, n)              # staggered entry, closing date at 8 y
    lost = rng.exponential(25.0, n)              # some loss to follow-up
    c = np.minimum(cens, lost)
    t = np.round(np.minimum(ev, c), 2)
    t = np.maximum(t, 0.01)
    e = (ev <= c).astype(int)
    groups.append((g, t, e))

labels = ["arm = 0", "arm = 1"]
colors = ["#1a476f", "#90353b"]           # Stata navy, maroon
BG = "#eaf2f3"                            # s2color ltbluishgray graph region
GRID = "#dfe6e8"
xt = [0, 2, 4, 6, 8]

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9})
fig = plt.figure(figsize=(5.5, 4.9), facecolor=BG)
ax = fig.add_axes([0.13, 0.38, 0.83, 0.50])
ax.set_facecolor("white")
for sp in ["top", "right"]:
    ax.spines[sp].set_visible(False)
ax.spines["left"].set_color("black"); ax.spines["bottom"].set_color("black")
ax.spines["left"].set_linewidth(0.7); ax.spines["bottom"].set_linewidth(0.7)

curves, ipd, risk = [], [], []
for (g, t, e), lab, col in zip(groups, labels, colors):
    pts = km_steps(t, e)
    xs, ys = zip(*pts)
    ax.plot(xs, ys, color=col, lw=1.1, solid_joinstyle="miter", label=lab)
    curves += [(g, x, y) for x, y in pts]
    ipd += [(g, ti, ei) for ti, ei in zip(t, e)]
    risk += [(g, x, int(np.sum(t >= x))) for x in xt]

ax.set_xlim(0, 8.0); ax.set_ylim(0, 1.0)
ax.margins(0)
ax.set_xlim(-0.0, 8.0)
ax.set_yticks([0, .25, .5, .75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"], rotation=90, va="center")
ax.set_xticks(xt)
ax.set_xticklabels([str(v) for v in xt])
ax.yaxis.grid(True, color=GRID, lw=0.8); ax.set_axisbelow(True)
ax.tick_params(length=4, width=0.7, color="black")
# a little headroom like Stata's plot region margin
ax.set_ylim(-0.02, 1.02); ax.set_xlim(-0.15, 8.15)
ax.spines["left"].set_bounds(0, 1); ax.spines["bottom"].set_bounds(0, 8)

fig.text(0.545, 0.935, "Kaplan-Meier survival estimates", ha="center", va="center", fontsize=12)

# risk table (Stata prints it under the tick labels, group labels at left)
tr = blended_transform_factory(ax.transData, fig.transFigure)
fig.text(0.13, 0.295, "Number at risk", ha="left", va="center", fontsize=8.5)
for i, (g, t, e) in enumerate(groups):
    yy = 0.255 - i * 0.038
    fig.text(0.035, yy, labels[i], ha="left", va="center", fontsize=8.5)
    for x in xt:
        ax.text(x, yy, str(int(np.sum(t >= x))), transform=tr, ha="center", va="center", fontsize=8.5)
fig.text(0.545, 0.165, "Years since randomization", ha="center", va="center", fontsize=9.5)

# legend below the plot, boxed, two columns
lax = fig.add_axes([0.28, 0.035, 0.54, 0.085])
lax.set_xlim(0, 1); lax.set_ylim(0, 1); lax.set_xticks([]); lax.set_yticks([])
lax.set_facecolor("white")
for sp in lax.spines.values():
    sp.set_color("#808080"); sp.set_linewidth(0.6)
for j, (lab, col) in enumerate(zip(labels, colors)):
    x0 = 0.06 + j * 0.5
    lax.plot([x0, x0 + 0.14], [0.5, 0.5], color=col, lw=1.1)
    lax.text(x0 + 0.17, 0.5, lab, va="center", ha="left", fontsize=9)

fig.savefig(os.path.join(HERE, "figure.png"), dpi=150, facecolor=BG)

os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
pd.DataFrame(risk, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(HERE, "truth/at_risk.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 8], "y_range": [0, 1], "n_curves": 2,
           "x_unit": "years", "style": "Stata sts graph s2color export (grey graph region, legend below, risktable)"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)

if os.environ.get("CHECK"):   # overlay the truth read back from disk on a re-render
    tc = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    for c, d in tc.groupby("curve"):
        ax.plot(d.time, d.value, "o", ms=2, mfc="none", mec="orange", mew=0.5)
        ax.plot(d.time, d.value, "-", lw=0.4, color="lime")
    fig.savefig(os.environ["CHECK"], dpi=300, facecolor=BG)
