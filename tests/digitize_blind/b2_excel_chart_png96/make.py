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
# ---------------------------------------------------------------- figure b2
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch
from matplotlib.lines import Line2D

plt.rcParams.update({"font.family": "Carlito", "font.size": 9})
GREY_TXT = "#595959"
GRID = "#D9D9D9"
rng = np.random.default_rng(2102)
G = ["Standard chemotherapy", "Chemotherapy + antibody"]
COL = ["#4472C4", "#ED7D31"]
# whole months, as a spreadsheet of follow-up would hold them
t1, e1 = simulate(rng, 72, scale=19.0, shape=1.15, min_fu=38, accrual=28,
                  dropout=0.004, round_to=1)
t2, e2 = simulate(rng, 68, scale=36.0, shape=1.0, min_fu=38, accrual=28,
                  dropout=0.004, round_to=1)
cur, ipd = write_truth([(t1, e1), (t2, e2)])

W, H = 7.0, 4.5
fig = plt.figure(figsize=(W, H), facecolor="none")
# chart area: white fill, thin grey border, rounded corners
fig.patches.append(FancyBboxPatch((0.004, 0.006), 0.992, 0.988,
                                  boxstyle="round,pad=0,rounding_size=0.018",
                                  transform=fig.transFigure, facecolor="white",
                                  edgecolor=GRID, linewidth=0.75, zorder=-10))
ax = fig.add_axes([0.095, 0.25, 0.875, 0.62])
ax.set_facecolor("none")
for k in (1, 2):
    x, v = curve_xy(cur, k)
    ax.plot(x, v, color=COL[k - 1], lw=2.25, marker="s", ms=5,
            markeredgecolor=COL[k - 1], markerfacecolor=COL[k - 1],
            solid_joinstyle="round", zorder=3, clip_on=False)
ax.set_xlim(0, 70)
ax.set_ylim(0, 1.2)
ax.set_xticks(np.arange(0, 71, 10))
ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2])
ax.set_yticklabels(["0", "0.2", "0.4", "0.6", "0.8", "1", "1.2"])
ax.grid(True, color=GRID, lw=0.75)
ax.set_axisbelow(True)
for s in ax.spines.values():
    s.set_visible(False)
ax.tick_params(length=0, labelcolor=GREY_TXT, labelsize=9, pad=5)
ax.set_xlabel("Months", color=GREY_TXT, fontsize=10, labelpad=4)
ax.set_ylabel("Survival probability", color=GREY_TXT, fontsize=10, labelpad=6)
fig.text(0.5, 0.93, "Overall survival by treatment arm", ha="center",
         va="center", fontsize=14, color=GREY_TXT)
handles = [Line2D([0], [0], color=c, lw=2.25, marker="s", ms=5) for c in COL]
fig.legend(handles, G, loc="lower center", ncol=2, frameon=False,
           bbox_to_anchor=(0.5, 0.015), fontsize=9, labelcolor=GREY_TXT,
           handlelength=2.4, columnspacing=2.0)
fig.savefig("figure.png", dpi=96, metadata={"Software": None})
write_meta({"kind": "survival", "x_range": [0, 70], "y_range": [0, 1.2],
            "n_curves": 2, "x_unit": "months",
            "style": "Excel 'scatter with straight lines and markers' of the "
                     "KM corner table: Carlito text, grey gridlines both ways, "
                     "square markers at every corner, auto y axis 0-1.2, legend "
                     "at bottom, rounded grey chart border, PNG 96 dpi",
            "groups": G})
