"""matplotlib by hand: 2 colour curves, percent y axis zoomed 50-100%, | censor marks, grid, title, numbers-at-risk table under the x axis, PNG 300 dpi."""
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

rng = np.random.default_rng(20261208)
fu = 36
ds = [sim(rng, 260, 0.0055, fu, drop=0.012), sim(rng, 245, 0.0110, fu, drop=0.012)]
labels = ["PVP with zoledronic acid", "PVP alone"]
cols = ["#00468B", "#ED0000"]
ticks = list(range(0, 37, 6))
fig = plt.figure(figsize=(6.8, 5.4))
ax = fig.add_axes([0.25, 0.33, 0.71, 0.58])
for d, lab, col in zip(ds, labels, cols):
    x, y, k = steps(d)
    ax.step(x, 100 * y, where="post", color=col, lw=1.6, label=lab)
    cz = k[k.c > 0]
    ax.plot(cz.time, 100 * cz.surv, ls="none", marker="|", ms=6, mew=0.9, color=col)
ax.set_xlim(0, 37); ax.set_ylim(50, 100.5)
ax.set_xticks(ticks); ax.set_yticks(range(50, 101, 10))
ax.grid(True, color="0.85", lw=0.6); ax.set_axisbelow(True)
ax.set_xlabel("Months after vertebroplasty")
ax.set_ylabel("Fracture-free survival (%)")
ax.set_title("New vertebral fracture after percutaneous vertebroplasty (PVP)", fontsize=11)
ax.legend(loc="lower left", frameon=True, fontsize=9)
ar = [atrisk(d, i + 1, ticks) for i, d in enumerate(ds)]
fig.text(0.02, 0.2, "No. at risk", fontweight="bold", fontsize=9)
for i, (a, lab, col) in enumerate(zip(ar, labels, cols)):
    yy = 0.155 - 0.045 * i
    fig.text(0.02, yy, lab, fontsize=8.5, color=col, va="center")
    for t, n in zip(a.time, a.n_at_risk):
        xf = 0.25 + 0.71 * t / 37
        fig.text(xf, yy, str(n), fontsize=8.5, ha="center", va="center")
fig.savefig(os.path.join(OUT, "figure.png"), dpi=300)
write_truth([curve_truth(d, i + 1) for i, d in enumerate(ds)], ds,
            {"kind": "survival", "x_range": [0, 36], "y_range": [50, 100], "n_curves": 2, "x_unit": "months",
             "style": "matplotlib steps, 2 colour curves, percent y axis zoomed 50-100, | censor marks, grey grid, title, framed legend inside bottom-left, at-risk table below (labels coloured, counts black), PNG 300 dpi"},
            ar)
