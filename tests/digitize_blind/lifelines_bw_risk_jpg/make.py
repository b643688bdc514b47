"""lifelines KaplanMeierFitter.plot_survival_function, JPEG quality 85 at 200 dpi:
three black curves told apart only by line style (solid, dashed, thin dotted), "+" censor
marks, no CI, curves that cross, and lifelines' default add_at_risk_counts table
(At risk / Censored / Events stacked for each group). Usage: python make.py OUTDIR"""
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
rng = np.random.default_rng(8585)


def gen_arm(n, h1, h2, cut, fu_min, fu_max, drop_mean):
    E = rng.exponential(1.0, n)
    t_ev = np.where(E < cut * h1, E / h1, cut + (E - cut * h1) / h2)
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


labels = ["Cement volume < 4 mL", "Cement volume 4-6 mL", "Cement volume > 6 mL"]
arms = [gen_arm(40, 0.004, 0.020, 12, 24, 48, 120.0),   # late rise
        gen_arm(60, 0.011, 0.011, 12, 24, 48, 120.0),   # constant
        gen_arm(70, 0.035, 0.004, 6, 24, 48, 120.0)]    # early drop then flat
styles = [dict(ls="-", lw=1.6), dict(ls="--", lw=1.6), dict(ls=":", lw=1.0)]
ticks = np.arange(0, 49, 12)

fig, ax = plt.subplots(figsize=(6.5, 7.2))
fitters = []
for (t, e), lab, st in zip(arms, labels, styles):
    kmf = KaplanMeierFitter(label=lab).fit(t, e)
    kmf.plot_survival_function(ax=ax, ci_show=False, show_censors=True, color="black",
                               censor_styles={"marker": "+", "ms": 5, "mew": 0.8}, **st)
    fitters.append(kmf)
ax.set_xlim(0, 49)
ax.set_ylim(0, 1.02)
ax.set_xticks(ticks)
ax.set_yticks(np.arange(0, 1.01, 0.25))
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Fracture-free survival")
ax.set_title("Adjacent vertebral fracture by injected cement volume", fontsize=10.5)
ax.legend(loc="lower left", fontsize=8.5, handlelength=3)
add_at_risk_counts(*fitters, ax=ax, ypos=-0.40)
fig.subplots_adjust(left=0.28, right=0.95, top=0.95, bottom=0.49)
fig.savefig(os.path.join(outdir, "figure.jpg"), dpi=200, pil_kwargs={"quality": 85})

curve_rows, risk_rows, ipd_rows = [], [], []
for i, ((t, e), kmf) in enumerate(zip(arms, fitters), start=1):
    corners = km_corners(t, e)
    sf = kmf.survival_function_.iloc[:, 0]
    for x, v in corners:
        assert abs(sf.loc[:x].iloc[-1] - v) < 1e-12
    assert abs(sf.index.max() - corners[-1][0]) < 1e-12
    curve_rows += [(i, x, v) for x, v in corners]
    et = kmf.event_table
    for tk in ticks:   # the "At risk" row exactly as add_at_risk_counts computes it
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
json.dump({"kind": "survival", "x_range": [0, 48], "y_range": [0, 1], "n_curves": 3,
           "x_unit": "months",
           "style": "lifelines, black solid/dashed/thin dotted crossing curves, + censor marks, "
                    "y ticks every 0.25, title, legend inside, default lifelines at-risk table "
                    "with At risk/Censored/Events rows per group, JPEG q85 200 dpi"},
          open(os.path.join(outdir, "truth", "meta.json"), "w"))
for lab, (t, e), kmf in zip(labels, arms, fitters):
    print(lab, "n", len(t), "events", e.sum(), f"({100*e.mean():.0f}%)", "max t", t.max(),
          "final S", round(kmf.survival_function_.iloc[-1, 0], 3))
print(pd.DataFrame(risk_rows, columns=["curve", "time", "n"]).pivot(index="curve", columns="time"))
