"""R base graphics (cmprsk plot.cuminc) style competing-risk curves as vector PDF (set 22, c5).
The two curves are 1 - Kaplan-Meier of each cause, treating the other cause as censored."""
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

# ---------------------------------------------------------------- data: one group, two causes
rng = np.random.default_rng(220505)
GROUPS = ["Relapse", "Non-relapse mortality"]    # curve 1 = cause 1 (solid), 2 = cause 2 (dashed)
N = 212
t1 = 9.0 * rng.weibull(0.85, N)                  # latent time to relapse, years
t2 = rng.exponential(1.0 / 0.045, N)             # latent time to non-relapse death
admin = rng.uniform(0.8, 9.4, N)                 # staggered follow-up
t = np.round(np.minimum(np.minimum(t1, t2), admin), 2)
t = np.maximum(t, 0.01)
cause = np.where(admin <= np.minimum(t1, t2), 0, np.where(t1 <= t2, 1, 2))

ipd, curve_rows, steps = [], [], {}
for k in (1, 2):
    e = (cause == k).astype(int)                 # the other cause is treated as censored
    ipd += [(k, ti, ei) for ti, ei in zip(t, e)]
    xs, ys = km_steps(t, e)
    inc = 1.0 - ys                               # "cumulative incidence" = 1 - KM of this cause
    steps[k] = (xs, inc)
    curve_rows += [(k, x, v) for x, v in zip(xs, inc)]

# ---------------------------------------------------------------- figure: R base graphics look
plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 12,
                     "pdf.fonttype": 42, "axes.linewidth": 0.75,
                     "lines.solid_capstyle": "round", "lines.dash_capstyle": "butt"})
FW = FH = 7.0                                   # R pdf() default 7 x 7 in
L, B, R, T = 4.1 * 0.2, 5.1 * 0.2, 2.1 * 0.2, 4.1 * 0.2   # par(mar = c(5,4,4,2) + 0.1)
fig = plt.figure(figsize=(FW, FH))
ax = fig.add_axes([L / FW, B / FH, (FW - L - R) / FW, (FH - B - T) / FH])
tmax = float(t.max())
ax.set_xlim(-0.04 * tmax, 1.04 * tmax)          # xaxs = "r"
ax.set_ylim(-0.04, 1.04)                         # ylim = c(0, 1), yaxs = "r"
xt = [v for v in range(0, 12, 2) if v <= 1.04 * tmax]
yt = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
ax.set_xticks(xt)
ax.set_xticklabels([str(v) for v in xt])
ax.set_yticks(yt)
ax.set_yticklabels(["%.1f" % v for v in yt], rotation=90, va="center")
ax.tick_params(direction="out", length=7.2, width=0.75, pad=4.5, labelsize=12)
# R draws the axis line only between the first and last tick, plus box()
for s in ax.spines.values():
    s.set_linewidth(0.75)
ax.set_xlabel("Years", labelpad=14)
ax.set_ylabel("Probability", labelpad=14)
LS = {1: "-", 2: (0, (4, 4))}
for k in (1, 2):
    xs, v = steps[k]
    ax.plot(xs, v, color="black", lw=0.75, ls=LS[k], solid_joinstyle="miter")
# legend(wh[1], wh[2], curvlab, lty = 1:2, bty = "n") with top-left corner at (0, 1)
handles = [Line2D([], [], color="black", lw=0.75, ls=LS[k], label=GROUPS[k - 1]) for k in (1, 2)]
ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 1.0),
          bbox_transform=ax.transData, frameon=False, handlelength=2.0,
          borderaxespad=0.0, borderpad=0.3, labelspacing=0.25, handletextpad=0.6)

fig.savefig("figure.pdf", format="pdf", metadata={"CreationDate": None})
plt.close(fig)

meta = {
    "kind": "incidence",
    "x_range": [xt[0], xt[-1]],
    "y_range": [0.0, 1.0],
    "n_curves": 2,
    "x_unit": "years",
    "style": "R base graphics / cmprsk plot.cuminc look, vector PDF: black solid (cause 1) and "
             "dashed (cause 2) rising steps, 0-1 y axis with rotated tick labels, full box, "
             "boxless legend at top-left",
    "groups": GROUPS,
}
write_truth(ipd, curve_rows, None, meta)
print("tmax", tmax, "xt", xt, "counts", np.bincount(cause))
