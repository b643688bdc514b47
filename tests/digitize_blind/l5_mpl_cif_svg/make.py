"""Rising cumulative incidence (1-KM), percent axis zoomed 0-30%, at-risk table, SVG. Usage: python make.py OUTDIR"""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
plt.rcParams["svg.hashsalt"] = "l5-fixed"
plt.rcParams["font.family"] = "DejaVu Sans"
rng = np.random.default_rng(8505)

def simulate(n, scale, follow=36.0, shape=0.6):
    # heavy censoring: high loss to follow-up plus staggered entry
    t_ev = scale * rng.weibull(shape, n)
    t_c = np.minimum(np.minimum(rng.exponential(30.0, n), rng.uniform(8, 48, n)), follow)
    t = np.minimum(t_ev, t_c)
    e = (t_ev <= t_c).astype(int)
    return np.maximum(np.round(t, 2), 0.05), e

def km(t, e):
    times, vals, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1 - d / n
        times.append(float(u)); vals.append(s)
    return np.array(times), np.array(vals)

groups = [("Cement leakage", 180, 330.0), ("No cement leakage", 390, 540.0)]
colors = ["#C0392B", "#2E6DA4"]
fig = plt.figure(figsize=(7.4, 5.4))
ax = fig.add_axes([0.27, 0.36, 0.69, 0.56])
tab = fig.add_axes([0.27, 0.05, 0.69, 0.16])
ticks = np.arange(0, 37, 6)
ipd, curves, risk = [], [], []
for k, (lab, n, scale) in enumerate(groups, start=1):
    t, e = simulate(n, scale)
    ipd += [(k, float(a), int(b)) for a, b in zip(t, e)]
    tm, sv = km(t, e)
    ci = 1 - sv
    tmax = float(t.max())
    for a, b in zip(tm, ci):
        curves.append((k, float(a), round(float(b), 6)))
    if tmax > tm[-1]:
        curves.append((k, tmax, round(float(ci[-1]), 6)))
    ax.step(np.append(tm, tmax), 100 * np.append(ci, ci[-1]), where="post", color=colors[k - 1],
            lw=1.8, label=lab)
    for x in ticks:
        nr = int(np.sum(t >= x))
        risk.append((k, int(x), nr))
        tab.text(x, 2 - k, str(nr), ha="center", va="center", fontsize=9, color=colors[k - 1])
    tab.text(-1.5, 2 - k, lab, ha="right", va="center", fontsize=9, color=colors[k - 1])
ax.set_xlim(0, 36); ax.set_ylim(0, 30)
ax.set_xticks(ticks); ax.set_yticks(np.arange(0, 31, 5))
ax.set_yticklabels([f"{v}%" for v in range(0, 31, 5)])
ax.spines[["top", "right"]].set_visible(False)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Cumulative incidence of new fracture")
ax.legend(loc="upper left", frameon=False, fontsize=9)
ax.set_title("New vertebral fracture according to cement leakage", fontsize=11, loc="left")
tab.set_xlim(0, 36); tab.set_ylim(-0.5, 1.5); tab.axis("off")
fig.text(0.02, 0.235, "No. at risk", fontsize=9, fontweight="bold")
fig.savefig(os.path.join(out, "figure.svg"), metadata={"Date": None})

pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
pd.DataFrame(risk, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(out, "truth/at_risk.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "incidence", "x_range": [0, 36], "y_range": [0, 30], "n_curves": 2,
           "x_unit": "months", "style": "matplotlib SVG, rising cumulative incidence, percent axis zoomed 0-30%, coloured at-risk table, heavy censoring"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
