"""SAS ODS PROC LIFETEST-like survival plot with at-risk numbers inside (set 22, c2)."""
import csv, json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

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
rng = np.random.default_rng(220202)
GROUPS = ["Placebo", "Active"]                 # stratum order = curve 1, 2
COLORS = ["#445694", "#A23A2E"]                # SAS HTMLBlue GraphData1 / GraphData2
N = [118, 124]
SCALE = [1150.0, 1900.0]                       # Weibull scale in days
SHAPE = [1.05, 0.95]

ipd = []
for k in range(2):
    ev_t = SCALE[k] * rng.weibull(SHAPE[k], N[k])
    admin = rng.uniform(650.0, 2620.0, N[k])               # staggered entry
    drop = rng.exponential(6000.0, N[k])
    cens = np.minimum(admin, drop)
    t = np.ceil(np.minimum(ev_t, cens))                    # whole days
    e = (ev_t <= cens).astype(int)
    for ti, ei in zip(t, e):
        ipd.append((k + 1, ti, ei))
ipd_df = pd.DataFrame(ipd, columns=["curve", "time", "event"])

XT = np.arange(0, 2501, 500)
steps, curve_rows, risk_rows = {}, [], []
for k in (1, 2):
    d = ipd_df[ipd_df.curve == k]
    xs, ys = km_steps(d.time, d.event)
    steps[k] = (xs, ys)
    curve_rows += [(k, x, v) for x, v in zip(xs, ys)]
    risk_rows += [(k, int(w), n) for w, n in zip(XT, n_at_risk(d.time, XT))]

# ---------------------------------------------------------------- figure (SAS ODS look)
plt.rcParams.update({
    "font.family": "Liberation Sans", "font.size": 8,
    "axes.linewidth": 0.7, "axes.edgecolor": "#606060",
    "xtick.color": "#303030", "ytick.color": "#303030",
    "xtick.major.size": 3.5, "ytick.major.size": 3.5,
    "xtick.direction": "out", "ytick.direction": "out",
})
fig = plt.figure(figsize=(6.4, 4.8))
fig.text(0.5, 0.965, "Product-Limit Survival Estimates", ha="center", va="center",
         fontsize=10.5, fontweight="bold", color="#111111")
fig.text(0.5, 0.925, "With Number of Subjects at Risk", ha="center", va="center",
         fontsize=8.5, color="#111111")
ax = fig.add_axes([0.115, 0.205, 0.855, 0.685])
ax.set_facecolor("#E8E8E8")                     # light grey plot wall
YMIN = -0.185
ax.set_xlim(-0.045 * 2620, 2620 * 1.025)
ax.set_ylim(YMIN, 1.03)
ax.set_xticks(XT)
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels(["%.1f" % v for v in np.arange(0, 1.01, 0.2)])
ax.set_xlabel("Days")
ax.set_ylabel("Survival Probability")
for k in (1, 2):
    xs, ys = steps[k]
    ax.plot(xs, ys, color=COLORS[k - 1], lw=1.0, solid_joinstyle="miter", zorder=3)
    d = ipd_df[(ipd_df.curve == k) & (ipd_df.event == 0)]
    ax.plot(d.time, step_value(xs, ys, d.time.values), ls="none", marker="+",
            ms=5.5, mew=0.9, color=COLORS[k - 1], zorder=4)
# at-risk numbers INSIDE the plot at its bottom, coloured by stratum
for (c, w, n) in risk_rows:
    yrow = -0.065 if c == 1 else -0.135
    ax.text(w, yrow, str(n), ha="center", va="center", fontsize=7.5, color=COLORS[c - 1])
# "+ Censored" inset, top right, framed
ins = ax.legend(handles=[Line2D([], [], ls="none", marker="+", ms=5.5, mew=0.9,
                                color="#303030", label="Censored")],
                loc="upper right", fancybox=False, framealpha=1.0, edgecolor="#808080",
                facecolor="#E8E8E8", handlelength=1.0, borderpad=0.35, fontsize=8)
ins.get_frame().set_linewidth(0.6)
# "Stratum" legend box below the plot
handles = [Line2D([], [], color=COLORS[i], lw=1.0, label=GROUPS[i]) for i in range(2)]
leg = fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.54, 0.012),
                 ncol=2, title="Stratum", fancybox=False, edgecolor="#808080",
                 framealpha=1.0, handlelength=2.8, columnspacing=2.0, fontsize=8,
                 title_fontsize=8, borderpad=0.5)
leg.get_frame().set_linewidth(0.6)
leg._legend_box.align = "left"
# SAS puts the title to the left of the entries: emulate with a horizontal packer
from matplotlib.offsetbox import HPacker
title_box, entries_box = leg._legend_box.get_children()
leg._legend_box = HPacker(pad=leg.borderpad * 8, sep=12, align="center",
                          children=[title_box, entries_box])
leg._legend_box.set_figure(fig)
leg._legend_box.set_offset(leg._findoffset)

fig.savefig("figure.png", dpi=150, metadata={"Software": None})
plt.close(fig)

meta = {
    "kind": "survival",
    "x_range": [0, 2500],
    "y_range": [0.0, 1.0],
    "n_curves": 2,
    "x_unit": "days",
    "style": "SAS ODS PROC LIFETEST default: light grey wall, blue/red thin steps with '+' "
             "censor marks, '+ Censored' inset, coloured at-risk numbers inside the plot "
             "bottom, boxed 'Stratum' legend below; PNG 150 dpi",
    "groups": GROUPS,
}
write_truth(ipd, curve_rows, risk_rows, meta)
