"""Four-curve matplotlib SVG with zoomed log-scaled survival axis (set 22, c3)."""
import csv, json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FixedLocator, FormatStrFormatter, NullLocator

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
rng = np.random.default_rng(220303)
GROUPS = ["Placebo", "10 mg", "20 mg", "40 mg"]      # legend order = curve 1..4
N = [152, 148, 155, 150]
HAZ = [0.0046, 0.0033, 0.0022, 0.0012]                # per week (exponential)

ipd = []
for k in range(4):
    ev_t = rng.exponential(1.0 / HAZ[k], N[k])
    admin = np.minimum(rng.uniform(40.0, 125.0, N[k]), 104.0)   # planned 2 years max
    drop = rng.exponential(700.0, N[k])
    cens = np.minimum(admin, drop)
    t = np.round(np.minimum(ev_t, cens), 1)
    t = np.maximum(t, 0.1)
    e = (ev_t <= cens).astype(int)
    for ti, ei in zip(t, e):
        ipd.append((k + 1, ti, ei))
ipd_df = pd.DataFrame(ipd, columns=["curve", "time", "event"])

steps, curve_rows = {}, []
for k in (1, 2, 3, 4):
    d = ipd_df[ipd_df.curve == k]
    xs, ys = km_steps(d.time, d.event)
    assert ys.min() > 0.5, ys.min()
    steps[k] = (xs, ys)
    curve_rows += [(k, x, v) for x, v in zip(xs, ys)]

# ---------------------------------------------------------------- figure (matplotlib defaults)
plt.rcParams["svg.hashsalt"] = "blind-fig22-c3"
fig, ax = plt.subplots(figsize=(6.8, 4.6))
fig.subplots_adjust(left=0.11, right=0.79, bottom=0.12, top=0.93)
for k in (1, 2, 3, 4):
    xs, ys = steps[k]
    col = "C%d" % (k - 1)
    ax.plot(xs, ys, color=col, lw=1.5, label=GROUPS[k - 1])
    d = ipd_df[(ipd_df.curve == k) & (ipd_df.event == 0)]
    ax.plot(d.time, step_value(xs, ys, d.time.values), ls="none", marker="o", ms=3,
            mfc="white", mec=col, mew=0.8)
ax.set_yscale("log")
ax.set_ylim(0.5, 1.02)
ax.set_xlim(-2, 106)
ax.set_xticks(np.arange(0, 105, 13))
ax.yaxis.set_major_locator(FixedLocator([0.5, 0.6, 0.7, 0.8, 0.9, 1.0]))
ax.yaxis.set_major_formatter(FormatStrFormatter("%.1f"))
ax.yaxis.set_minor_locator(NullLocator())
ax.set_xlabel("Weeks since randomization")
ax.set_ylabel("Event-free survival probability (log scale)")
ax.set_title("Event-free survival by dose group")
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, title="Dose")

fig.savefig("figure.svg", format="svg", metadata={"Date": None})
plt.close(fig)

meta = {
    "kind": "survival",
    "x_range": [0, 104],
    "y_range": [0.5, 1.0],
    "n_curves": 4,
    "x_unit": "weeks",
    "style": "matplotlib default (tab10, DejaVu Sans, text as paths) SVG: four step curves "
             "with small open-circle censor marks on a LOG-scaled y axis zoomed to 0.5-1.0, "
             "x ticks every 13 weeks, legend outside on the right",
    "groups": GROUPS,
}
write_truth(ipd, curve_rows, None, meta)
