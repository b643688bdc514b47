"""matplotlib by hand: 2 colour curves that cross, each with dashed 95% CI step lines, legend inside top-right, JPEG quality 80 at 120 dpi."""
import sys, os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(os.path.join(OUT, "truth"), exist_ok=True)


def sim(rng, n, hazard, fu, drop=0.01, round_to=0.1, shape=1.0):
    """Weibull(shape) event times with given scale-hazard, uniform admin + exponential drop-out censoring."""
    te = rng.weibull(shape, n) / hazard if shape != 1.0 else rng.exponential(1 / hazard, n)
    tc = np.minimum(rng.uniform(0.3 * fu, fu, n), rng.exponential(1 / drop, n))
    t = np.minimum(te, tc)
    e = (te <= tc).astype(int)
    t = np.maximum(np.round(t / round_to) * round_to, round_to)
    return pd.DataFrame({"time": np.round(t, 6), "event": e})


def km(d):
    """Kaplan-Meier with Greenwood log-log 95% CI, evaluated at every distinct time (events and censorings)."""
    times = np.sort(d.time.unique())
    s, v, rows = 1.0, 0.0, []
    for t in times:
        n = (d.time >= t).sum()
        dd = ((d.time == t) & (d.event == 1)).sum()
        c = ((d.time == t) & (d.event == 0)).sum()
        if dd:
            s *= 1 - dd / n
            if n > dd:
                v += dd / (n * (n - dd))
        if s > 0 and s < 1 and v > 0:
            se = np.sqrt(v) / abs(np.log(s))
            lo, hi = s ** np.exp(1.96 * se), s ** np.exp(-1.96 * se)
        else:
            lo = hi = s
        rows.append((t, s, lo, hi, n, dd, c))
    return pd.DataFrame(rows, columns=["time", "surv", "lo", "hi", "n", "d", "c"])


def steps(d):
    """x, y arrays for a steps-post drawing from time 0 to the last observed time."""
    k = km(d)
    return np.r_[0, k.time], np.r_[1, k.surv], k


def curve_truth(d, cid, incid=False, xmax=np.inf):
    k = km(d)
    ev = k[(k.d > 0) & (k.time <= xmax)]
    tt = [0.0] + list(ev.time)
    vv = [1.0] + list(ev.surv)
    end = min(d.time.max(), xmax)
    if end > tt[-1]:
        tt.append(end); vv.append(vv[-1])
    vv = np.array(vv)
    if incid:
        vv = 1 - vv
    return pd.DataFrame({"curve": cid, "time": tt, "value": np.round(vv, 6)})


def atrisk(d, cid, ticks):
    return pd.DataFrame({"curve": cid, "time": ticks, "n_at_risk": [int((d.time >= t).sum()) for t in ticks]})


def write_truth(curves, ipds, meta, ar=None):
    pd.concat(curves).to_csv(os.path.join(OUT, "truth/curves.csv"), index=False)
    pd.concat([d.assign(curve=i + 1)[["curve", "time", "event"]] for i, d in enumerate(ipds)]).to_csv(
        os.path.join(OUT, "truth/ipd.csv"), index=False)
    if ar is not None:
        pd.concat(ar).to_csv(os.path.join(OUT, "truth/at_risk.csv"), index=False)
    with open(os.path.join(OUT, "truth/meta.json"), "w") as f:
        json.dump(meta, f, indent=1)

rng = np.random.default_rng(20261209)
fu = 48
ds = [sim(rng, 150, 0.0033, fu, drop=0.01, shape=0.6), sim(rng, 160, 0.0165, fu, drop=0.01, shape=2.2)]
labels = ["Balloon kyphoplasty", "Vertebroplasty"]
cols = ["#7B3294", "#008837"]
fig, ax = plt.subplots(figsize=(6.4, 4.8))
for d, lab, col in zip(ds, labels, cols):
    x, y, k = steps(d)
    ax.step(x, y, where="post", color=col, lw=1.8, label=lab)
    ax.step(x, np.r_[1, k.lo], where="post", color=col, lw=0.8, ls="--")
    ax.step(x, np.r_[1, k.hi], where="post", color=col, lw=0.8, ls="--")
ax.set_xlim(-1, 49); ax.set_ylim(0.3, 1.0)
ax.set_xticks(range(0, 49, 12)); ax.set_yticks(np.arange(0.3, 1.01, 0.1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0.3, 1.01, 0.1)])
ax.set_xlabel("Follow-up (months)")
ax.set_ylabel("Probability of remaining fracture-free")
ax.legend(loc="upper right", fontsize=9, framealpha=1)
fig.tight_layout()
fig.savefig(os.path.join(OUT, "figure.jpg"), dpi=120, pil_kwargs={"quality": 80})
write_truth([curve_truth(d, i + 1) for i, d in enumerate(ds)], ds,
            {"kind": "survival", "x_range": [0, 48], "y_range": [0.3, 1.0], "n_curves": 2, "x_unit": "months",
             "style": "matplotlib steps, 2 colour curves that cross, dashed 95% CI step lines in the curve colour, y axis 0.3-1.0, legend inside top-right, JPEG q80 120 dpi"})
