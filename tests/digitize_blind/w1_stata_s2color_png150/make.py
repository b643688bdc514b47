"""Stata `sts graph, by(arm)` look-alike, s2color scheme, drawn by hand in matplotlib.
Writes figure.png (150 dpi) and truth/*.csv, truth/meta.json from a fixed seed."""
import json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(16001)

# ---------- data: 3 arms, times in days ----------
arms = [("Placebo", 120, 1 / 900.0), ("Low dose", 150, 1 / 1400.0), ("High dose", 110, 1 / 2300.0)]
rows = []
for k, (name, n, lam) in enumerate(arms, start=1):
    ev = rng.weibull(1.25, n) * (1 / lam)
    entry_cens = rng.uniform(900, 2000, n)          # administrative censoring (staggered entry)
    drop = rng.exponential(6000, n)                 # loss to follow-up
    c = np.minimum(entry_cens, drop)
    t = np.ceil(np.minimum(ev, c))                  # whole days
    e = (ev <= c).astype(int)
    for ti, ei in zip(t, e):
        rows.append((k, float(ti), int(ei)))
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])


def km(times, events):
    times = np.asarray(times, float); events = np.asarray(events, int)
    ut = np.unique(times[events == 1])
    s = 1.0; out = []
    for t in ut:
        n = np.sum(times >= t); d = np.sum((times == t) & (events == 1))
        s *= 1 - d / n
        out.append((t, s))
    return out


def corners(times, events):
    pts = [(0.0, 1.0)]; s = 1.0
    for t, snew in km(times, events):
        pts.append((t, s)); pts.append((t, snew)); s = snew
    tmax = float(np.max(times))
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    return pts

# ---------- figure ----------
BG = (234 / 255, 242 / 255, 243 / 255)      # s2color graph region (light bluish gray)
GRID = (214 / 255, 226 / 255, 230 / 255)
COLS = [(26 / 255, 71 / 255, 111 / 255), (144 / 255, 53 / 255, 59 / 255), (85 / 255, 117 / 255, 47 / 255)]
plt.rcParams["font.family"] = "Liberation Sans"
fig = plt.figure(figsize=(5.5, 4.0), dpi=150, facecolor=BG)
ax = fig.add_axes([0.13, 0.265, 0.82, 0.615])
ax.set_facecolor("white")
truth = []
handles = []
for k, (name, n, lam) in enumerate(arms, start=1):
    d = ipd[ipd.curve == k]
    pts = corners(d.time.values, d.event.values)
    for t, v in pts:
        truth.append((k, t, v))
    xs, ys = zip(*pts)
    h, = ax.plot(xs, ys, color=COLS[k - 1], lw=1.1, solid_joinstyle="miter")
    handles.append(h)
ax.set_xlim(-40, 2040)
ax.set_ylim(-0.02, 1.02)
ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
ax.set_yticklabels(["0.00", "0.25", "0.50", "0.75", "1.00"], fontsize=8)
ax.set_xticks([0, 500, 1000, 1500, 2000])
ax.set_xticklabels(["0", "500", "1000", "1500", "2000"], fontsize=8)
ax.yaxis.grid(True, color=GRID, lw=0.8)
ax.set_axisbelow(True)
for sp in ("top", "right"):
    ax.spines[sp].set_visible(False)
for sp in ("left", "bottom"):
    ax.spines[sp].set_color("black"); ax.spines[sp].set_linewidth(0.7)
ax.tick_params(direction="out", length=3.5, width=0.7, colors="black")
ax.set_xlabel("analysis time (days)", fontsize=8.5)
fig.text(0.54, 0.93, "Kaplan-Meier survival estimates", ha="center", va="center", fontsize=11.5)
# Stata fills legend rows first: row 1 = Placebo, Low dose; row 2 = High dose (matplotlib fills columns)
leg = fig.legend([handles[0], handles[2], handles[1]], ["arm = Placebo", "arm = High dose", "arm = Low dose"], loc="lower center",
                 bbox_to_anchor=(0.54, 0.025), ncol=2, fontsize=8, frameon=True, fancybox=False,
                 edgecolor="black", facecolor="white", handlelength=3.2, columnspacing=3.0)
leg.get_frame().set_linewidth(0.6)
fig.savefig(os.path.join(HERE, "figure.png"), dpi=150, facecolor=BG)

# ---------- truth ----------
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
pd.DataFrame(truth, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth", "curves.csv"), index=False)
ipd.to_csv(os.path.join(HERE, "truth", "ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 2000], "y_range": [0, 1], "n_curves": 3, "x_unit": "days",
           "style": "Stata sts graph, s2color scheme (blue-grey graph region, white plot region, horizontal grid, "
                    "horizontal y labels, boxed two-column legend below the plot)"},
          open(os.path.join(HERE, "truth", "meta.json"), "w"), indent=1)
