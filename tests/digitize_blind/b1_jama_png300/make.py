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
# ---------------------------------------------------------------- figure b1
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 8,
                     "axes.linewidth": 0.8})
rng = np.random.default_rng(2101)
G = ["Early surgery", "Watchful waiting"]
COL = ["#1F3F8F", "#E8871E"]
CAP = 24.0
t1, e1 = simulate(rng, 214, scale=9.7, shape=0.77, cure=0.70, min_fu=11,
                  accrual=16, dropout=0.006, cap=CAP)
t2, e2 = simulate(rng, 207, scale=7.3, shape=0.68, cure=0.62, min_fu=11,
                  accrual=16, dropout=0.006, cap=CAP)
cur, ipd = write_truth([(t1, e1), (t2, e2)])
for k in (1, 2):
    assert curve_xy(cur, k)[1].min() > 0.61

# y axis: percent, the 0 tick sits one interval below 60 with a break mark
def ymap(v_pct):
    return np.asarray(v_pct, float)

fig = plt.figure(figsize=(5.4, 4.5))
ax = fig.add_axes([0.22, 0.34, 0.74, 0.60])
for k in (1, 2):
    x, v = curve_xy(cur, k)
    ax.plot(x, ymap(100 * v), color=COL[k - 1], lw=1.5, solid_joinstyle="miter",
            label=G[k - 1], zorder=3)
ax.set_xlim(0, 24)
ax.set_ylim(50, 100)
ax.set_xticks(np.arange(0, 25, 3))
ax.set_yticks([50, 60, 70, 80, 90, 100])
ax.set_yticklabels(["0", "60", "70", "80", "90", "100"])
ax.tick_params(direction="out", length=3, width=0.8, labelsize=8)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
# broken y axis: hide the spine, draw it in two pieces with two slashes
ax.spines["left"].set_visible(False)
tr = ax.get_yaxis_transform()
ax.plot([0, 0], [50, 54.0], color="k", lw=0.8, transform=tr, clip_on=False)
ax.plot([0, 0], [56.0, 100], color="k", lw=0.8, transform=tr, clip_on=False)
for yb in (53.2, 55.2):
    ax.plot([-0.018, 0.018], [yb - 0.9, yb + 0.9], color="k", lw=0.8,
            transform=tr, clip_on=False)
ax.set_xlabel("Time since randomization, mo", fontsize=8.5, fontweight="bold")
ax.set_ylabel("Cumulative survival, %", fontsize=8.5, fontweight="bold")
leg = ax.legend(loc="lower left", frameon=False, fontsize=8, handlelength=2.2,
                bbox_to_anchor=(0.02, 0.02))

# inset: first 3 months, zoomed
ins = ax.inset_axes([0.56, 0.67, 0.42, 0.31])
for k in (1, 2):
    x, v = curve_xy(cur, k)
    m = x <= 3.3
    xx = np.r_[x[m], 3.3]
    vv = np.r_[v[m], value_at(x, v, [3.3])]
    ins.plot(xx, 100 * vv, color=COL[k - 1], lw=1.1, solid_joinstyle="miter")
ins.set_xlim(0, 3)
ins.set_ylim(80, 100)
ins.set_xticks([0, 1, 2, 3])
ins.set_yticks([80, 90, 100])
ins.tick_params(labelsize=6.5, length=2, width=0.6, direction="out", pad=2)
for s in ins.spines.values():
    s.set_linewidth(0.6)
ins.set_facecolor("white")
ins.set_xlabel("Months", fontsize=6.5, labelpad=1)
ins.set_ylabel("Survival, %", fontsize=6.5, labelpad=1)

# numbers at risk
times = np.arange(0, 25, 3)
tx = ax.get_xaxis_transform()
fig.text(0.02, 0.205, "No. at risk", fontsize=8, fontweight="bold")
rows = []
for k, (tt, yrow) in enumerate([(t1, -0.30), (t2, -0.375)], start=1):
    ax.text(-0.29, yrow, G[k - 1], transform=ax.transAxes, color=COL[k - 1],
            fontsize=8, ha="left", va="center")
    for x in times:
        n = n_at_risk(tt, x)
        rows.append((k, int(x), n))
        ax.text(x, yrow, str(n), transform=tx, color=COL[k - 1], fontsize=8,
                ha="center", va="center")
write_at_risk(rows)
fig.savefig("figure.png", dpi=300, metadata={"Software": None})
write_meta({"kind": "survival", "x_range": [0, 24], "y_range": [0, 100],
            "n_curves": 2, "x_unit": "months",
            "style": "JAMA-like: dark blue and orange steps, percent y axis "
                     "labelled 0,60..100 with a broken-axis mark (plot zoomed "
                     "to 60-100), coloured numbers at risk, zoomed inset of "
                     "months 0-3 in the upper right, PNG 300 dpi",
            "groups": G})
