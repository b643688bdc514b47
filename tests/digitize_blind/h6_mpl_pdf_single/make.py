"""Single-arm KM, matplotlib by hand, vector PDF: percent y axis, dashed 95% CI (Greenwood,
log-log), '|' censor marks, numbers-at-risk row under the x axis."""
import sys, os, json
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
matplotlib.rcParams["pdf.fonttype"] = 42
matplotlib.rcParams["font.family"] = "DejaVu Sans"
import matplotlib.pyplot as plt

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(out, "truth"), exist_ok=True)
rng = np.random.default_rng(606)
n = 320
ev = rng.weibull(1.3, n) * 150.0
cens = np.minimum(rng.uniform(12, 60, n), 60.0)
cens = np.where(rng.random(n) < 0.25, 60.0, cens)  # a quarter complete the full 60 months
t = np.round(np.minimum(ev, cens), 2)
t = np.where(t == 0, 0.05, t)
e = (ev <= cens).astype(int)
print("events", e.sum(), "/", n)
ipd = pd.DataFrame({"curve": 1, "time": t, "event": e})

def km_full(t, e):
    rows = [(0.0, 1.0, 1.0, 1.0)]; s = 1.0; v = 0.0
    for u in np.unique(t[e == 1]):
        nn = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1 - d / nn
        v += d / (nn * (nn - d)) if nn > d else 0
        if s > 0 and s < 1:
            se = np.sqrt(v) / abs(np.log(s))
            lo = s ** np.exp(1.96 * se); hi = s ** np.exp(-1.96 * se)
        else:
            lo = hi = s
        rows.append((float(u), s, lo, hi))
    return rows

r = km_full(t, e)
tmax = float(t.max())
x = [a[0] for a in r] + [tmax]
S = [a[1] for a in r] + [r[-1][1]]
lo = [a[2] for a in r] + [r[-1][2]]
hi = [a[3] for a in r] + [r[-1][3]]

fig = plt.figure(figsize=(6.5, 5.0))
ax = fig.add_axes([0.19, 0.30, 0.76, 0.62])
ax.plot(x, [100 * v for v in S], drawstyle="steps-post", color="black", lw=1.4)
ax.plot(x, [100 * v for v in lo], drawstyle="steps-post", color="black", lw=0.8, ls="--")
ax.plot(x, [100 * v for v in hi], drawstyle="steps-post", color="black", lw=0.8, ls="--")
cs = np.unique(t[e == 0])
def Sat(u):
    v = 1.0
    for a in r:
        if a[0] <= u: v = a[1]
    return v
ax.plot(cs, [100 * Sat(u) for u in cs], ls="none", marker="|", ms=6, color="black", mew=0.8)
ax.set_xlim(0, 60); ax.set_ylim(0, 100)
ax.set_xticks(range(0, 61, 12)); ax.set_yticks(range(0, 101, 20))
for s_ in ("top", "right"): ax.spines[s_].set_visible(False)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Fracture-free survival (%)")
ax.set_title("Figure 2. Survival free of new vertebral fracture", loc="left", fontsize=11)
ticks = list(range(0, 61, 12))
nar = [int((t >= k).sum()) for k in ticks]
fig.text(0.02, 0.115, "No. at risk", fontsize=9, fontweight="bold")
for k, m in zip(ticks, nar):
    xf = 0.19 + 0.76 * k / 60
    fig.text(xf, 0.07, str(m), ha="center", fontsize=9)
fig.text(0.02, 0.07, "Overall", fontsize=9)
fig.savefig(os.path.join(out, "figure.pdf"), metadata={"CreationDate": None})

rows = [(1, a[0], a[1]) for a in r] + [(1, tmax, r[-1][1])]
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(out, "truth/curves.csv"), index=False)
pd.DataFrame({"curve": 1, "time": ticks, "n_at_risk": nar}).to_csv(os.path.join(out, "truth/at_risk.csv"), index=False)
ipd.to_csv(os.path.join(out, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 60], "y_range": [0, 100], "n_curves": 1,
           "x_unit": "months", "style": "matplotlib vector PDF, one black curve, dashed 95% CI lines, | censor marks, percent y, at-risk row"},
          open(os.path.join(out, "truth/meta.json"), "w"), indent=1)
print(nar)
