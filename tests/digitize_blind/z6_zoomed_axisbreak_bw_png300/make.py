"""z6: black-and-white trial figure with a zoomed y axis (0.6 to 1.0) marked by a
'//' break symbol near the bottom of the y axis, solid vs dashed curves, censoring shown
as small vertical ticks, hazard-ratio annotation, numbers-at-risk table.
PNG at 300 dpi.  Deterministic (fixed seed).  Run: /work/figenv/bin/python make.py"""
import os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager as fm
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 190006
DPI = 300
for p in ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"]:
    if os.path.exists(p):
        fm.fontManager.addfont(p)
FONT = "Liberation Sans"

GROUPS = ["Intervention", "Control"]      # curve 1 (top), curve 2
N = [402, 396]
XMAX = 36
TICKS = np.arange(0, XMAX + 1, 6)
YLO = 0.6


def km_corners(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    xs, ys, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s2 = s * (1.0 - d / n)
        xs += [u, u]; ys += [s, s2]; s = s2
    if t.max() > xs[-1]:
        xs.append(float(t.max())); ys.append(s)
    return np.array(xs), np.array(ys)


def surv_at(xs, ys, q):
    return ys[np.searchsorted(xs, q, side="right") - 1]


def at_risk(t, q):
    t = np.asarray(t, float)
    return [int(np.sum(t >= x)) for x in q]


def simulate():
    rng = np.random.default_rng(SEED)
    rows = []
    k = 0.85                                    # hazard highest early after the procedure
    lam_c = -np.log(0.76) / 36.0 ** k           # control: ~24% events by 36 months
    hr = [1 / 1.7, 1.0]
    for g, (n, h) in enumerate(zip(N, hr), start=1):
        u = rng.uniform(size=n)
        ev = (-np.log(u) / (lam_c * h)) ** (1 / k)
        entry = rng.uniform(0, 30, n)           # 30 months of enrolment
        admin = 37.5 - entry                    # heavy administrative censoring
        loss = rng.exponential(220, n)          # withdrawal / loss
        c = np.minimum(admin, loss)
        t = np.minimum(ev, c)
        e = (ev <= c).astype(int)
        cut = t >= XMAX
        t = np.where(cut, XMAX, t); e = np.where(cut, 0, e)
        t = np.round(np.maximum(t, 0.03), 2)
        for ti, ei in zip(t, e):
            rows.append((g, float(ti), int(ei)))
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


def hr_text(ipd):
    from lifelines import CoxPHFitter
    d = ipd.copy(); d["x"] = (d.curve == 1).astype(int)
    cph = CoxPHFitter().fit(d[["time", "event", "x"]], "time", "event")
    hr = float(np.exp(cph.params_["x"]))
    lo, hi = np.exp(cph.confidence_intervals_.loc["x"].values)
    p = float(cph.summary.loc["x", "p"])
    ptxt = "P<0.001" if p < 0.001 else f"P={p:.3f}"
    return f"Hazard ratio, {hr:.2f} (95% CI, {lo:.2f}\u2013{hi:.2f}); {ptxt}"


def build(ipd):
    plt.rcParams.update({"font.family": FONT, "font.size": 9})
    fig = plt.figure(figsize=(6.5, 5.2), dpi=DPI, facecolor="white")
    ax = fig.add_axes([0.20, 0.31, 0.75, 0.64])
    for sp in ("top", "right"):
        ax.spines[sp].set_visible(False)
    for sp in ("left", "bottom"):
        ax.spines[sp].set_linewidth(0.8)
    styles = [dict(ls="-"), dict(ls=(0, (4, 2.2)))]
    handles = []
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        ax.plot(xs, ys, color="black", lw=1.1, solid_joinstyle="miter",
                dash_joinstyle="miter", **styles[g - 1])
        ct = np.sort(d.time[d.event == 0].values)
        ax.plot(ct, surv_at(xs, ys, ct), ls="none", marker="|", ms=3.5, mew=0.6,
                color="black")
        handles.append(Line2D([], [], color="black", lw=1.1, **styles[g - 1]))
    ylo_ax = YLO - 0.045
    ax.set_xlim(0, XMAX); ax.set_ylim(ylo_ax, 1.0)
    ax.set_xticks(TICKS)
    ax.set_yticks(np.arange(0.6, 1.001, 0.1))
    ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0.6, 1.001, 0.1)])
    ax.tick_params(direction="out", length=3.5, width=0.8, labelsize=9)
    ax.set_xlabel("Months since randomization", fontsize=10)
    ax.set_ylabel("Probability of event-free survival", fontsize=10)
    # axis-break symbol on the y axis between the x axis and 0.6
    yb = (YLO - 0.022 - ylo_ax) / (1.0 - ylo_ax)       # in axes fraction
    gap, dx, dy = 0.012, 0.012, 0.010
    ax.add_patch(Rectangle((-0.02, yb - gap / 2), 0.04, gap, transform=ax.transAxes,
                           facecolor="white", edgecolor="none", clip_on=False, zorder=5))
    for off in (-gap / 2, gap / 2):
        ax.add_line(Line2D([-dx, dx], [yb + off - dy, yb + off + dy], transform=ax.transAxes,
                           color="black", lw=0.8, clip_on=False, zorder=6))
    ax.legend(handles, GROUPS, loc="lower left", bbox_to_anchor=(0.04, 0.10),
              frameon=False, fontsize=9, handlelength=3.2)
    ax.text(0.04, 0.05, hr_text(ipd), transform=ax.transAxes, fontsize=8.5)
    # numbers at risk
    fig.text(0.02, 0.155, "No. at Risk", fontsize=9, fontweight="bold")
    yrow = [0.115, 0.075]
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        fig.text(0.02, yrow[g - 1], GROUPS[g - 1], fontsize=9, va="center")
        for x, n in zip(TICKS, at_risk(d.time, TICKS)):
            xf = fig.transFigure.inverted().transform(ax.transData.transform((x, 1)))[0]
            fig.text(xf, yrow[g - 1], str(n), fontsize=9, ha="center", va="center")
    return fig, ax


def write_truth(ipd):
    tdir = os.path.join(HERE, "truth"); os.makedirs(tdir, exist_ok=True)
    rows, ar = [], []
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        rows += [(g, round(float(x), 4), round(float(y), 6)) for x, y in zip(xs, ys)]
        ar += [(g, int(x), n) for x, n in zip(TICKS, at_risk(d.time, TICKS))]
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(tdir, "curves.csv"), index=False)
    pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv(
        os.path.join(tdir, "at_risk.csv"), index=False)
    ipd.to_csv(os.path.join(tdir, "ipd.csv"), index=False)
    meta = {"kind": "survival", "x_range": [0, XMAX], "y_range": [0.6, 1.0],
            "n_curves": 2, "x_unit": "months",
            "style": "black-and-white, y axis zoomed 0.6-1.0 with '//' break symbol below "
                     "0.6, solid vs dashed, small vertical-tick censor marks, HR text, "
                     "No. at Risk table; PNG 300 dpi",
            "groups": GROUPS}
    with open(os.path.join(tdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ipd = simulate()
    write_truth(ipd)
    fig, ax = build(ipd)
    fig.savefig(os.path.join(HERE, "figure.png"), dpi=DPI)
    plt.close(fig)


if __name__ == "__main__":
    main()
