# ---------------------------------------------------------------- shared helpers
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, cure=0.0, min_fu=12.0, accrual=12.0,
             dropout=0.0, cap=None, round_to=0.01):
    """Weibull event times with an optional cured fraction, uniform accrual
    (administrative censoring), exponential drop-out, optional data cut `cap`.
    Times are rounded to `round_to` so that the CSV holds them exactly."""
    t_ev = scale * (-np.log(rng.random(n))) ** (1.0 / shape)
    if cure > 0:
        t_ev[rng.random(n) < cure] = np.inf
    fu = min_fu + accrual * rng.random(n)
    drop = rng.exponential(1.0 / dropout, n) if dropout > 0 else np.full(n, np.inf)
    c = np.minimum(fu, drop)
    if cap is not None:
        c = np.minimum(c, cap)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    dec = max(0, int(round(-np.log10(round_to)))) if round_to < 1 else 0
    t = np.round(np.maximum(np.round(t / round_to) * round_to, round_to), dec)
    if cap is not None:
        t = np.minimum(t, cap)
    return t, e


def km_steps(t, e):
    """[(event time, survival just after)] by the product-limit formula."""
    out, s = [], 1.0
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        s *= 1.0 - d / n
        out.append((float(u), s))
    return out


def km_corners(t, e):
    """Every step corner: (0,1), before/after each drop, last follow-up."""
    pts, s = [(0.0, 1.0)], 1.0
    for u, snew in km_steps(t, e):
        pts.append((u, s))
        pts.append((u, snew))
        s = snew
    tmax = float(np.max(t))
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    return pts


def check_lifelines(t, e, corners, incidence=False):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(t, e)
    sf = kmf.survival_function_.iloc[:, 0]
    ct = np.array([p[0] for p in corners])
    cv = np.array([p[1] for p in corners])
    if incidence:
        cv = 1.0 - cv
    for tt, v in sf.items():
        i = np.searchsorted(ct, tt, side="right") - 1
        assert abs(cv[i] - v) < 1e-9, (tt, cv[i], v)
    assert abs(ct[-1] - float(np.max(t))) < 1e-9


def value_at(ct, cv, x):
    """Right-continuous step value of a corner list at times x."""
    idx = np.searchsorted(ct, np.asarray(x, float), side="right") - 1
    return cv[np.clip(idx, 0, None)]


def n_at_risk(t, x):
    return int((np.asarray(t) >= x).sum())


def write_truth(groups_td, kind="survival"):
    """groups_td: list of (t, e). Writes ipd.csv and curves.csv; returns the
    curves read back from disk (the figure is drawn from this)."""
    ipd, cur = [], []
    for k, (t, e) in enumerate(groups_td, start=1):
        assert 60 <= len(t) <= 250, len(t)
        for ti, ei in zip(t, e):
            ipd.append((k, float(ti), int(ei)))
        corners = km_corners(t, e)
        check_lifelines(t, e, corners)
        for (x, v) in corners:
            cur.append((k, x, (1.0 - v) if kind == "incidence" else v))
    pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(
        "truth/ipd.csv", index=False, float_format="%.10g")
    pd.DataFrame(cur, columns=["curve", "time", "value"]).to_csv(
        "truth/curves.csv", index=False, float_format="%.10g")
    back = pd.read_csv("truth/curves.csv")
    ipd_back = pd.read_csv("truth/ipd.csv")
    # re-check the files on disk against lifelines
    for k in sorted(ipd_back.curve.unique()):
        g = ipd_back[ipd_back.curve == k]
        c = back[back.curve == k]
        check_lifelines(g.time.values, g.event.values,
                        list(zip(c.time.values, c.value.values)),
                        incidence=(kind == "incidence"))
    return back, ipd_back


def curve_xy(cur, k):
    c = cur[cur.curve == k]
    return c.time.values.astype(float), c.value.values.astype(float)


def censor_xy(cur, ipd, k):
    ct, cv = curve_xy(cur, k)
    g = ipd[(ipd.curve == k) & (ipd.event == 0)]
    x = np.unique(g.time.values.astype(float))
    return x, value_at(ct, cv, x)


def write_at_risk(rows):
    pd.DataFrame(rows, columns=["curve", "time", "n_at_risk"]).to_csv(
        "truth/at_risk.csv", index=False)


def write_meta(meta):
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ------------------------------------------------------------ end of helpers
# ---------------------------------------------------------------- figure b6
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter, CoxPHFitter
from lifelines.statistics import logrank_test

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 10,
                     "axes.linewidth": 0.9})
rng = np.random.default_rng(2106)
G = ["Nivolumab", "Docetaxel"]
COL = ["#C0392B", "#2E6DA4"]
t1, e1 = simulate(rng, 188, scale=17.0, shape=0.9, cure=0.12, min_fu=24,
                  accrual=36, dropout=0.006, cap=60.0)
t2, e2 = simulate(rng, 181, scale=10.5, shape=1.0, cure=0.03, min_fu=24,
                  accrual=36, dropout=0.006, cap=60.0)
cur, ipd = write_truth([(t1, e1), (t2, e2)])

fig, ax = plt.subplots(figsize=(6.6, 4.6))
fig.subplots_adjust(left=0.11, right=0.97, bottom=0.12, top=0.96)
for k, (t, e) in enumerate([(t1, e1), (t2, e2)], start=1):
    kmf = KaplanMeierFitter().fit(t, e)           # only for the 95% band
    ci = kmf.confidence_interval_
    bx = ci.index.values.astype(float)
    lo, hi = ci.iloc[:, 0].values, ci.iloc[:, 1].values
    ax.fill_between(bx, lo, hi, step="post", color=COL[k - 1], alpha=0.18,
                    lw=0)
    x, v = curve_xy(cur, k)
    ax.plot(x, v, color=COL[k - 1], lw=1.6, label=G[k - 1],
            solid_joinstyle="miter")
    cx, cy = censor_xy(cur, ipd, k)
    ax.plot(cx, cy, ls="none", marker="+", ms=5, mew=0.9, color=COL[k - 1])
ax.set_xlim(0, 60)
ax.set_ylim(0, 1.0)
ax.set_xticks([0, 12, 24, 36, 48, 60])
ax.set_xticks([6], minor=True)
ax.set_xticklabels(["6"], minor=True)
ax.tick_params(which="minor", length=2.5)
ax.set_yticks(np.linspace(0, 1, 6))
ax.set_yticklabels([f"{y:.1f}" for y in np.linspace(0, 1, 6)])
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.set_xlabel("Months since randomization")
ax.set_ylabel("Overall survival probability")
ax.legend(loc="upper right", frameon=False, handlelength=2.0)

d = ipd.copy()
d["trt"] = (d.curve == 1).astype(int)
cph = CoxPHFitter().fit(d[["time", "event", "trt"]], "time", "event")
hr = float(np.exp(cph.params_["trt"]))
lo, hi = np.exp(cph.confidence_intervals_.loc["trt"].values)
lr = logrank_test(d.time[d.trt == 1], d.time[d.trt == 0],
                  d.event[d.trt == 1], d.event[d.trt == 0])
p = lr.p_value
ptxt = "P < 0.001" if p < 0.001 else f"P = {p:.3f}"
ax.text(0.40, 0.74, f"HR {hr:.2f} (95% CI, {lo:.2f}\u2013{hi:.2f})\n"
        f"Log-rank {ptxt}", transform=ax.transAxes, ha="left", va="top",
        fontsize=9.5, linespacing=1.4)
fig.savefig("figure.png", dpi=150, metadata={"Software": None})
write_meta({"kind": "survival", "x_range": [0, 60], "y_range": [0.0, 1.0],
            "n_curves": 2, "x_unit": "months",
            "style": "red/blue KM steps with '+' censor marks over light "
                     "shaded 95% confidence bands, linear month axis labelled "
                     "0, 6 (minor), 12, 24, 36, 48, 60, HR with CI and "
                     "log-rank P printed in the plot, PNG 150 dpi",
            "groups": G})
