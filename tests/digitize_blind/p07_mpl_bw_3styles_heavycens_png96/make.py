"""matplotlib by hand: 3 black curves told apart by line style only (solid, dashed, dotted), heavy censoring, PNG 96 dpi."""
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

rng = np.random.default_rng(20261207)
fu = 60
ds = [sim(rng, 90, 0.0085, fu, drop=0.045), sim(rng, 110, 0.0100, fu, drop=0.045), sim(rng, 80, 0.0170, fu, drop=0.045)]
labels = ["T-score > -2.5", "T-score -2.5 to -3.5", "T-score < -3.5"]
styles = [dict(ls="-", lw=1.5), dict(ls=(0, (6, 3)), lw=1.3), dict(ls=(0, (1.2, 2)), lw=1.6)]
plt.rcParams.update({"font.family": "DejaVu Serif", "font.size": 10})
fig, ax = plt.subplots(figsize=(6.2, 4.6))
for d, lab, st in zip(ds, labels, styles):
    x, y, _ = steps(d)
    ax.step(x, y, where="post", color="black", label=lab, **st)
ax.set_xlim(0, 60); ax.set_ylim(0, 1.02)
ax.set_xticks(range(0, 61, 10)); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.spines[["top", "right"]].set_visible(False)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Cumulative probability free of new fracture")
ax.legend(loc="lower left", frameon=False, handlelength=3.2, title="Baseline bone density")
fig.tight_layout()
fig.savefig(os.path.join(OUT, "figure.png"), dpi=96)
write_truth([curve_truth(d, i + 1) for i, d in enumerate(ds)], ds,
            {"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3, "x_unit": "months",
             "style": "matplotlib steps, black solid/dashed/dotted, heavy censoring (no censor marks), legend with title inside bottom-left, serif font, PNG 96 dpi"})
