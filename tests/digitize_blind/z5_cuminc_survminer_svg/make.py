"""z5: cumulative incidence (1 - KM) in percent, x axis in years, imitating R
survminer::ggsurvplot(fun = "event", risk.table = TRUE, risk.table.y.text.col = TRUE)
saved with ggsave(..., "svg"): ggplot hue colours, '+' censor marks, legend on top
("Strata"), ggplot's 5% axis expansion (the origin is not at the axis corner),
a 'Number at risk' table below whose row names are the group names in coloured text.
SVG with real <text> elements.  Deterministic (fixed seed, fixed SVG ids, no date).
Run: /work/figenv/bin/python make.py"""
import os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager as fm
from matplotlib.lines import Line2D

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 190045
DPI = 96                  # used only to rasterise for checking; the SVG is vector
for p in ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"]:
    if os.path.exists(p):
        fm.fontManager.addfont(p)
FONT = "Liberation Sans"

GROUPS = ["Grade 1", "Grade 2", "Grade 3"]
N = [182, 141, 76]
HR = [1.0, 1.8, 2.6]
COLS = ["#F8766D", "#00BA38", "#619CFF"]     # ggplot2 default hue palette, 3 levels
XMAX = 10
TICKS = np.arange(0, XMAX + 1, 2)
YMAX = 50                                    # percent


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
    k = 0.9
    lam1 = -np.log(0.80) / 10.0 ** k          # 10-year incidence ~20% in grade 1
    for g, (n, hr) in enumerate(zip(N, HR), start=1):
        u = rng.uniform(size=n)
        ev = (-np.log(u) / (lam1 * hr)) ** (1 / k)        # PH Weibull
        entry = rng.uniform(0, 8.0, n)                   # 8 years of accrual
        admin = 10.4 - entry
        death = rng.exponential(30, n)                   # deaths/loss: censored
        c = np.minimum(admin, death)
        t = np.minimum(ev, c)
        e = (ev <= c).astype(int)
        cut = t >= XMAX
        t = np.where(cut, XMAX, t); e = np.where(cut, 0, e)
        t = np.round(np.maximum(t, 0.01), 3)
        for ti, ei in zip(t, e):
            rows.append((g, float(ti), int(ei)))
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


def _classic(ax):
    for sp in ("top", "right"):
        ax.spines[sp].set_visible(False)
    for sp in ("left", "bottom"):
        ax.spines[sp].set_linewidth(0.8); ax.spines[sp].set_color("black")
    ax.tick_params(length=3.5, width=0.8, colors="black", labelcolor="#000000",
                   labelsize=12)


def build(ipd):
    plt.rcParams.update({"font.family": FONT, "font.size": 12, "svg.fonttype": "none",
                         "svg.hashsalt": "fig19-z5", "svg.id": "z5"})
    fig = plt.figure(figsize=(7.0, 6.6), dpi=DPI, facecolor="white")
    ax = fig.add_axes([0.13, 0.40, 0.83, 0.49])
    _classic(ax)
    xpad, ypad = 0.05 * XMAX, 0.05 * YMAX              # ggplot's default expansion
    handles = []
    for g in (1, 2, 3):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        ax.plot(xs, (1 - ys) * 100, color=COLS[g - 1], lw=1.6, solid_joinstyle="miter")
        ct = np.sort(d.time[d.event == 0].values)
        ax.plot(ct, (1 - surv_at(xs, ys, ct)) * 100, ls="none", marker="+", ms=8,
                mew=1.1, color=COLS[g - 1])
        handles.append(Line2D([], [], color=COLS[g - 1], lw=1.6, marker="+", ms=8, mew=1.1))
    ax.set_xlim(-xpad, XMAX + xpad); ax.set_ylim(-ypad, YMAX + ypad)
    ax.set_xticks(TICKS); ax.set_yticks(np.arange(0, YMAX + 1, 10))
    ax.set_xlabel("Time (years)", fontsize=14)
    ax.set_ylabel("Cumulative incidence of relapse (%)", fontsize=14)
    leg = fig.legend(handles, GROUPS, loc="upper center", bbox_to_anchor=(0.60, 0.975),
                     ncol=3, frameon=False, fontsize=12, handlelength=2.0,
                     columnspacing=1.6)
    # ggplot puts the legend title "Strata" to the left of the keys on the same row
    fig.canvas.draw()
    bb = leg.get_window_extent().transformed(fig.transFigure.inverted())
    fig.text(bb.x0 - 0.005, (bb.y0 + bb.y1) / 2, "Strata", ha="right", va="center",
             fontsize=12)
    # ---- risk table
    tab = fig.add_axes([0.13, 0.075, 0.83, 0.17])
    _classic(tab)
    tab.set_xlim(-xpad, XMAX + xpad); tab.set_ylim(0.4, 3.6)
    tab.set_xticks(TICKS)
    tab.set_yticks([3, 2, 1]); tab.set_yticklabels(GROUPS)
    for lab, c in zip(tab.get_yticklabels(), COLS):
        lab.set_color(c)
    for g in (1, 2, 3):
        d = ipd[ipd.curve == g]
        for x, n in zip(TICKS, at_risk(d.time, TICKS)):
            tab.text(x, 4 - g, str(n), ha="center", va="center", fontsize=12)
    tab.set_xlabel("Time (years)", fontsize=14)
    fig.text(0.015, 0.265, "Number at risk", fontsize=13, ha="left")
    return fig, ax


def write_truth(ipd):
    tdir = os.path.join(HERE, "truth"); os.makedirs(tdir, exist_ok=True)
    rows, ar = [], []
    for g in (1, 2, 3):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        rows += [(g, round(float(x), 4), round(float(1 - y), 6)) for x, y in zip(xs, ys)]
        ar += [(g, int(x), n) for x, n in zip(TICKS, at_risk(d.time, TICKS))]
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(tdir, "curves.csv"), index=False)
    pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv(
        os.path.join(tdir, "at_risk.csv"), index=False)
    ipd.to_csv(os.path.join(tdir, "ipd.csv"), index=False)
    meta = {"kind": "incidence", "x_range": [0, XMAX], "y_range": [0, YMAX],
            "n_curves": 3, "x_unit": "years",
            "style": "R survminer ggsurvplot(fun='event') look: cumulative incidence "
                     "(1-KM) in percent, y 0..50, ggplot hue colours, '+' censor marks, "
                     "5% axis expansion, legend on top, Number-at-risk table with "
                     "coloured group names; SVG with <text> elements",
            "groups": GROUPS}
    with open(os.path.join(tdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ipd = simulate()
    write_truth(ipd)
    fig, ax = build(ipd)
    fig.savefig(os.path.join(HERE, "figure.svg"), metadata={"Date": None})
    plt.close(fig)


if __name__ == "__main__":
    main()
