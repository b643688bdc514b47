"""matplotlib by hand: 3 black-and-white step curves (solid / dashed / dotted), zoomed y axis
0.6-1.0, legend inside, numbers-at-risk table under the x axis. PNG 300 dpi."""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(20264)
FU = 48

def gen(n, rate):
    t = rng.exponential(1 / rate, n); c = rng.uniform(10, 75, n)
    tm = np.minimum.reduce([t, c, np.full(n, FU)])
    time = np.where(tm >= FU, FU, np.round(tm * 30.44) / 30.44)  # day resolution, admin censoring at FU
    ev = (t <= np.minimum(c, FU)).astype(int)
    return pd.DataFrame({"time": np.round(time, 4), "event": ev})

def km(df):
    times = np.sort(df.loc[df.event == 1, "time"].unique())
    T, V, s = [0.0], [1.0], 1.0
    for t in times:
        n = (df.time >= t).sum(); d = ((df.time == t) & (df.event == 1)).sum()
        s *= 1 - d / n; T.append(t); V.append(s)
    tmax = df.time.max()
    if tmax > T[-1]: T.append(tmax); V.append(s)
    return np.array(T), np.array(V)

groups = [("Single-level", 150, 0.0045), ("Two levels", 120, 0.0065), ("Three or more levels", 90, 0.0105)]
ipd = pd.concat([gen(n, r).assign(curve=k + 1) for k, (_, n, r) in enumerate(groups)], ignore_index=True)
styles = [dict(ls="-", lw=1.4), dict(ls=(0, (6, 3)), lw=1.4), dict(ls=(0, (1, 2)), lw=1.6)]
ticks = np.arange(0, FU + 1, 6)

plt.rcParams.update({"font.family": "DejaVu Serif", "font.size": 9})
fig = plt.figure(figsize=(6.0, 4.6))
ax = fig.add_axes([0.16, 0.34, 0.78, 0.58])
curves, atrisk = [], []
for k, (name, _, _) in enumerate(groups):
    df = ipd[ipd.curve == k + 1]
    T, V = km(df)
    ax.step(T, V, where="post", color="black", label=name, **styles[k])
    curves.append(pd.DataFrame({"curve": k + 1, "time": np.round(T, 4), "value": np.round(V, 6)}))
    atrisk.append(pd.DataFrame({"curve": k + 1, "time": ticks, "n_at_risk": [(df.time >= t).sum() for t in ticks]}))
ax.set_xlim(0, FU); ax.set_ylim(0.6, 1.0)
ax.set_xticks(ticks); ax.set_yticks(np.arange(0.6, 1.01, 0.1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0.6, 1.01, 0.1)])
ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
ax.tick_params(direction="out", length=3)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Proportion without new fracture")
ax.legend(loc="lower left", frameon=False, handlelength=3.2, title="Treated levels", title_fontsize=9)
# at-risk table
ar = pd.concat(atrisk)
fig.text(0.02, 0.19, "Number at risk", fontweight="bold")
for k, (name, _, _) in enumerate(groups):
    y = 0.145 - 0.045 * k
    fig.text(0.02, y, ["1 level", "2 levels", "≥3 levels"][k], va="center")
    for t in ticks:
        xf = 0.16 + 0.78 * t / FU
        fig.text(xf, y, str(int(ar[(ar.curve == k + 1) & (ar.time == t)].n_at_risk.iloc[0])), ha="center", va="center")
fig.savefig(os.path.join(out, "figure.png"), dpi=300)
pd.concat(curves).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
ar.to_csv(os.path.join(out, "truth/at_risk.csv"), index=False)
ipd[["curve", "time", "event"]].to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, FU], "y_range": [0.6, 1.0], "n_curves": 3, "x_unit": "months",
           "style": "matplotlib by hand, 3 black-and-white curves solid/dashed/dotted, zoomed y 0.6-1.0, legend inside, at-risk table, serif, PNG 300 dpi"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
