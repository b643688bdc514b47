"""lifelines KaplanMeierFitter.plot: 2 curves with shaded 95% CI, censor ticks, add_at_risk_counts table, PNG 150 dpi."""
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

rng = np.random.default_rng(20261210)
fu = 24
ds = [sim(rng, 230, 0.0090, fu, drop=0.015), sim(rng, 210, 0.0190, fu, drop=0.015)]
labels = ["Teriparatide", "Alendronate"]
fig, ax = plt.subplots(figsize=(7, 5.2))
fitters = []
for d, lab in zip(ds, labels):
    kmf = KaplanMeierFitter(label=lab).fit(d.time, d.event)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True, censor_styles={"ms": 5, "marker": "|"})
    fitters.append(kmf)
ax.set_xlim(0, 24); ax.set_xticks(range(0, 25, 4)); ax.set_ylim(0.5, 1.0)
ax.set_xlabel("Months after vertebroplasty"); ax.set_ylabel("Survival without new vertebral fracture")
ax.legend(loc="lower left")
add_at_risk_counts(*fitters, ax=ax, rows_to_show=["At risk"])
plt.tight_layout()
fig.savefig(os.path.join(OUT, "figure.png"), dpi=150)

# numbers at risk exactly as lifelines printed them (lifelines counts subjects still at risk just AFTER the tick)
ax2 = [a for a in fig.axes if a is not ax][0]
rows = []
for t, lbl in zip(ax2.get_xticks(), ax2.get_xticklabels()):
    nums = [int(v) for v in re.findall(r"(?<![\w.])(\d+)\s*$", lbl.get_text(), re.M)]
    nums = nums[-len(fitters):]
    for i, n in enumerate(nums):
        rows.append((i + 1, float(t), n))
ar = pd.DataFrame(rows, columns=["curve", "time", "n_at_risk"]).sort_values(["curve", "time"])
for i, d in enumerate(ds):  # check: equals n with time > t (n at t = 0)
    a = ar[ar.curve == i + 1]
    assert list(a.n_at_risk) == [len(d) if t == 0 else int((d.time > t).sum()) for t in a.time], a
for i, (d, k) in enumerate(zip(ds, fitters)):  # check KM against lifelines
    ct = curve_truth(d, 1)
    assert np.allclose(ct.value.values[1:-1] if ct.time.iloc[-1] not in set(d.time[d.event == 1]) else ct.value.values[1:],
                       k.survival_function_at_times(ct.time.values[1:len(ct) - (0 if ct.time.iloc[-1] in set(d.time[d.event == 1]) else 1)]).values, atol=1e-9)
write_truth([curve_truth(d, i + 1) for i, d in enumerate(ds)], ds,
            {"kind": "survival", "x_range": [0, 24], "y_range": [0.5, 1.0], "n_curves": 2, "x_unit": "months",
             "style": "lifelines plot_survival_function, default colours, shaded 95% CI bands, | censor ticks, y axis 0.5-1.0, legend inside bottom-left, lifelines add_at_risk_counts table (counts = at risk just after each tick), PNG 150 dpi"},
            [ar])
