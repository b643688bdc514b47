"""lifelines plot_cumulative_density: single rising cumulative-incidence curve in percent, shaded CI, no legend, title, at-risk row, PNG 300 dpi."""
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
import re
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts
from matplotlib.ticker import FuncFormatter

rng = np.random.default_rng(20261212)
fu = 60
d = sim(rng, 380, 0.0065, fu, drop=0.008)
fig, ax = plt.subplots(figsize=(6, 4.6))
kmf = KaplanMeierFitter(label="All patients").fit(d.time, d.event)
kmf.plot_cumulative_density(ax=ax, ci_show=True, show_censors=False, legend=False, color="#8B0000", linewidth=1.5)
ax.set_xlim(0, 60); ax.set_xticks(range(0, 61, 12))
ax.set_ylim(0, 0.4); ax.set_yticks(np.arange(0, 0.41, 0.1))
ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:.0f}"))
ax.set_xlabel("Months after vertebroplasty"); ax.set_ylabel("Cumulative incidence of new fracture (%)")
ax.set_title("Subsequent vertebral fracture (n = 380)", fontsize=11)
add_at_risk_counts(kmf, ax=ax, rows_to_show=["At risk"], labels=["All patients"])
plt.tight_layout()
fig.savefig(os.path.join(OUT, "figure.png"), dpi=300)

ax2 = [a for a in fig.axes if a is not ax][0]
rows = []
for t, lbl in zip(ax2.get_xticks(), ax2.get_xticklabels()):
    n = int(re.findall(r"(\d+)\s*$", lbl.get_text())[-1])
    rows.append((1, float(t), n))
ar = pd.DataFrame(rows, columns=["curve", "time", "n_at_risk"])
assert list(ar.n_at_risk) == [len(d) if t == 0 else int((d.time > t).sum()) for t in ar.time], ar
ct = curve_truth(d, 1, incid=True)
ev = ct.time.values[1:][np.isin(ct.time.values[1:], d.time[d.event == 1])]
assert np.allclose(1 - kmf.survival_function_at_times(ev).values, ct.value.values[1:1 + len(ev)], atol=1e-6)
write_truth([ct], [d],
            {"kind": "incidence", "x_range": [0, 60], "y_range": [0, 40], "n_curves": 1, "x_unit": "months",
             "style": "lifelines plot_cumulative_density, one dark-red rising curve with shaded CI, y axis in percent 0-40 (no % sign), title, no legend, lifelines at-risk row (counts = at risk just after each tick), PNG 300 dpi"},
            [ar])
