"""matplotlib by hand, JPEG quality 75 at 110 dpi: a single Kaplan-Meier curve of a
heavily censored registry cohort, "|" censor marks, dashed (log-log Greenwood) 95% CI lines,
zoomed percent y axis 50-100 %, grid lines, no legend. Usage: python make.py OUTDIR"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

outdir = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(outdir, "truth"), exist_ok=True)
rng = np.random.default_rng(75075)

n = 200
t_ev = rng.weibull(0.85, n) * 90.0                       # ~ 20 % fractures by 36 months
admin = rng.uniform(12, 36, n)                             # staggered entry
dropout = rng.exponential(14.0, n)                         # heavy loss to follow-up
cens = np.minimum(admin, dropout)
time = np.maximum(np.round(np.minimum(t_ev, cens), 2), 0.01)
event = (t_ev <= cens).astype(int)

# Kaplan-Meier with Greenwood variance, step corners at every distinct time
uniq = np.unique(time)
s, gw = 1.0, 0.0
xs, S, lo, hi = [0.0], [1.0], [1.0], [1.0]
cens_x, cens_y = [], []
for u in uniq:
    nr = np.sum(time >= u)
    d = np.sum((time == u) & (event == 1))
    if d > 0:
        s *= 1 - d / nr
        if nr > d:
            gw += d / (nr * (nr - d))
    if np.sum((time == u) & (event == 0)) > 0:
        cens_x.append(u)
        cens_y.append(s)
    xs.append(float(u))
    S.append(s)
    if s < 1 and s > 0:
        se = np.sqrt(gw) / abs(np.log(s))
        lo.append(s ** np.exp(1.96 * se))
        hi.append(s ** np.exp(-1.96 * se))
    else:
        lo.append(1.0)
        hi.append(1.0)

fig, ax = plt.subplots(figsize=(6.4, 4.6), dpi=110)
ax.grid(True, color="#d0d0d0", lw=0.6)
ax.set_axisbelow(True)
ax.step(xs, 100 * np.array(S), where="post", color="#1a3d7c", lw=1.8)
ax.step(xs, 100 * np.array(lo), where="post", color="#1a3d7c", lw=0.9, ls="--")
ax.step(xs, 100 * np.array(hi), where="post", color="#1a3d7c", lw=0.9, ls="--")
ax.plot(cens_x, 100 * np.array(cens_y), ls="none", marker="|", ms=7, mew=1.0, color="#1a3d7c")
ax.set_xlim(0, 37)
ax.set_ylim(50, 100)
ax.set_xticks(np.arange(0, 37, 6))
ax.set_yticks(np.arange(50, 101, 10))
ax.set_yticklabels([f"{v}%" for v in range(50, 101, 10)])
ax.set_xlabel("Time since vertebroplasty (months)")
ax.set_ylabel("Free of new vertebral fracture")
fig.tight_layout()
fig.savefig(os.path.join(outdir, "figure.jpg"), dpi=110, pil_kwargs={"quality": 75})

# truth: corners only where the curve steps (events), plus the end of the line
corners = [(0.0, 1.0)]
for x, v, prev in zip(xs[1:], S[1:], S[:-1]):
    if v != prev:
        corners.append((x, v))
if xs[-1] > corners[-1][0]:
    corners.append((xs[-1], S[-1]))
pd.DataFrame([(1, x, v) for x, v in corners], columns=["curve", "time", "value"]).to_csv(
    os.path.join(outdir, "truth", "curves.csv"), index=False, float_format="%.12g")
pd.DataFrame({"curve": 1, "time": time, "event": event}).to_csv(
    os.path.join(outdir, "truth", "ipd.csv"), index=False, float_format="%.12g")
json.dump({"kind": "survival", "x_range": [0, 36], "y_range": [50, 100], "n_curves": 1,
           "x_unit": "months",
           "style": "matplotlib single navy curve, heavy censoring with | marks, dashed 95% CI "
                    "lines, zoomed percent y axis 50-100%, grid, no legend, JPEG q75 110 dpi"},
          open(os.path.join(outdir, "truth", "meta.json"), "w"))
print("n", n, "events", event.sum(), f"({100*event.mean():.0f}%)", "censored",
      n - event.sum(), "max t", time.max(), "final S", round(S[-1], 3), "min lo", round(min(lo), 3))
