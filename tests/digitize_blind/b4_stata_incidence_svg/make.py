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
# ---------------------------------------------------------------- figure b4
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 9,
                     "svg.fonttype": "none", "svg.hashsalt": "blind_fig21_b4",
                     "axes.linewidth": 0.6})
BG = "#EAF2F3"          # Stata ltbluishgray (graph region)
GRIDC = "#DCE6E8"
rng = np.random.default_rng(2104)
G = ["Placebo", "Low dose", "High dose"]
COL = ["#1A476F", "#90353B", "#55752F"]   # navy, maroon, forest_green
t1, e1 = simulate(rng, 160, scale=95.0, shape=1.2, min_fu=24, accrual=36,
                  dropout=0.008, round_to=0.1)
t2, e2 = simulate(rng, 155, scale=125.0, shape=1.15, min_fu=24, accrual=36,
                  dropout=0.008, round_to=0.1)
t3, e3 = simulate(rng, 158, scale=190.0, shape=1.1, min_fu=24, accrual=36,
                  dropout=0.008, round_to=0.1)
cur, ipd = write_truth([(t1, e1), (t2, e2), (t3, e3)], kind="incidence")
for k in (1, 2, 3):
    assert curve_xy(cur, k)[1].max() < 0.5

fig = plt.figure(figsize=(5.5, 4.0), facecolor=BG)
ax = fig.add_axes([0.13, 0.30, 0.82, 0.58], facecolor="white")
for k in (1, 2, 3):
    x, v = curve_xy(cur, k)
    ax.plot(x, v, color=COL[k - 1], lw=1.1, solid_joinstyle="miter")
ax.set_xlim(0, 61.5)
ax.set_ylim(-0.01, 0.51)
ax.set_xticks([0, 20, 40, 60])
ax.set_yticks(np.arange(0, 0.51, 0.1))
ax.set_yticklabels([f"{y:.2f}" for y in np.arange(0, 0.51, 0.1)])
ax.yaxis.grid(True, color=GRIDC, lw=0.8)
ax.set_axisbelow(True)
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(direction="out", length=4, width=0.6, labelsize=9)
ax.set_xlabel("Months since randomization", fontsize=9.5)
fig.text(0.5, 0.94, "Kaplan-Meier failure estimates", ha="center",
         va="center", fontsize=12.5)
handles = [Line2D([0], [0], color=c, lw=1.1) for c in COL]
# Stata fills legend rows first; matplotlib fills columns first, so reorder
# to show row 1: Placebo, Low dose / row 2: High dose
leg = fig.legend([handles[0], handles[2], handles[1]], [G[0], G[2], G[1]],
                 loc="lower center", ncol=2,
                 bbox_to_anchor=(0.54, 0.025), fontsize=9, frameon=True,
                 fancybox=False, edgecolor="#404040", facecolor="white",
                 framealpha=1, handlelength=3.0, columnspacing=3.0)
leg.get_frame().set_linewidth(0.5)
fig.savefig("figure.svg", facecolor=BG, metadata={"Date": None, "Creator": None})
write_meta({"kind": "incidence", "x_range": [0, 60], "y_range": [0.0, 0.5],
            "n_curves": 3, "x_unit": "months",
            "style": "Stata s2color look: light blue-grey graph region, white "
                     "plot region, horizontal grid only, horizontal y labels "
                     "0.00-0.50, rising 1-KM 'failure estimates', navy/maroon/"
                     "green lines, boxed legend below in two rows, SVG with "
                     "text as <text>",
            "groups": G})
