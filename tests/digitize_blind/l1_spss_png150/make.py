"""SPSS-style Kaplan-Meier chart (matplotlib imitation). Usage: python make.py OUTDIR"""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(8101)

def simulate(n, rate, follow=60.0, drop=0.006):
    t_ev = rng.exponential(1 / rate, n)
    t_c = np.minimum(rng.exponential(1 / drop, n), rng.uniform(24, follow, n))
    t = np.minimum(t_ev, t_c)
    e = (t_ev <= t_c).astype(int)
    return np.round(t, 2), e

def km(t, e):
    order = np.argsort(t)
    t, e = t[order], e[order]
    times, vals, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1 - d / n
        times.append(float(u)); vals.append(s)
    return np.array(times), np.array(vals)

def surv_at(times, vals, x):
    return vals[np.searchsorted(times, x, side="right") - 1]

groups = [("Vertebroplasty", 140, 0.0055), ("Conservative", 135, 0.0105)]
colors = ["#3E58AC", "#2EB848"]  # SPSS default blue / green
ipd, curves = [], []
fig = plt.figure(figsize=(7.2, 4.8))
ax = fig.add_axes([0.10, 0.12, 0.60, 0.78])
for k, (name, n, rate) in enumerate(groups, start=1):
    t, e = simulate(n, rate)
    ipd += [(k, float(a), int(b)) for a, b in zip(t, e)]
    tm, sv = km(t, e)
    tmax = float(t.max())
    xs = np.append(tm, tmax); ys = np.append(sv, sv[-1])
    for a, b in zip(tm, sv):
        curves.append((k, round(float(a), 4), round(float(b), 6)))
    if tmax > tm[-1]:
        curves.append((k, round(tmax, 4), round(float(sv[-1]), 6)))
    ax.step(xs, ys, where="post", color=colors[k - 1], lw=1.0, label=name)
    ct = t[e == 0]
    ax.plot(ct, surv_at(tm, sv, ct), ls="none", marker="+", ms=6, mew=0.9,
            color=colors[k - 1], label=name + "-censored")
ax.set_xlim(0, 62); ax.set_ylim(0, 1.03)
ax.set_xticks(np.arange(0, 61, 10)); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.set_xlabel("Months_to_fracture", fontsize=10)
ax.set_ylabel("Cum Survival", fontsize=10)
for sp in ax.spines.values():
    sp.set_linewidth(0.8)
ax.tick_params(direction="out", labelsize=9)
fig.suptitle("Survival Functions", fontsize=12, x=0.40, y=0.97)
h, l = ax.get_legend_handles_labels()
order = [0, 2, 1, 3]
leg = fig.legend([h[i] for i in order], [l[i] for i in order], title="Treatment",
                 loc="center left", bbox_to_anchor=(0.72, 0.55), frameon=False, fontsize=9,
                 title_fontsize=10, alignment="left")
fig.patch.set_facecolor("white")
fig.savefig(os.path.join(out, "figure.png"), dpi=150)

pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0.0, 1.0], "n_curves": 2,
           "x_unit": "months", "style": "SPSS-style chart, coloured step lines with + censor marks, legend outside right titled by group variable"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
