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
# ---------------------------------------------------------------- figure b5
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams.update({"font.family": "Liberation Sans", "font.size": 7,
                     "pdf.fonttype": 42, "axes.linewidth": 0.5,
                     "xtick.major.width": 0.5, "ytick.major.width": 0.5,
                     "xtick.major.size": 2.5, "ytick.major.size": 2.5,
                     "legend.fontsize": 7})
rng = np.random.default_rng(2105)
COL = ["#3C5488", "#E64B35"]
MM = 1 / 25.4

# panel a: its own patients (NOT part of the truth)
GA = ["Biomarker low", "Biomarker high"]
a1 = simulate(rng, 132, scale=26.0, shape=1.3, min_fu=12, accrual=24,
              dropout=0.01, cap=36.0, round_to=0.1)
a2 = simulate(rng, 118, scale=14.0, shape=1.2, min_fu=12, accrual=24,
              dropout=0.01, cap=36.0, round_to=0.1)
# panel b: the truth
G = ["Arm A (n = 142)", "Arm B (n = 139)"]
t1, e1 = simulate(rng, 142, scale=44.0, shape=1.25, min_fu=18, accrual=30,
                  dropout=0.008, cap=48.0, round_to=0.1)
t2, e2 = simulate(rng, 139, scale=30.0, shape=1.3, min_fu=18, accrual=30,
                  dropout=0.008, cap=48.0, round_to=0.1)
cur, ipd = write_truth([(t1, e1), (t2, e2)])


def corners_df(pairs):
    rows = []
    for k, (t, e) in enumerate(pairs, start=1):
        for x, v in km_corners(t, e):
            rows.append((k, x, v))
    return pd.DataFrame(rows, columns=["curve", "time", "value"])


def ipd_df(pairs):
    rows = []
    for k, (t, e) in enumerate(pairs, start=1):
        rows += [(k, float(a), int(b)) for a, b in zip(t, e)]
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


fig = plt.figure(figsize=(183 * MM, 78 * MM))
panels = [
    dict(ax=fig.add_axes([0.145, 0.36, 0.34, 0.57]), cur=corners_df([a1, a2]),
         ipd=ipd_df([a1, a2]), tt=[a1[0], a2[0]], groups=GA, xmax=36, step=6,
         ylabel="Progression-free survival (%)", letter="a",
         ptxt=None, truth=False),
    dict(ax=fig.add_axes([0.64, 0.36, 0.34, 0.57]), cur=cur, ipd=ipd,
         tt=[t1, t2], groups=G, xmax=48, step=12,
         ylabel="Overall survival (%)", letter="b",
         ptxt=None, truth=True),
]
from lifelines import CoxPHFitter
from lifelines.statistics import logrank_test
for P in panels:
    d = P["ipd"].copy()
    d["arm"] = (d.curve == 2).astype(int)
    lr = logrank_test(d.time[d.arm == 0], d.time[d.arm == 1],
                      d.event[d.arm == 0], d.event[d.arm == 1])
    p = lr.p_value
    ptxt = "P < 0.001" if p < 0.001 else f"P = {p:.3f}"
    if P["truth"]:
        # HR of arm A versus arm B
        d["armA"] = 1 - d.arm
        cph = CoxPHFitter().fit(d[["time", "event", "armA"]], "time", "event")
        hr = np.exp(cph.params_["armA"])
        lo, hi = np.exp(cph.confidence_intervals_.loc["armA"].values)
        ptxt = f"HR = {hr:.2f} (95% CI {lo:.2f}\u2013{hi:.2f})\nLog-rank {ptxt}"
    else:
        ptxt = f"Log-rank {ptxt}"
    P["ptxt"] = ptxt
    ax = P["ax"]
    for k in (1, 2):
        x, v = curve_xy(P["cur"], k)
        ax.plot(x, 100 * v, color=COL[k - 1], lw=0.9, label=P["groups"][k - 1],
                solid_joinstyle="miter")
        cx, cy = censor_xy(P["cur"], P["ipd"], k)
        ax.plot(cx, 100 * cy, ls="none", marker="|", ms=3, mew=0.5,
                color=COL[k - 1])
    ax.set_xlim(0, P["xmax"])
    ax.set_ylim(0, 102)
    ax.set_xticks(np.arange(0, P["xmax"] + 1, P["step"]))
    ax.set_yticks([0, 25, 50, 75, 100])
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.set_ylabel(P["ylabel"], labelpad=2)
    ax.set_xlabel("Time (months)", labelpad=1.5)
    ax.tick_params(pad=1.5)
    ax.legend(loc="upper right", frameon=False, handlelength=1.6,
              borderaxespad=0.2)
    ax.text(0.04, 0.06, P["ptxt"], transform=ax.transAxes, ha="left",
            va="bottom")
    bb = ax.get_position()
    fig.text(bb.x0 - 0.13, 0.985, P["letter"], fontsize=8, fontweight="bold",
             ha="left", va="top")
    # numbers at risk
    tx = ax.get_xaxis_transform()
    ax.text(-0.07, -0.27, "No. at risk", transform=ax.transAxes, ha="right",
            va="center")
    rows = []
    for k in (1, 2):
        y = -0.27 - 0.1 * k
        ax.text(-0.07, y, P["groups"][k - 1].split(" (")[0],
                transform=ax.transAxes, ha="right", va="center",
                color=COL[k - 1])
        for x in np.arange(0, P["xmax"] + 1, P["step"]):
            n = n_at_risk(P["tt"][k - 1], x)
            rows.append((k, int(x), n))
            ax.text(x, y, str(n), transform=tx, ha="center", va="center")
    if P["truth"]:
        write_at_risk(rows)

fig.savefig("figure.pdf", metadata={"CreationDate": None})
write_meta({"kind": "survival", "panel": "b", "x_range": [0, 48],
            "y_range": [0, 100], "n_curves": 2, "x_unit": "months",
            "style": "Nature-style two-panel vector PDF, 183 mm wide, 7 pt "
                     "sans text, bold a/b panel letters; read panel b (right): "
                     "navy/red steps with censor ticks, percent y axis, "
                     "numbers at risk below in black with coloured row labels",
            "groups": G})
