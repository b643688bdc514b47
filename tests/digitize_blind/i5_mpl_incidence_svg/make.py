"""Rising cumulative-incidence (1 - KM) figure, three black curves told apart only by line style,
percent y axis, tied integer-month times; written by matplotlib as SVG (text as glyph paths)."""
import sys, os, json, csv
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(12)
plt.rcParams["svg.hashsalt"] = "isvg"   # deterministic ids
plt.rcParams["font.family"] = "DejaVu Serif"

def sim(n, rate, maxfu=24):
    ev = rng.exponential(1 / rate, n)
    cen = np.minimum(rng.uniform(10, maxfu, n), rng.exponential(80, n))
    t = np.minimum(ev, cen)
    t = np.clip(np.ceil(t), 1, maxfu)            # follow-up visits: whole months -> ties
    return t, (ev <= cen).astype(int)

specs = [("T-score \u2264 \u22123.5", 0.017, 90), ("T-score \u22123.5 to \u22122.5", 0.011, 120),
         ("T-score > \u22122.5", 0.0095, 75)]
groups = [sim(n, r) for _, r, n in specs]
styles = [dict(ls="-", lw=1.5), dict(ls=(0, (6, 3)), lw=1.5), dict(ls=(0, (1, 2)), lw=1.8)]

def km(t, e):
    xs, ys, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1 - d / n
        xs.append(float(u)); ys.append(s)
    return np.array(xs), np.array(ys)

fig, ax = plt.subplots(figsize=(5.5, 4.3))
rows = []
for k, ((t, e), (lab, _, _), st) in enumerate(zip(groups, specs, styles), start=1):
    xs, ys = km(t, e)
    X = np.append(xs, t.max()); Y = 1 - np.append(ys, ys[-1])
    ax.step(X, Y * 100, where="post", color="black", label=lab, **st)
    for x, y in zip(X, Y):
        if not rows or rows[-1][:2] != (k, float(x)):
            rows.append((k, float(x), float(y)))
ax.set_xlim(0, 24); ax.set_ylim(0, 50)
ax.set_xticks(range(0, 25, 3)); ax.set_yticks(range(0, 51, 10))
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Cumulative incidence of new fracture (%)")
ax.set_title("Figure 2. Incident vertebral fracture by baseline BMD", fontsize=10, loc="left")
ax.legend(loc="upper left", frameon=False, fontsize=9, handlelength=3)
fig.tight_layout()
fig.savefig(os.path.join(out, "figure.svg"), metadata={"Date": None})
if os.environ.get("PREVIEW"): fig.savefig(os.environ["PREVIEW"], dpi=100)

with open(os.path.join(out, "truth/curves.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "value"]); w.writerows(rows)
with open(os.path.join(out, "truth/ipd.csv"), "w", newline="") as f:
    w = csv.writer(f); w.writerow(["curve", "time", "event"])
    for k, (t, e) in enumerate(groups, start=1):
        for a, b in zip(t, e):
            w.writerow([k, float(a), int(b)])
json.dump({"kind": "incidence", "x_range": [0, 24], "y_range": [0, 50], "n_curves": 3,
           "x_unit": "months",
           "style": "rising 1-KM, black only: solid/dashed/dotted, percent axis, integer-month ties, SVG text as paths"},
          open(os.path.join(out, "truth/meta.json"), "w"))
print("event rates", [float(e.mean()) for _, e in groups], "final", [r for r in rows if r[1] == max(x[1] for x in rows if x[0] == r[0])])
