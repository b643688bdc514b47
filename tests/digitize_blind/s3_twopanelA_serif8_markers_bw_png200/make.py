"""s3: two-panel figure (A: Kaplan-Meier, B: forest plot of subgroup hazard ratios) in a
plain black-and-white print style: serif 8 pt tick labels, the three KM curves all drawn as
the same solid black line and told apart only by marker symbols placed on every step.
Matplotlib by hand. Writes figure.png (200 dpi) and truth/*."""
import json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1203)


def km_steps(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    s = 1.0; pts = [(0.0, 1.0)]; lows = []
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s)); lows.append((u, s))
    if t.max() > pts[-1][0]:
        pts.append((t.max(), s))
    return pts, lows


specs = [(92, 1500), (97, 900), (88, 520)]   # n, median (days)
groups = []
for g, (n, med) in enumerate(specs, start=1):
    ev = rng.weibull(1.3, n) * med / np.log(2) ** (1 / 1.3)
    c = np.minimum(rng.uniform(400, 1800, n), rng.exponential(6000, n))
    t = np.ceil(np.minimum(ev, c)).astype(int)
    e = (ev <= c).astype(int)
    groups.append((g, t, e))

labels = ["Stage I", "Stage II", "Stage III"]
markers = [dict(marker="o", mfc="white"), dict(marker="^", mfc="black"), dict(marker="s", mfc="white")]
serif = "Nimbus Roman"
plt.rcParams.update({"font.family": serif, "font.size": 8, "axes.linewidth": 0.6,
                     "xtick.major.width": 0.6, "ytick.major.width": 0.6,
                     "xtick.direction": "in", "ytick.direction": "in"})
fig = plt.figure(figsize=(7.2, 3.1))
ax = fig.add_axes([0.075, 0.14, 0.47, 0.80])
curves, ipd = [], []
handles = []
for (g, t, e), lab, mk in zip(groups, labels, markers):
    pts, lows = km_steps(t, e)
    xs, ys = zip(*pts)
    ax.plot(xs, ys, color="black", lw=0.8, drawstyle="default")
    lx, ly = zip(*lows)
    ax.plot(lx, ly, ls="none", color="black", ms=3.3, mew=0.6, mec="black", **mk)
    h, = ax.plot([], [], color="black", lw=0.8, ms=3.3, mew=0.6, mec="black", **mk)
    handles.append(h)
    curves += [(g, x, y) for x, y in pts]
    ipd += [(g, ti, ei) for ti, ei in zip(t, e)]
ax.set_xlim(0, 1800); ax.set_ylim(0, 1.0)
ax.set_xticks(range(0, 1801, 300)); ax.set_yticks(np.linspace(0, 1, 6))
ax.set_yticklabels(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
for lab in ax.get_xticklabels() + ax.get_yticklabels():
    lab.set_fontfamily(serif); lab.set_fontsize(8)
ax.set_xlabel("Time after surgery (days)", fontsize=9)
ax.set_ylabel("Overall survival", fontsize=9)
ax.legend(handles, labels, loc="upper right", frameon=False, fontsize=8, handlelength=2.6)
fig.text(0.012, 0.955, "A", fontsize=13, fontweight="bold", va="top")

# panel B: forest plot (not a survival curve)
bx = fig.add_axes([0.70, 0.14, 0.285, 0.80])
sub = ["Age < 65", "Age \u2265 65", "Male", "Female", "ECOG 0", "ECOG 1\u20132", "Overall"]
hr = np.array([1.62, 2.10, 1.88, 1.71, 1.55, 2.35, 1.84])
lo = hr * np.exp(-1.96 * np.array([.22, .25, .2, .27, .24, .29, .15]))
hi = hr * np.exp(+1.96 * np.array([.22, .25, .2, .27, .24, .29, .15]))
yy = np.arange(len(sub))[::-1]
bx.errorbar(hr, yy, xerr=[hr - lo, hi - hr], fmt="none", ecolor="black", elinewidth=0.7, capsize=1.8)
bx.plot(hr[:-1], yy[:-1], "s", color="black", ms=3.5)
bx.plot(hr[-1:], yy[-1:], "D", color="black", ms=5)
bx.axvline(1, color="black", lw=0.6, ls=":")
bx.set_xscale("log"); bx.set_xlim(0.7, 4.5)
bx.set_xticks([0.8, 1, 2, 4]); bx.set_xticklabels(["0.8", "1", "2", "4"])
bx.minorticks_off()
bx.set_yticks(yy); bx.set_yticklabels(sub)
bx.set_ylim(-0.8, len(sub) - 0.2)
for lab in bx.get_xticklabels() + bx.get_yticklabels():
    lab.set_fontfamily(serif); lab.set_fontsize(8)
bx.set_xlabel("Hazard ratio (III vs I, 95% CI)", fontsize=9)
fig.text(0.565, 0.955, "B", fontsize=13, fontweight="bold", va="top")

fig.savefig(os.path.join(HERE, "figure.png"), dpi=200, facecolor="white")

os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 1800], "y_range": [0, 1], "n_curves": 3, "x_unit": "days",
           "style": "two-panel B&W print figure, KM is panel A; serif 8 pt ticks; curves told apart by step markers only"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)

if os.environ.get("CHECK"):
    tc = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    for c, d in tc.groupby("curve"):
        ax.plot(d.time, d.value, "-", lw=0.4, color="red")
    fig.savefig(os.environ["CHECK"], dpi=400)
