"""Competing-risk cumulative incidence (Aalen-Johansen) of relapse, 2 groups, band for group 1 only, vector PDF."""
import json, os, warnings
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import AalenJohansenFitter

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
rng = np.random.default_rng(15006)

def cif_corners(t, e, cause=1):
    """Aalen-Johansen CIF of `cause`; e: 0 censored, 1/2 causes. Returns rising step corners."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    rows = [(0.0, 0.0)]; S = 1.0; F = 0.0
    for u in np.unique(t[e > 0]):
        n = (t >= u).sum()
        d1 = ((t == u) & (e == cause)).sum(); dall = ((t == u) & (e > 0)).sum()
        if d1 > 0:
            new = F + S * d1 / n
            rows += [(u, F), (u, new)]; F = new
        S *= 1 - dall / n
    if t.max() > rows[-1][0]:
        rows.append((t.max(), F))
    return rows

groups = [("Reduced-intensity conditioning", 150, 0.018, 0.010), ("Myeloablative conditioning", 130, 0.010, 0.016)]
ipd = []
for k, (name, n, h1, h2) in enumerate(groups, 1):
    t1 = rng.exponential(1 / h1, n); t2 = rng.exponential(1 / h2, n)
    cens = np.minimum(rng.uniform(12, 36, n), rng.exponential(120, n))
    t = np.minimum.reduce([t1, t2, cens]); t = np.maximum(np.round(t, 3), 0.02)
    e = np.where(t1 <= np.minimum(t2, cens), 1, np.where(t2 <= cens, 2, 0))
    ipd += list(zip([k] * n, t, e))
ipd = pd.DataFrame(ipd, columns=["curve", "time", "event"])
ipd.to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)

plt.rcParams.update({"font.family": "Liberation Serif", "font.size": 10, "pdf.fonttype": 42})
fig, ax = plt.subplots(figsize=(5.5, 4.2))
cols = ["#B22222", "#1F3A93"]; ls = ["-", "--"]
curves = []
for k, (name, n, _, _) in enumerate(groups, 1):
    d = ipd[ipd.curve == k]
    rows = cif_corners(d.time, d.event)
    curves += [(k, a, b) for a, b in rows]
    xs = [r[0] for r in rows]; ys = [r[1] for r in rows]
    if k == 1:
        aj = AalenJohansenFitter(calculate_variance=True, jitter_level=0.0001, seed=1)
        aj.fit(d.time, d.event, event_of_interest=1)
        ci = aj.confidence_interval_
        ax.fill_between(ci.index.values, ci.iloc[:, 0].values, ci.iloc[:, 1].values, step="post",
                        color=cols[0], alpha=0.15, lw=0)
        # sanity check vs. our own estimate (right-continuous step lookup)
        cd = aj.cumulative_density_.iloc[:, 0]
        xa = np.array(xs); ya = np.array(ys)
        mine = np.array([ya[np.where(xa <= v)[0][-1]] for v in cd.index.values])
        print("max |lifelines AJ - own CIF| =", np.abs(mine - cd.values).max())
    ax.plot(xs, ys, color=cols[k - 1], ls=ls[k - 1], lw=1.4, label=name)
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
ax.set_xlim(0, 36); ax.set_ylim(0, 0.5)
ax.set_xticks(np.arange(0, 37, 6)); ax.set_yticks(np.arange(0, 0.51, 0.1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 0.51, 0.1)])
ax.set_xlabel("Months after transplantation"); ax.set_ylabel("Cumulative incidence of relapse")
ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
ax.legend(loc="upper left", frameon=False, fontsize=9)
ax.text(35, 0.02, "Non-relapse mortality treated as a competing event\nShaded: 95% CI (reduced-intensity)",
        ha="right", va="bottom", fontsize=7.5, style="italic")
fig.tight_layout()
fig.savefig(os.path.join(HERE, "figure.pdf"))

meta = {"kind": "incidence", "x_range": [0, 36], "y_range": [0, 0.5], "n_curves": 2, "x_unit": "months",
        "style": "matplotlib journal-style competing-risk cumulative incidence (Aalen-Johansen), serif, CI band on curve 1 only, vector PDF"}
json.dump(meta, open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)
print(ipd.groupby("curve").event.value_counts().unstack(), pd.DataFrame(curves).groupby(0)[2].max())
