"""Lancet-like cumulative incidence figure with numbers at risk (set 22, c1)."""
import csv, json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.transforms

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
rng = np.random.default_rng(220101)
GROUPS = ["Usual care", "Intervention"]          # legend order = curve 1, 2
COLORS = ["#00468B", "#AD002A"]                  # Lancet-like muted navy / dark red
N = [184, 181]
HAZ = [0.0175, 0.0108]                           # per month, event = e.g. stroke

ipd = []
for k in range(2):
    ev_t = rng.weibull(1.1, N[k]) / (HAZ[k] ** 1.0) * 0.95
    admin = np.minimum(rng.uniform(9.0, 42.0, N[k]), 36.0)    # data cut-off, max 36 mo
    drop = rng.exponential(150.0, N[k])                        # loss to follow-up
    cens = np.minimum(admin, drop)
    t = np.round(np.minimum(ev_t, cens), 2)
    t = np.maximum(t, 0.05)
    e = (ev_t <= cens).astype(int)
    for ti, ei in zip(t, e):
        ipd.append((k + 1, ti, ei))
ipd_df = pd.DataFrame(ipd, columns=["curve", "time", "event"])

XT = np.arange(0, 37, 6)
steps, curve_rows, risk_rows = {}, [], []
for k in (1, 2):
    d = ipd_df[ipd_df.curve == k]
    xs, ys = km_steps(d.time, d.event)
    inc = 1.0 - ys                                   # cumulative incidence = 1 - KM
    steps[k] = (xs, inc)
    curve_rows += [(k, x, v) for x, v in zip(xs, inc)]
    risk_rows += [(k, int(w), n) for w, n in zip(XT, n_at_risk(d.time, XT))]

# hazard ratio (intervention vs usual care) and log-rank p
from lifelines import CoxPHFitter
from lifelines.statistics import logrank_test
cdf = ipd_df.assign(trt=(ipd_df.curve == 2).astype(int))[["time", "event", "trt"]]
cph = CoxPHFitter().fit(cdf, "time", "event")
hr = float(np.exp(cph.params_["trt"]))
lo, hi = [float(v) for v in np.exp(cph.confidence_intervals_.loc["trt"].values)]
p = logrank_test(cdf.time[cdf.trt == 0], cdf.time[cdf.trt == 1],
                 cdf.event[cdf.trt == 0], cdf.event[cdf.trt == 1]).p_value
def dot(s):            # Lancet prints decimals with a mid-line point
    return s.replace(".", "\u00b7")
ptxt = "p<0\u00b70001" if p < 1e-4 else "p=" + dot("%.4f" % p if p < 0.01 else "%.2f" % p)
hr_text = "Hazard ratio %s (95%% CI %s\u2013%s)\n%s" % (dot("%.2f" % hr), dot("%.2f" % lo),
                                                       dot("%.2f" % hi), ptxt)

# ---------------------------------------------------------------- figure
plt.rcParams.update({
    "font.family": "Liberation Sans", "font.size": 8.5,
    "axes.linewidth": 0.6, "xtick.major.width": 0.6, "ytick.major.width": 0.6,
    "xtick.major.size": 3, "ytick.major.size": 3,
    "xtick.direction": "out", "ytick.direction": "out",
})
fig = plt.figure(figsize=(5.6, 4.9))
ax = fig.add_axes([0.19, 0.37, 0.775, 0.595])
for k in (1, 2):
    xs, v = steps[k]
    ax.plot(xs, 100 * v, color=COLORS[k - 1], lw=1.3, solid_joinstyle="miter",
            label=GROUPS[k - 1])
ax.set_xlim(0, 36)
ax.set_ylim(0, 100)
ax.set_xticks(XT)
ax.set_yticks(np.arange(0, 101, 20))
ax.spines["top"].set_visible(False)
ax.spines["right"].set_visible(False)
ax.set_ylabel("Cumulative incidence of primary endpoint (%)")
ax.set_xlabel("Time since randomisation (months)")
leg = ax.legend(loc="upper left", frameon=False, handlelength=2.2, borderaxespad=0.3)
ax.text(0.03, 0.70, hr_text, transform=ax.transAxes, ha="left", va="top",
        fontsize=8.5, linespacing=1.4)

# numbers-at-risk table (second panel under the plot)
tab = fig.add_axes([0.19, 0.035, 0.775, 0.17], sharex=ax)
tab.set_ylim(0, 3)
tab.axis("off")
rowlab = matplotlib.transforms.blended_transform_factory(fig.transFigure, tab.transData)
tab.text(0.02, 2.55, "Number at risk", ha="left", va="center", fontsize=8.5,
         fontweight="bold", transform=rowlab)
for k in (1, 2):
    yrow = 2.55 - 0.95 * k
    tab.text(0.02, yrow, GROUPS[k - 1], ha="left", va="center", fontsize=8.5,
             transform=rowlab)
    for (c, w, n) in risk_rows:
        if c == k:
            tab.text(w, yrow, str(n), ha="center", va="center", fontsize=8.5)

fig.savefig("figure.png", dpi=300, metadata={"Software": None})
plt.close(fig)

meta = {
    "kind": "incidence",
    "x_range": [0, 36],
    "y_range": [0, 100],
    "n_curves": 2,
    "x_unit": "months",
    "style": "Lancet-like: navy and dark-red rising cumulative-incidence steps on a 0-100% axis, "
             "open L-shaped axes, legend top-left, HR with mid-dot decimals in plot, "
             "'Number at risk' table with row labels underneath; PNG 300 dpi",
    "groups": GROUPS,
}
write_truth(ipd, curve_rows, risk_rows, meta)
print(hr_text.replace("\n", "; "))
