"""u1: Stata `sts graph, by(arm)` look-alike in the default s2color scheme (matplotlib by hand).
Writes figure.png (150 dpi) and truth/*.csv, truth/meta.json.  Run: python make.py [--check]"""
import json, os, sys
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1401)

# ---------------- data: three arms, years ----------------
arms = [("arm = Standard", 160, 0.22, 1.0),  # label, n, hazard-ish scale, weibull shape
        ("arm = Low dose", 150, 0.15, 1.15),
        ("arm = High dose", 140, 0.10, 1.3)]
rows = []
for k, (lab, n, lam, shape) in enumerate(arms, start=1):
    ev = (rng.weibull(shape, n) / lam)                      # event time (years)
    acc = rng.uniform(0, 4.0, n)                            # staggered accrual
    admin = 8.6 - acc                                       # admin censoring at 8.6 y calendar
    loss = rng.exponential(25.0, n)                         # loss to follow-up
    cens = np.minimum(admin, loss)
    t = np.minimum(ev, cens)
    e = (ev <= cens).astype(int)
    t = np.round(t, 3)
    t = np.maximum(t, 0.005)
    for ti, ei in zip(t, e):
        rows.append((k, float(ti), int(ei)))
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])


def km_steps(t, e):
    """x, y arrays for a post-step plot from (0,1) to the last follow-up time."""
    order = np.argsort(t)
    t, e = np.asarray(t)[order], np.asarray(e)[order]
    s, xs, ys = 1.0, [0.0], [1.0]
    n = len(t)
    for u in np.unique(t[e == 1]):
        at_risk = np.sum(t >= u)
        d = np.sum((t == u) & (e == 1))
        s *= 1 - d / at_risk
        xs.append(float(u)); ys.append(s)
    tmax = float(t.max())
    if tmax > xs[-1]:
        xs.append(tmax); ys.append(ys[-1])
    return np.array(xs), np.array(ys)


def corners(xs, ys):
    out = [(xs[0], ys[0])]
    for i in range(1, len(xs)):
        out.append((xs[i], ys[i - 1]))
        if ys[i] != ys[i - 1]:
            out.append((xs[i], ys[i]))
    # drop consecutive duplicates
    ded = [out[0]]
    for p in out[1:]:
        if p != ded[-1]:
            ded.append(p)
    return ded


# ---------------- figure ----------------
plt.rcParams["font.family"] = ["Liberation Sans", "DejaVu Sans"]
BG = "#EAF2F3"          # s2color 'ltbluishgray' graph region
GRID = "#D4E3E6"
cols = ["#1A476F", "#90353B", "#55752F"]   # navy, maroon, forest_green
fig = plt.figure(figsize=(5.5, 4.0), dpi=150, facecolor=BG)
ax = fig.add_axes([0.13, 0.27, 0.82, 0.60])
ax.set_facecolor("white")
steps = []
for k in (1, 2, 3):
    d = ipd[ipd.curve == k]
    xs, ys = km_steps(d.time.values, d.event.values)
    steps.append((xs, ys))
    ax.step(xs, ys, where="post", color=cols[k - 1], lw=1.1, label=arms[k - 1][0])
ax.set_xlim(-0.35, 8.95)
ax.set_ylim(-0.03, 1.03)
ax.set_xticks(range(0, 9, 2))
ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"])
ax.yaxis.grid(True, color=GRID, lw=0.9)
ax.set_axisbelow(True)
for sp in ("top", "right"):
    ax.spines[sp].set_visible(False)
for sp in ("left", "bottom"):
    ax.spines[sp].set_color("black"); ax.spines[sp].set_linewidth(0.7)
ax.tick_params(labelsize=8.5, length=4, width=0.7, colors="black")
ax.set_xlabel("analysis time (years)", fontsize=9)
fig.suptitle("Kaplan-Meier survival estimates", fontsize=11.5, y=0.955)
leg = fig.legend(loc="lower center", bbox_to_anchor=(0.54, 0.015), ncol=3, fontsize=8.5,
                 frameon=True, fancybox=False, edgecolor="black", facecolor="white",
                 handlelength=3.0, columnspacing=2.2, borderpad=0.7)
leg.get_frame().set_linewidth(0.6)

check = "--check" in sys.argv
if check:
    for k in (1, 2, 3):
        c = corners(*steps[k - 1])
        ax.plot([p[0] for p in c], [p[1] for p in c], ".", color="magenta", ms=2.5, zorder=10)
    os.makedirs(os.path.join(HERE, "check"), exist_ok=True)
    fig.savefig(os.path.join(HERE, "check", "check_overlay.png"), dpi=150, facecolor=BG)
    sys.exit(0)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=150, facecolor=BG)

# ---------------- truth ----------------
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
ipd.to_csv(os.path.join(HERE, "truth", "ipd.csv"), index=False)
cr = []
for k in (1, 2, 3):
    for x, y in corners(*steps[k - 1]):
        cr.append((k, round(x, 4), round(y, 6)))
pd.DataFrame(cr, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth", "curves.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 8], "y_range": [0, 1], "n_curves": 3,
           "x_unit": "years", "style": "Stata sts graph default s2color scheme look-alike (matplotlib)"},
          open(os.path.join(HERE, "truth", "meta.json"), "w"), indent=1)
