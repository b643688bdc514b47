"""GraphPad Prism look: thick black and grey lines, percent survival, weeks, SVG."""
import json, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
rng = np.random.default_rng(15002)

def km_corners(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    rows = [(0.0, 1.0)]; s = 1.0
    for u in np.unique(t[e == 1]):
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        new = s * (1 - d / n)
        rows += [(u, s), (u, new)]; s = new
    if t.max() > rows[-1][0]:
        rows.append((t.max(), s))
    return rows

groups = [("Vehicle", 90, 40.0), ("Compound X", 110, 85.0)]   # median-ish scale, weeks
ipd = []
for k, (name, n, scale) in enumerate(groups, 1):
    ev = scale * rng.weibull(1.6, n)
    cens = np.minimum(rng.uniform(30, 100, n) if k == 2 else rng.uniform(50, 100, n), 100.0)
    drop = rng.exponential(400, n)
    cens = np.minimum(cens, drop)
    t = np.round(np.minimum(ev, cens), 2); t = np.maximum(t, 0.1)
    e = (ev <= cens).astype(int)
    ipd += list(zip([k] * n, t, e))
ipd = pd.DataFrame(ipd, columns=["curve", "time", "event"])
ipd.to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 13, "font.weight": "bold",
                     "axes.labelweight": "bold", "svg.fonttype": "none"})
fig, ax = plt.subplots(figsize=(6.2, 4.4))
cols = ["black", "#8C8C8C"]
curves = []
for k, (name, n, _) in enumerate(groups, 1):
    d = ipd[ipd.curve == k]
    rows = km_corners(d.time, d.event)
    curves += [(k, a, b) for a, b in rows]
    xs = np.array([r[0] for r in rows]); ys = np.array([r[1] for r in rows])
    ax.plot(xs, 100 * ys, color=cols[k - 1], lw=3.0, solid_joinstyle="miter", label=name)
    c = d[d.event == 0].time.values
    cy = [ys[np.where(xs <= ct)[0][-1]] for ct in c]
    ax.plot(c, 100 * np.array(cy), ls="none", marker="o", ms=6, color=cols[k - 1])
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)

ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
for s in ("left", "bottom"):
    ax.spines[s].set_linewidth(2.0)
    ax.spines[s].set_position(("outward", 8))
ax.tick_params(direction="out", width=2.0, length=6)
ax.set_xlim(0, 100); ax.set_ylim(0, 100)
ax.set_xticks(np.arange(0, 101, 20)); ax.set_yticks(np.arange(0, 101, 25))
ax.set_xlabel("Weeks elapsed"); ax.set_ylabel("Percent survival")
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 0.75), frameon=False, handlelength=2.2, fontsize=12)
fig.subplots_adjust(left=0.14, right=0.70, bottom=0.17, top=0.95)
fig.savefig(os.path.join(HERE, "figure.svg"))

meta = {"kind": "survival", "x_range": [0, 100], "y_range": [0, 100], "n_curves": 2,
        "x_unit": "weeks", "style": "GraphPad Prism survival plot (matplotlib imitation), SVG"}
json.dump(meta, open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
print(ipd.groupby("curve").event.agg(["size", "mean"]))
