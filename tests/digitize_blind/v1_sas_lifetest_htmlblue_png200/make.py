"""SAS PROC LIFETEST ODS-graphics look (HTMLBlue style), 3 strata, months."""
import json, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines.statistics import multivariate_logrank_test

HERE = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
rng = np.random.default_rng(15001)

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

def step_xy(rows):
    return [r[0] for r in rows], [r[1] for r in rows]

groups = [("Arm A", 140, 0.016), ("Arm B", 120, 0.022), ("Arm C", 100, 0.030)]
ipd = []
for k, (name, n, lam) in enumerate(groups, 1):
    ev = rng.weibull(1.2, n) * (1 / lam)          # months
    admin = 60 - rng.uniform(0, 24, n)            # staggered entry, cut-off at 60 months
    cens = np.minimum(admin, rng.exponential(150, n))
    t = np.round(np.minimum(ev, cens), 3); e = (ev <= cens).astype(int)
    t = np.maximum(t, 0.05)
    for a, b in zip(t, e):
        ipd.append((k, a, b))
ipd = pd.DataFrame(ipd, columns=["curve", "time", "event"])
ipd.to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)

lr = multivariate_logrank_test(ipd.time, ipd.curve, ipd.event)
p = lr.p_value

# HTMLBlue GraphData colours
cols = ["#445694", "#A23A2E", "#01665E"]
plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 8.5})
fig = plt.figure(figsize=(6.4, 4.8), dpi=200)
ax = fig.add_axes([0.11, 0.20, 0.85, 0.66])
ax.set_facecolor("white")
curves = []; atrisk = []
ticks = np.arange(0, 61, 10)
for k, (name, n, lam) in enumerate(groups, 1):
    d = ipd[ipd.curve == k]
    rows = km_corners(d.time, d.event)
    for tt, vv in rows:
        curves.append((k, tt, vv))
    x, y = step_xy(rows)
    ax.plot(x, y, color=cols[k - 1], lw=1.0, label=name)
    c = d[d.event == 0]
    # value at censor time (right-continuous step)
    xs = np.array([r[0] for r in rows]); ys = np.array([r[1] for r in rows])
    cy = [ys[np.where(xs <= ct)[0][-1]] for ct in c.time]
    ax.plot(c.time, cy, ls="none", marker="+", ms=5, mew=0.8, color=cols[k - 1])
    for tk in ticks:
        atrisk.append((k, tk, int((d.time >= tk).sum())))
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(atrisk, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(HERE, "truth/at_risk.csv"), index=False)

# at-risk numbers inside the plot area, above the x axis (y axis extended below 0)
row_y = [-0.07, -0.13, -0.19]
for k in range(1, 4):
    for (kk, tk, nr) in atrisk:
        if kk == k:
            ax.text(tk, row_y[k - 1], str(nr), color=cols[k - 1], ha="center", va="center", fontsize=7.5)
ax.axhline(-0.025, color="#BBBBBB", lw=0.5)
ax.set_ylim(-0.23, 1.05)
ax.set_xlim(-2.5, 62.5)
ax.set_yticks(np.arange(0, 1.01, 0.2)); ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.set_xticks(ticks)
ax.set_xlabel("Months from Randomization")
ax.set_ylabel("Survival Probability")
for s in ax.spines.values():
    s.set_color("#888888"); s.set_linewidth(0.7)
ax.tick_params(colors="#333333", length=3, width=0.6)
# log-rank inset table, top right
tb = ax.table(cellText=[["Logrank p", f"{p:.4f}" if p >= 0.0001 else "<.0001"]],
              cellLoc="left", bbox=[0.74, 0.90, 0.24, 0.07])
tb.auto_set_font_size(False); tb.set_fontsize(7.5)
for cell in tb.get_celld().values():
    cell.set_edgecolor("#888888"); cell.set_linewidth(0.5)
fig.text(0.53, 0.955, "Product-Limit Survival Estimates", ha="center", fontsize=10.5, weight="bold")
fig.text(0.53, 0.905, "With Number of Subjects at Risk", ha="center", fontsize=9)
# legend below: "+ Censored" and the strata
from matplotlib.lines import Line2D
h1 = [Line2D([], [], ls="none", marker="+", color="black", ms=6)]
leg1 = fig.legend(h1, ["Censored"], loc="lower left", bbox_to_anchor=(0.10, 0.035), frameon=True,
                  fontsize=8, edgecolor="#888888", fancybox=False)
h2 = [Line2D([], [], color=c, lw=1.0) for c in cols]
fig.legend(h2, [g[0] for g in groups], loc="lower left", bbox_to_anchor=(0.33, 0.035), ncol=3,
           frameon=True, fontsize=8, edgecolor="#888888", fancybox=False, title="Group", title_fontsize=8)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=200, facecolor="white")

meta = {"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "months", "style": "SAS PROC LIFETEST ODS graphics, HTMLBlue style (matplotlib imitation)"}
json.dump(meta, open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
print("p", p, ipd.groupby("curve").event.agg(["size", "mean"]))
