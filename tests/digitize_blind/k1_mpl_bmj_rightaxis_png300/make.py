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
out = sys.argv[1] if len(sys.argv) > 1 else "."
rng = np.random.default_rng(701)
fu = 36
g = [sim(rng, 180, 0.006, fu, 0.01), sim(rng, 170, 0.012, fu, 0.01)]
names = ["Vertebroplasty", "Conservative care"]; cols = ["#00629B", "#C0392B"]
curves = [corners(t, e) for t, e in g]
fig = plt.figure(figsize=(6.2, 4.6))
ax = fig.add_axes([0.2, 0.33, 0.66, 0.6])
for (t, e), c, nm, col in zip(g, curves, names, cols):
    x = [p[0] for p in c]; y = [p[1] for p in c]
    ax.step(x, y, where="post", color=col, lw=1.4, label=nm)
    ce = t[e == 0]; st = np.array([y[np.searchsorted(x, u, side="right") - 1] for u in ce])
    ax.plot(ce, st, ls="none", marker="|", ms=5, mew=0.8, color=col)
ax.yaxis.tick_right(); ax.yaxis.set_label_position("right")
for s in ["top", "left"]: ax.spines[s].set_visible(False)
ax.spines["right"].set_color("#999999"); ax.spines["bottom"].set_color("#999999")
ax.tick_params(colors="#888888", labelcolor="#777777", labelsize=8)
ax.set_xlim(0, fu); ax.set_ylim(0.5, 1.0)
ax.set_xticks(range(0, fu + 1, 6)); ax.set_yticks(np.arange(0.5, 1.01, 0.1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0.5, 1.01, 0.1)])
ax.set_xlabel("Months after vertebroplasty", fontsize=9, color="#444444")
ax.set_ylabel("Probability free of new vertebral fracture", fontsize=9, color="#444444")
ax.legend(loc="lower left", frameon=False, fontsize=8)
times = list(range(0, fu + 1, 6)); ar = []
fig.text(0.01, 0.2, "No at risk", fontsize=8, color="#444444", weight="bold")
for i, ((t, e), nm, col) in enumerate(zip(g, names, cols)):
    n = nrisk(t, times); yy = 0.15 - i * 0.05
    fig.text(0.01, yy, nm, fontsize=7.5, color=col)
    for u, k in zip(times, n):
        xf = 0.2 + 0.66 * u / fu
        fig.text(xf, yy, str(k), fontsize=7.5, ha="center", color="#444444")
        ar.append((i + 1, u, k))
fig.savefig(os.path.join(out, "figure.png"), dpi=300)
write_truth(out, curves, g, ar, {"kind": "survival", "x_range": [0, 36], "y_range": [0.5, 1.0],
            "n_curves": 2, "x_unit": "months", "style": "BMJ look: y axis on the right, no top/left axes, light grey tick labels, censor ticks, at-risk table"})
