"""u6: four colour KM curves drawn with matplotlib by hand, saved as a 120-dpi JPEG. Curves 2 and 3
cross twice (curve 3 has a low-high-low piecewise hazard, curve 2 a constant one). Dotted grid in
both directions, legend inside at upper right, small 'x' censor marks, weeks on the x axis.
Run: python make.py [--check]"""
import json, os, sys
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = int(os.environ.get("U6_SEED", "1406"))
rng = np.random.default_rng(SEED)


def piecewise_exp(n, cuts, rates):
    """event times from a piecewise-constant hazard (cuts = start of each piece)."""
    u = rng.exponential(1.0, n)
    out = np.empty(n)
    for i, h in enumerate(u):
        t = 0.0
        for j, r in enumerate(rates):
            end = cuts[j + 1] if j + 1 < len(cuts) else np.inf
            cap = (end - cuts[j]) * r
            if h <= cap:
                t = cuts[j] + h / r
                break
            h -= cap
        out[i] = t
    return out


specs = [  # label, n, cuts, rates (per week)
    ("Genotype AA", 210, [0], [0.0040]),
    ("Genotype AG", 240, [0], [0.0130]),
    ("Genotype GG", 230, [0, 24, 50], [0.0015, 0.0320, 0.0008]),
    ("Unknown", 120, [0], [0.0240]),
]
rows = []
for k, (lab, n, cuts, rates) in enumerate(specs, start=1):
    ev = piecewise_exp(n, cuts, rates)
    acc = rng.uniform(0, 52, n)
    cens = np.minimum(np.minimum(156 - acc, 104.0), rng.exponential(400, n))
    t = np.maximum(np.round(np.minimum(ev, cens), 1), 0.1)
    e = (ev <= cens).astype(int)
    rows += [(k, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])


def km_steps(t, e):
    order = np.argsort(t, kind="stable"); t, e = np.asarray(t)[order], np.asarray(e)[order]
    s, xs, ys = 1.0, [0.0], [1.0]
    for u in np.unique(t[e == 1]):
        s *= 1 - np.sum((t == u) & (e == 1)) / np.sum(t >= u)
        xs.append(float(u)); ys.append(s)
    if t.max() > xs[-1]:
        xs.append(float(t.max())); ys.append(ys[-1])
    return np.array(xs), np.array(ys)


def corners(xs, ys):
    out = [(xs[0], ys[0])]
    for i in range(1, len(xs)):
        out.append((xs[i], ys[i - 1]))
        if ys[i] != ys[i - 1]:
            out.append((xs[i], ys[i]))
    ded = [out[0]]
    for p in out[1:]:
        if p != ded[-1]:
            ded.append(p)
    return ded


def surv_at(xs, ys, t):
    return ys[np.searchsorted(xs, t, side="right") - 1]


steps = [km_steps(ipd[ipd.curve == k].time.values, ipd[ipd.curve == k].event.values) for k in (1, 2, 3, 4)]
# verify curves 2 and 3 cross exactly twice (sign changes of S3 - S2 on a fine grid, ignoring ties)
grid = np.arange(0.05, 104, 0.05)
dif = np.array([surv_at(*steps[2], g) - surv_at(*steps[1], g) for g in grid])
sg = np.sign(dif[np.abs(dif) > 1e-12])
n_cross = int(np.sum(sg[1:] != sg[:-1]))

plt.rcParams["font.family"] = ["DejaVu Sans"]
cols = ["#1F77B4", "#D62728", "#2CA02C", "#9467BD"]
fig, ax = plt.subplots(figsize=(7.2, 5.0), dpi=120)
fig.subplots_adjust(left=0.11, right=0.97, top=0.91, bottom=0.12)
for k in (1, 2, 3, 4):
    xs, ys = steps[k - 1]
    ax.step(xs, ys, where="post", color=cols[k - 1], lw=1.6, label=specs[k - 1][0])
    d = ipd[(ipd.curve == k) & (ipd.event == 0)]
    ax.plot(d.time, [surv_at(xs, ys, t) for t in d.time], "x", color=cols[k - 1], ms=3.5, mew=0.8)
ax.set_xlim(0, 106)
ax.set_ylim(0, 1.02)
ax.set_xticks(range(0, 105, 13))
ax.set_yticks(np.arange(0, 1.01, 0.1))
ax.grid(True, ls=":", lw=0.7, color="#999999")
ax.set_xlabel("Weeks after start of therapy", fontsize=11)
ax.set_ylabel("Probability of remaining on therapy", fontsize=11)
ax.set_title("Time to treatment discontinuation by genotype", fontsize=12)
ax.legend(loc="upper right", fontsize=9.5, framealpha=0.95, edgecolor="#666666")

if "--check" in sys.argv:
    print("curves 2/3 sign changes:", n_cross)
    for a in range(4):
        for b in range(a + 1, 4):
            dd = np.array([surv_at(*steps[a], g) - surv_at(*steps[b], g) for g in grid])
            q = np.sign(dd[np.abs(dd) > 1e-12])
            print(f"  pair {a+1}/{b+1}: {int(np.sum(q[1:] != q[:-1]))} sign changes, min |gap| {np.abs(dd).min():.3f}")
    for k in (1, 2, 3, 4):
        c = corners(*steps[k - 1])
        ax.plot([p[0] for p in c], [p[1] for p in c], ".", color="magenta", ms=2, zorder=10)
    os.makedirs(os.path.join(HERE, "check"), exist_ok=True)
    fig.savefig(os.path.join(HERE, "check", "check_overlay.png"), dpi=150)
    sys.exit(0)
assert n_cross == 2, n_cross
fig.savefig(os.path.join(HERE, "figure.jpg"), dpi=120, pil_kwargs={"quality": 85})
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
ipd.to_csv(os.path.join(HERE, "truth", "ipd.csv"), index=False)
cr = []
for k in (1, 2, 3, 4):
    cr += [(k, round(x, 4), round(y, 6)) for x, y in corners(*steps[k - 1])]
pd.DataFrame(cr, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth", "curves.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 104], "y_range": [0, 1], "n_curves": 4, "x_unit": "weeks",
           "style": "matplotlib by hand, 120-dpi JPEG, four colour curves (2 and 3 cross twice), dotted grid, x censor marks, legend upper right"},
          open(os.path.join(HERE, "truth", "meta.json"), "w"), indent=1)
