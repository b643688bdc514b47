"""Excel-style KM: scatter chart with straight lines through the step corners (seed 1801)."""
import os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager as fm
from matplotlib.patches import Rectangle

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1801)

def km_corners(t, e, t_end=None):
    t = np.asarray(t, float); e = np.asarray(e, int)
    s = 1.0; pts = [(0.0, 1.0)]
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s))
    tm = t.max() if t_end is None else t_end
    if pts[-1][0] < tm: pts.append((tm, s))
    return pts

arms = [("Standard care", 118, 26.0), ("Intervention", 124, 44.0)]
ipd, curves = [], []
for k, (name, n, med) in enumerate(arms, 1):
    lam = np.log(2) / med
    T = rng.exponential(1 / lam, n)
    C = np.minimum(rng.uniform(6, 60, n), 60.0)
    t = np.round(np.minimum(T, C), 1); t[t <= 0] = 0.1
    e = (T <= C).astype(int)
    ipd += [(k, a, b) for a, b in zip(t, e)]
    curves.append(km_corners(t, e))

fp = [f for f in fm.findSystemFonts() if "Carlito-Regular" in f]
if fp:
    fm.fontManager.addfont(fp[0]); plt.rcParams["font.family"] = "Carlito"
office = ["#4472C4", "#ED7D31"]
fig = plt.figure(figsize=(7.2, 4.3), dpi=150)
fig.patches.append(Rectangle((0.002, 0.003), 0.995, 0.994, transform=fig.transFigure,
                             fill=False, edgecolor="#D9D9D9", lw=1.0))
ax = fig.add_axes([0.10, 0.15, 0.66, 0.72])
for k, pts in enumerate(curves):
    x, y = zip(*pts)
    ax.plot(x, y, "-o", color=office[k], lw=2.0, ms=3.5, mfc=office[k], mec=office[k],
            label=arms[k][0], zorder=3)
ax.set_xlim(0, 70); ax.set_ylim(0, 1.2)
ax.set_xticks(range(0, 71, 10)); ax.set_yticks(np.arange(0, 1.21, 0.2))
ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%.1f"))
ax.grid(axis="y", color="#D9D9D9", lw=0.8); ax.set_axisbelow(True)
for s in ["top", "right", "left"]: ax.spines[s].set_visible(False)
ax.spines["bottom"].set_color("#BFBFBF")
ax.tick_params(length=0, colors="#595959", labelsize=9.5)
ax.tick_params(axis="x", length=3, color="#BFBFBF")
ax.set_xlabel("Months since enrolment", color="#595959", fontsize=10)
ax.set_ylabel("Survival probability", color="#595959", fontsize=10)
fig.text(0.43, 0.93, "Overall survival", ha="center", fontsize=14, color="#595959")
leg = ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False, fontsize=9.5,
                labelcolor="#595959")
if os.environ.get("CHECK"):
    tr = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    ax.plot(tr.time, tr.value, "r+", ms=5, zorder=9)
    fig.savefig(os.environ["CHECK"]); raise SystemExit
fig.savefig(os.path.join(HERE, "figure.png"), dpi=150)

rows = [(k + 1, x, y) for k, pts in enumerate(curves) for x, y in pts]
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 70], "y_range": [0.0, 1.2], "n_curves": 2,
           "x_unit": "months", "style": "Excel scatter chart with straight lines and markers through KM step corners, Office colours, horizontal gridlines, chart border, legend right"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
