"""GraphPad-Prism-like KM plot: thick black lines told apart by line style, ticks outside,
no box, percent y axis, censor ticks, whole-month (tied) follow-up times. PNG 300 dpi."""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(20261205)

def km(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    s = 1.0; rows = [(0.0, 1.0)]
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= (1 - d / n); rows.append((float(u), s))
    rows.append((float(t.max()), s))  # end of drawn curve (flat)
    return rows

groups = [("Vertebroplasty", 70, 0.006), ("Kyphoplasty", 80, 0.010), ("Conservative", 60, 0.016)]
ipd = []
for k, (name, n, lam) in enumerate(groups, 1):
    ev = rng.exponential(1 / lam, n)
    cens = rng.uniform(10, 36, n)
    t = np.minimum(ev, cens)
    e = (ev <= cens).astype(int)
    t = np.ceil(t)            # follow-up recorded in whole months -> many ties
    t = np.minimum(t, 36)
    for a, b in zip(t, e):
        ipd.append((k, a, b))
ipd = pd.DataFrame(ipd, columns=["curve", "time", "event"])

fig, ax = plt.subplots(figsize=(5.5, 4.5))
styles = [dict(ls="-"), dict(ls=(0, (6, 3))), dict(ls=(0, (1.2, 2)))]
rows = []
for k, (name, n, lam) in enumerate(groups, 1):
    d = ipd[ipd.curve == k]
    c = km(d.time, d.event)
    rows += [(k, a, b) for a, b in c]
    x = [a for a, b in c]; y = [100 * b for a, b in c]
    ax.plot(x, y, drawstyle="steps-post", color="black", lw=3, label=name, **styles[k - 1])
    # censor ticks (Prism draws a short vertical tick at censored times)
    cs = sorted(set(d.time[d.event == 0]))
    sv = {a: b for a, b in c}
    def S(tt):
        v = 1.0
        for a, b in c:
            if a <= tt: v = b
        return v
    ax.plot(cs, [100 * S(u) for u in cs], ls="none", marker="|", ms=9, mew=2, color="black")
    print(name, "events", int(d.event.sum()), "/", len(d))
ax.set_xlim(0, 36); ax.set_ylim(0, 105)
ax.set_xticks(range(0, 37, 6)); ax.set_yticks(range(0, 101, 25))
for s in ("top", "right"): ax.spines[s].set_visible(False)
for s in ("left", "bottom"): ax.spines[s].set_linewidth(2)
ax.tick_params(direction="out", width=2, length=7, labelsize=13)
ax.set_xlabel("Months after vertebroplasty", fontsize=14, fontweight="bold")
ax.set_ylabel("Percent fracture-free", fontsize=14, fontweight="bold")
ax.set_title("New vertebral fracture", fontsize=15, fontweight="bold")
ax.legend(loc="lower left", frameon=False, fontsize=12, handlelength=3)
fig.tight_layout()
fig.savefig(os.path.join(out, "figure.png"), dpi=300)

pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
ipd.to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 36], "y_range": [0, 100], "n_curves": 3,
           "x_unit": "months", "style": "GraphPad Prism look: thick black lines (solid/dashed/dotted), ticks outside, no box, percent y, censor ticks, tied whole-month times, PNG 300 dpi"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
