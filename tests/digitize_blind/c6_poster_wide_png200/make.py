"""Wide conference-poster Kaplan-Meier panel with direct curve labels (set 22, c6)."""
import csv, json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

# ---------- shared helpers (copied into every make.py so each is self-contained) ----------
def km_steps(t, e):
    """Step corners of the Kaplan-Meier estimate: (0,1), both corners at each event
    time, and the last follow-up time at the final level."""
    t = np.asarray(t, float)
    e = np.asarray(e, int)
    xs, ys, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        xs.append(float(u)); ys.append(s)
        s = s * (1.0 - d / n)
        xs.append(float(u)); ys.append(s)
    tmax = float(t.max())
    if tmax > xs[-1]:
        xs.append(tmax); ys.append(s)
    return np.array(xs), np.array(ys)


def step_value(xs, ys, t):
    """Right-continuous value of the step function at time t."""
    idx = np.searchsorted(xs, t, side="right") - 1
    return ys[idx]


def n_at_risk(t, when):
    t = np.asarray(t, float)
    return [int((t >= w).sum()) for w in when]


def write_truth(ipd_rows, curve_rows, at_risk_rows, meta):
    os.makedirs("truth", exist_ok=True)
    with open("truth/ipd.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["curve", "time", "event"])
        for c, t, e in ipd_rows:
            w.writerow([c, repr(float(t)), int(e)])
    with open("truth/curves.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["curve", "time", "value"])
        for c, t, v in curve_rows:
            w.writerow([c, repr(float(t)), "%.10g" % v])
    if at_risk_rows is not None:
        with open("truth/at_risk.csv", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["curve", "time", "n_at_risk"])
            for c, t, n in at_risk_rows:
                w.writerow([c, t, n])
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ------------------------------------------------------------------------------------------

# ---------------------------------------------------------------- data
rng = np.random.default_rng(220606)
GROUPS = ["Low risk", "Intermediate risk", "High risk"]    # curve 1..3, top to bottom
COLORS = ["#0072B2", "#E69F00", "#C0392B"]
N = [142, 165, 118]
HAZ = [0.032, 0.10, 0.26]                                   # per year

ipd = []
for k in range(3):
    ev_t = rng.exponential(1.0 / HAZ[k], N[k])
    admin = np.minimum(rng.uniform(1.0, 6.5, N[k]), 5.0)    # analysis cut at 5 years
    drop = rng.exponential(40.0, N[k])
    cens = np.minimum(admin, drop)
    t = np.round(np.minimum(ev_t, cens), 3)
    t = np.maximum(t, 0.005)
    e = (ev_t <= cens).astype(int)
    for ti, ei in zip(t, e):
        ipd.append((k + 1, ti, ei))
ipd_df = pd.DataFrame(ipd, columns=["curve", "time", "event"])

steps, curve_rows = {}, []
for k in (1, 2, 3):
    d = ipd_df[ipd_df.curve == k]
    xs, ys = km_steps(d.time, d.event)
    steps[k] = (xs, ys)
    curve_rows += [(k, x, v) for x, v in zip(xs, ys)]

# ---------------------------------------------------------------- figure: wide poster panel
plt.rcParams.update({"font.family": "Carlito", "font.size": 26,
                     "axes.linewidth": 2.0, "xtick.major.width": 2.0, "ytick.major.width": 2.0,
                     "xtick.major.size": 9, "ytick.major.size": 9,
                     "lines.solid_capstyle": "butt"})
fig = plt.figure(figsize=(15.0, 5.0))
ax = fig.add_axes([0.085, 0.20, 0.70, 0.74])
for k in (1, 2, 3):
    xs, ys = steps[k]
    ax.plot(xs, 100 * ys, color=COLORS[k - 1], lw=3.0, solid_joinstyle="miter",
            clip_on=False, zorder=3)
ax.set_xlim(0, 5)
ax.set_ylim(0, 100)
ax.set_xticks(range(0, 6))
ax.set_yticks(range(0, 101, 25))
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.set_xlabel("Years from diagnosis", fontweight="bold")
ax.set_ylabel("Overall survival (%)", fontweight="bold")
ax.grid(axis="y", color="#DDDDDD", lw=1.2)
ax.set_axisbelow(True)
# direct labels at the right ends of the curves (nudged apart if they would collide)
ends = [(k, steps[k][0][-1], 100 * steps[k][1][-1]) for k in (1, 2, 3)]
ypos = [e[2] for e in ends]
for i in range(1, 3):                       # curves are ordered top to bottom at the end
    ypos[i] = min(ypos[i], ypos[i - 1] - 12.0)
for (k, xe, ye), yl in zip(ends, ypos):
    ax.text(xe + 0.08, yl, "%s" % GROUPS[k - 1], color=COLORS[k - 1], fontsize=26,
            fontweight="bold", ha="left", va="center", clip_on=False)

fig.savefig("figure.png", dpi=200, metadata={"Software": None})
plt.close(fig)

meta = {
    "kind": "survival",
    "x_range": [0, 5],
    "y_range": [0, 100],
    "n_curves": 3,
    "x_unit": "years",
    "style": "wide 3:1 conference-poster panel: 3 pt blue/orange/red steps, large bold Carlito "
             "text, percent y axis with light horizontal grid, open axes, curves labelled "
             "directly at their right ends instead of a legend; PNG 200 dpi",
    "groups": GROUPS,
}
write_truth(ipd, curve_rows, None, meta)
print(ends)
