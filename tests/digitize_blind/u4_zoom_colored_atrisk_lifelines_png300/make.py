"""u4: lifelines KaplanMeierFitter curves, y axis zoomed to 0.4-1.0 with a '//' axis-break mark on
the y spine, numbers at risk printed below in each curve's own colour. PNG, 300 dpi.
Run: python make.py [--check]"""
import json, os, sys
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1404)
groups = [("Usual care", 260, 0.0150), ("Nurse-led follow-up", 245, 0.0112), ("Telemonitoring", 230, 0.0078)]
rows = []
for k, (lab, n, lam) in enumerate(groups, start=1):
    ev = rng.exponential(1 / lam, n) * rng.choice([0.5, 1.0, 1.6], n, p=[0.25, 0.5, 0.25])
    acc = rng.uniform(0, 30, n)                       # accrual month
    cens = np.minimum(np.minimum(60.0 - acc, 48.0), rng.exponential(200, n))
    t = np.maximum(np.round(np.minimum(ev, cens), 2), 0.03)
    e = (ev <= cens).astype(int)
    rows += [(k, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])

plt.rcParams["font.family"] = ["DejaVu Sans"]
cols = ["#E07B00", "#2A7F62", "#6A3D9A"]
fig = plt.figure(figsize=(7.0, 5.0), dpi=300)
ax = fig.add_axes([0.25, 0.37, 0.72, 0.59])
kmfs = []
for k, (lab, n, lam) in enumerate(groups, start=1):
    d = ipd[ipd.curve == k]
    kmf = KaplanMeierFitter(label=lab).fit(d.time, d.event)
    kmf.plot_survival_function(ax=ax, ci_show=False, color=cols[k - 1], lw=1.4)
    kmfs.append(kmf)
ax.set_xlim(0, 48.5)
ax.set_ylim(0.37, 1.01)
ax.set_xticks(range(0, 49, 6))
ax.set_yticks(np.arange(0.4, 1.001, 0.1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0.4, 1.001, 0.1)])
for sp in ("top", "right"):
    ax.spines[sp].set_visible(False)
ax.tick_params(labelsize=9)
ax.set_xlabel("Months since discharge", fontsize=10)
ax.set_ylabel("Freedom from readmission or death", fontsize=10)
leg = ax.legend(loc="lower left", frameon=False, fontsize=9, handlelength=2.2, bbox_to_anchor=(0.03, 0.03))
# axis-break mark: two short parallel slashes across the left spine near its bottom
yb = 0.383
tr = ax.transAxes
y_ax = (yb - 0.37) / (1.01 - 0.37)
for dy in (0.0, 0.02):
    ax.plot([-0.015, 0.015], [y_ax - 0.012 + dy, y_ax + 0.012 + dy], transform=tr, color="black", lw=0.9,
            clip_on=False, zorder=5)
ax.add_patch(plt.Rectangle((-0.014, y_ax + 0.0), 0.028, 0.02, transform=tr, color="white", clip_on=False, zorder=4))

# numbers at risk, each row in its curve's colour
times = list(range(0, 49, 6))
fig.text(0.02, 0.225, "No. at risk", fontsize=9, fontweight="bold")
ar_rows = []
for k in (1, 2, 3):
    d = ipd[ipd.curve == k]
    yrow = 0.175 - (k - 1) * 0.05
    fig.text(0.02, yrow, groups[k - 1][0], fontsize=8.5, color=cols[k - 1], va="center")
    for t in times:
        n = int((d.time >= t).sum())
        ar_rows.append((k, t, n))
        xf = ax.transData.transform((t, 0))[0]
        xf = fig.transFigure.inverted().transform((xf, 0))[0]
        fig.text(xf, yrow, str(n), fontsize=8.5, color=cols[k - 1], ha="center", va="center")


def corners_from(sf):
    xs = sf.index.values.astype(float); ys = sf.iloc[:, 0].values.astype(float)
    out = [(xs[0], ys[0])]
    for i in range(1, len(xs)):
        out.append((xs[i], ys[i - 1]))
        if ys[i] != ys[i - 1]:
            out.append((xs[i], ys[i]))
    ded = [out[0]]
    for p in out[1:]:
        if p != ded[-1]:
            ded.append(p)
    return ded


cr = []
for k in (1, 2, 3):
    for x, y in corners_from(kmfs[k - 1].survival_function_):
        cr.append((k, round(x, 4), round(y, 6)))
cr = pd.DataFrame(cr, columns=["curve", "time", "value"])
assert cr.value.min() > 0.4, cr.value.min()

if "--check" in sys.argv:
    ax.plot(cr.time, cr.value, ".", color="magenta", ms=1.5, zorder=10)
    os.makedirs(os.path.join(HERE, "check"), exist_ok=True)
    fig.savefig(os.path.join(HERE, "check", "check_overlay.png"), dpi=150)
    sys.exit(0)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=300)
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
ipd.to_csv(os.path.join(HERE, "truth", "ipd.csv"), index=False)
cr.to_csv(os.path.join(HERE, "truth", "curves.csv"), index=False)
pd.DataFrame(ar_rows, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(HERE, "truth", "at_risk.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 48], "y_range": [0.4, 1.0], "n_curves": 3, "x_unit": "months",
           "style": "lifelines KaplanMeierFitter plot, y axis zoomed 0.4-1.0 with axis-break slashes, coloured numbers at risk"},
          open(os.path.join(HERE, "truth", "meta.json"), "w"), indent=1)
