import sys, os, json
import numpy as np, pandas as pd

def km(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    ts = np.unique(t[e == 1]); s = 1.0; rows = [(0.0, 1.0)]
    for u in ts:
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        s *= (1 - d / n); rows.append((float(u), s))
    return rows

def corners(t, e, end=None):
    rows = km(t, e)
    end = float(np.max(t)) if end is None else end
    if end > rows[-1][0]:
        rows.append((end, rows[-1][1]))
    return rows

def sim(rng, n, rate, fu, cens_rate=0.0, tie=False):
    T = rng.exponential(1 / rate, n)
    C = np.full(n, float(fu))
    if cens_rate > 0:
        C = np.minimum(C, rng.exponential(1 / cens_rate, n))
    C = np.minimum(C, rng.uniform(fu * 0.5, fu, n))  # staggered entry
    t = np.minimum(T, C); e = (T <= C).astype(int)
    t = np.round(t, 0 if tie else 2); t = np.maximum(t, 0.5 if tie else 0.05)
    return t, e

def write_truth(outdir, curves, ipd, at_risk, meta):
    td = os.path.join(outdir, "truth"); os.makedirs(td, exist_ok=True)
    pd.DataFrame([(i + 1, a, b) for i, c in enumerate(curves) for a, b in c],
                 columns=["curve", "time", "value"]).to_csv(os.path.join(td, "curves.csv"), index=False)
    pd.DataFrame([(i + 1, a, b) for i, (t, e) in enumerate(ipd) for a, b in zip(t, e)],
                 columns=["curve", "time", "event"]).to_csv(os.path.join(td, "ipd.csv"), index=False)
    if at_risk is not None:
        pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(td, "at_risk.csv"), index=False)
    json.dump(meta, open(os.path.join(td, "meta.json"), "w"), indent=1)

def nrisk(t, times):
    t = np.asarray(t); return [int((t >= u).sum()) for u in times]

import matplotlib; matplotlib.use("Agg"); import matplotlib.pyplot as plt
from matplotlib import font_manager
out = sys.argv[1] if len(sys.argv) > 1 else "."
avail = {f.name for f in font_manager.fontManager.ttflist}
font = next((f for f in ["Calibri", "Carlito", "Liberation Sans", "DejaVu Sans"] if f in avail))
plt.rcParams["font.family"] = font
rng = np.random.default_rng(703)
fu = 48
g = [sim(rng, 120, 0.004, fu, 0.005), sim(rng, 110, 0.008, fu, 0.005), sim(rng, 90, 0.013, fu, 0.005)]
names = ["Single level", "Two levels", "Three or more levels"]
cols = ["#4472C4", "#ED7D31", "#A5A5A5"]
curves = [corners(t, e) for t, e in g]
fig, ax = plt.subplots(figsize=(6.4, 4.2))
for c, nm, col in zip(curves, names, cols):
    xs, ys = [], []
    for i, (a, b) in enumerate(c):
        if i > 0:
            xs.append(a); ys.append(100 * c[i - 1][1])  # horizontal run, then vertical drop
        xs.append(a); ys.append(100 * b)
    ax.plot(xs, ys, color=col, lw=2.25, label=nm, solid_joinstyle="miter")
ax.set_xlim(0, fu); ax.set_ylim(0, 100)
ax.set_xticks(range(0, fu + 1, 6)); ax.set_yticks(range(0, 101, 10))
ax.set_yticklabels([f"{v}%" for v in range(0, 101, 10)])
ax.yaxis.grid(True, color="#D9D9D9", lw=0.75); ax.set_axisbelow(True)
for s in ["top", "right", "left"]: ax.spines[s].set_visible(False)
ax.spines["bottom"].set_color("#D9D9D9")
ax.tick_params(length=0, labelsize=9, labelcolor="#595959")
ax.set_title("Fracture-free survival by number of treated levels", fontsize=14, color="#595959")
ax.set_xlabel("Months after vertebroplasty", fontsize=10, color="#595959")
ax.set_ylabel("Fracture-free survival (%)", fontsize=10, color="#595959")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3, frameon=False, fontsize=9,
          labelcolor="#595959")
fig.subplots_adjust(bottom=0.25)
fig.savefig(os.path.join(out, "figure.png"), dpi=96)
write_truth(out, curves, g, None, {"kind": "survival", "x_range": [0, 48], "y_range": [0, 100],
            "n_curves": 3, "x_unit": "months", "style": "Excel line chart look: steps drawn as line segments, Calibri-like font, horizontal gridlines, legend at bottom, percent axis, 96 dpi"})
