"""m2: GraphPad Prism imitation (matplotlib). 3 black curves told apart by line style,
thick lines, open axes, outward ticks, censor ticks, percent axis, integer (tied) months. PNG 300 dpi."""
import sys, os, json, csv
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(9202)

def simulate(n, hazard, fu=36):
    t_ev = rng.exponential(1 / hazard, n)
    c = np.minimum(rng.uniform(10, fu, n), rng.exponential(120, n))
    t = np.ceil(np.minimum(t_ev, c))          # whole months -> many tied times
    t = np.minimum(t, fu)
    e = (t_ev <= c).astype(int)
    return t, e

def km(t, e):
    pts = [(0.0, 1.0)]
    s = 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1 - d / n
        pts.append((float(u), s))
    if t.max() > pts[-1][0]:
        pts.append((float(t.max()), s))
    return pts

def surv_at(pts, x):
    s = 1.0
    for tt, v in pts:
        if tt <= x: s = v
    return s

groups = {1: simulate(60, 0.006), 2: simulate(75, 0.011), 3: simulate(55, 0.018)}
labels = {1: "Vertebroplasty", 2: "Kyphoplasty", 3: "Conservative"}
styles = {1: "-", 2: (0, (5, 2.5)), 3: (0, (1.2, 1.6))}

plt.rcParams["font.family"] = "DejaVu Sans"
fig, ax = plt.subplots(figsize=(4.6, 3.6), dpi=300)
fig.subplots_adjust(left=0.17, right=0.97, bottom=0.16, top=0.90)
curves_rows, ipd_rows = [], []
for g, (t, e) in groups.items():
    pts = km(t, e)
    ax.step([p[0] for p in pts], [100 * p[1] for p in pts], where="post", color="black",
            lw=2.2, linestyle=styles[g], label=labels[g], solid_capstyle="butt")
    # censor marks: short vertical ticks at censored times (one per distinct time)
    ct = np.unique(t[e == 0])
    ax.plot(ct, [100 * surv_at(pts, x) for x in ct], linestyle="none", marker="|",
            markersize=6, markeredgewidth=1.6, color="black")
    curves_rows += [(g, x, y) for x, y in pts]
    ipd_rows += [(g, float(a), int(b)) for a, b in zip(t, e)]

ax.set_xlim(0, 37)
ax.set_ylim(0, 105)
ax.set_xticks(range(0, 37, 6))
ax.set_yticks([0, 25, 50, 75, 100])
for s in ["top", "right"]:
    ax.spines[s].set_visible(False)
for s in ["left", "bottom"]:
    ax.spines[s].set_linewidth(1.6)
ax.spines["left"].set_bounds(0, 100)
ax.spines["bottom"].set_bounds(0, 36)
ax.tick_params(direction="out", width=1.6, length=5, labelsize=9)
ax.set_xlabel("Months after vertebroplasty", fontsize=10, fontweight="bold")
ax.set_ylabel("Percent survival", fontsize=10, fontweight="bold")
ax.set_title("Fracture-free survival", fontsize=11, fontweight="bold")
ax.legend(loc="lower left", frameon=False, fontsize=8.5, handlelength=3.2)
fig.savefig(os.path.join(out, "figure.png"), dpi=300)

def wcsv(name, head, rows):
    with open(os.path.join(out, "truth", name), "w", newline="") as f:
        w = csv.writer(f); w.writerow(head)
        for r in rows:
            w.writerow([f"{v:.6g}" if isinstance(v, float) else v for v in r])
wcsv("curves.csv", ["curve", "time", "value"], curves_rows)
wcsv("ipd.csv", ["curve", "time", "event"], ipd_rows)
json.dump({"kind": "survival", "x_range": [0, 36], "y_range": [0, 100], "n_curves": 3,
           "x_unit": "months",
           "style": "GraphPad Prism imitation: black thick solid/dashed/dotted lines, open axes, outward ticks, censor ticks, percent survival, tied integer months"},
          open(os.path.join(out, "truth", "meta.json"), "w"), indent=1)
