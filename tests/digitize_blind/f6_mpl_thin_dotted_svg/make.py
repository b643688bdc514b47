"""matplotlib by hand: 2 black curves, solid vs thin dotted, | censor marks, percent y axis
0-100 with horizontal grid lines, legend above the plot, numbers-at-risk table. SVG (vector)."""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
plt.rcParams["svg.hashsalt"] = "blind6"
rng = np.random.default_rng(20266)
FU = 60

def gen(n, rate):
    t = rng.exponential(1 / rate, n); c = rng.uniform(15, 90, n)
    tm = np.minimum.reduce([t, c, np.full(n, FU)])
    time = np.where(tm >= FU, FU, np.round(tm, 1))
    return pd.DataFrame({"time": time, "event": (t <= np.minimum(c, FU)).astype(int)})

def km(df):
    T, V, s = [0.0], [1.0], 1.0
    for t in np.sort(df.loc[df.event == 1, "time"].unique()):
        n = (df.time >= t).sum(); d = ((df.time == t) & (df.event == 1)).sum()
        s *= 1 - d / n; T.append(float(t)); V.append(s)
    if df.time.max() > T[-1]: T.append(float(df.time.max())); V.append(s)
    return np.array(T), np.array(V)

def s_at(T, V, t):
    return V[np.searchsorted(T, t, side="right") - 1]

groups = [("Balloon kyphoplasty", 60, 0.0045), ("Non-surgical management", 48, 0.0095)]
ipd = pd.concat([gen(n, r).assign(curve=k + 1) for k, (_, n, r) in enumerate(groups)], ignore_index=True)
ticks = np.arange(0, FU + 1, 10)
fig = plt.figure(figsize=(6.4, 5.0))
ax = fig.add_axes([0.20, 0.30, 0.76, 0.56])
styles = [dict(ls="-", lw=1.5), dict(ls=(0, (1, 1.5)), lw=0.9)]
curves, atrisk = [], []
for k, (name, _, _) in enumerate(groups):
    df = ipd[ipd.curve == k + 1]
    T, V = km(df)
    ax.step(T, V * 100, where="post", color="black", label=name, **styles[k])
    cens = df.loc[df.event == 0, "time"].values
    ax.plot(cens, [s_at(T, V, c) * 100 for c in cens], ls="none", marker="|", ms=5, mew=0.8, color="black")
    curves.append(pd.DataFrame({"curve": k + 1, "time": T, "value": np.round(V, 6)}))
    atrisk.append(pd.DataFrame({"curve": k + 1, "time": ticks, "n_at_risk": [(df.time >= t).sum() for t in ticks]}))
ax.set_xlim(0, FU); ax.set_ylim(0, 100); ax.set_xticks(ticks); ax.set_yticks(range(0, 101, 20))
ax.yaxis.grid(True, color="0.8", lw=0.6); ax.set_axisbelow(True)
for s in ("top", "right"): ax.spines[s].set_visible(False)
ax.set_xlabel("Months after vertebroplasty"); ax.set_ylabel("Fracture-free survival (%)")
ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.01), ncol=2, frameon=False, handlelength=3)
ar = pd.concat(atrisk)
fig.text(0.01, 0.16, "No. at risk", fontsize=9, fontstyle="italic")
for k, lab in enumerate(["Kyphoplasty", "Non-surgical"]):
    y = 0.115 - 0.045 * k
    fig.text(0.01, y, lab, fontsize=9, va="center")
    for t in ticks:
        n = int(ar[(ar.curve == k + 1) & (ar.time == t)].n_at_risk.iloc[0])
        fig.text(0.20 + 0.76 * t / FU, y, str(n), fontsize=9, ha="center", va="center")
fig.savefig(os.path.join(out, "figure.svg"), metadata={"Date": None})
pd.concat(curves).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
ar.to_csv(os.path.join(out, "truth/at_risk.csv"), index=False)
ipd[["curve", "time", "event"]].to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, FU], "y_range": [0, 100], "n_curves": 2, "x_unit": "months",
           "style": "matplotlib by hand, black solid vs thin dotted, | censor marks, percent axis, horizontal grid, legend above plot, at-risk table, SVG"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
