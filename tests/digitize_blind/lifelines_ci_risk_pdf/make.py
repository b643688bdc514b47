"""lifelines KaplanMeierFitter.plot_survival_function, vector PDF: two colour curves with
lifelines' default shaded confidence bands, "|" censor marks, legend inside, and
lifelines.plotting.add_at_risk_counts (At risk row only) under the x axis.
Usage: python make.py OUTDIR"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts

outdir = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(outdir, "truth"), exist_ok=True)
rng = np.random.default_rng(707)


def gen_arm(n, scale, shape, fu_min, fu_max, drop_mean):
    t_ev = rng.weibull(shape, n) * scale
    cens = np.minimum(rng.uniform(fu_min, fu_max, n), rng.exponential(drop_mean, n))
    time = np.maximum(np.round(np.minimum(t_ev, cens), 2), 0.01)
    return time, (t_ev <= cens).astype(int)


def km_corners(time, event):
    rows, s = [(0.0, 1.0)], 1.0
    for u in np.unique(time[event == 1]):
        s *= 1.0 - np.sum((time == u) & (event == 1)) / np.sum(time >= u)
        rows.append((float(u), s))
    if time.max() > rows[-1][0]:
        rows.append((float(time.max()), s))
    return rows


labels = ["Vertebroplasty", "Balloon kyphoplasty"]
arms = [gen_arm(95, 75.0, 0.9, 12, 36, 90.0), gen_arm(110, 120.0, 0.9, 12, 36, 90.0)]
ticks = np.arange(0, 37, 6)

fig, ax = plt.subplots(figsize=(7, 5.2))
fitters = []
for (t, e), lab in zip(arms, labels):
    kmf = KaplanMeierFitter(label=lab).fit(t, e)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True,
                               censor_styles={"marker": "|", "ms": 6, "mew": 1})
    fitters.append(kmf)
ax.set_xlim(0, 36.5)
ax.set_ylim(0, 1.02)
ax.set_xticks(ticks)
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Survival free of adjacent-level fracture")
ax.legend(loc="lower left")
add_at_risk_counts(*fitters, ax=ax, rows_to_show=["At risk"])
plt.tight_layout()
fig.savefig(os.path.join(outdir, "figure.pdf"), metadata={"CreationDate": None})

curve_rows, risk_rows, ipd_rows = [], [], []
for i, ((t, e), kmf) in enumerate(zip(arms, fitters), start=1):
    corners = km_corners(t, e)
    # check against lifelines' own estimate
    sf = kmf.survival_function_.iloc[:, 0]
    for x, v in corners:
        assert abs(sf.loc[:x].iloc[-1] - v) < 1e-12
    assert abs(sf.index.max() - corners[-1][0]) < 1e-12
    curve_rows += [(i, x, v) for x, v in corners]
    # what add_at_risk_counts prints: at-risk at the end of the period up to each tick
    et = kmf.event_table
    for tk in ticks:
        sl = et.loc[:tk]
        n = int(sl["at_risk"].iloc[-1] - sl["removed"].iloc[-1]) if len(sl) else 0
        assert n == int(np.sum(t > tk)) or tk == 0, (tk, n)
        risk_rows.append((i, int(tk), n))
    ipd_rows += [(i, float(a), int(b)) for a, b in zip(t, e)]

pd.DataFrame(curve_rows, columns=["curve", "time", "value"]).to_csv(
    os.path.join(outdir, "truth", "curves.csv"), index=False, float_format="%.12g")
pd.DataFrame(risk_rows, columns=["curve", "time", "n_at_risk"]).to_csv(
    os.path.join(outdir, "truth", "at_risk.csv"), index=False)
pd.DataFrame(ipd_rows, columns=["curve", "time", "event"]).to_csv(
    os.path.join(outdir, "truth", "ipd.csv"), index=False, float_format="%.12g")
json.dump({"kind": "survival", "x_range": [0, 36], "y_range": [0, 1], "n_curves": 2,
           "x_unit": "months",
           "style": "lifelines plot_survival_function, default blue/orange with shaded CI, "
                    "| censor marks, legend inside, add_at_risk_counts At-risk row, vector PDF"},
          open(os.path.join(outdir, "truth", "meta.json"), "w"))
for lab, (t, e) in zip(labels, arms):
    print(lab, "n", len(t), "events", e.sum(), f"({100*e.mean():.0f}%)", "max t", t.max())
print(pd.DataFrame(risk_rows, columns=["curve", "time", "n"]).pivot(index="curve", columns="time"))
