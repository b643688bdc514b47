"""z3: a Kaplan-Meier chart built in Excel (scatter with straight lines) and exported
from Word/PowerPoint to PDF the way EMF charts come out: every horizontal and every
vertical piece of each step curve is its own path, 2 pt lines with flat caps, text kept
as real (TrueType, Calibri-metric) text, light grey gridlines, y axis 0..1 every 0.2
labelled "0, 0.2, ..., 1", legend at the bottom, thin chart-area border.
Deterministic (fixed seed, no PDF timestamps).  Run: /work/figenv/bin/python make.py"""
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
SEED = 190003
DPI = 150                     # only used to rasterise for checking; the PDF is vector
for p in ["/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
          "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf"]:
    if os.path.exists(p):
        fm.fontManager.addfont(p)
FONT = "Carlito"              # metric-compatible with Calibri (Office default)

GROUPS = ["Matched sibling donor", "Matched unrelated donor", "Haploidentical donor"]
N = [128, 97, 61]
XMAX = 1200
COLS = ["#4472C4", "#ED7D31", "#A5A5A5"]   # Office 2013+ theme colours 1-3
TXT = "#595959"


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


def simulate():
    rng = np.random.default_rng(SEED)
    rows = []
    # early transplant-related mortality (decreasing hazard): Weibull shape 0.6
    k = 0.6
    scales = [5200.0, 3000.0, 2100.0]          # days; sibling best, haplo worst
    for g, (n, sc) in enumerate(zip(N, scales), start=1):
        ev = sc * rng.weibull(k, n)
        entry = rng.uniform(0, 780, n)          # transplants over ~2 years
        admin = 1195 - entry                    # data cut-off
        loss = rng.exponential(9000, n)         # few lost: light censoring
        c = np.minimum(admin, loss)
        t = np.minimum(ev, c)
        e = (ev <= c).astype(int)
        t = np.maximum(np.ceil(t), 1).astype(int)   # whole days
        for ti, ei in zip(t, e):
            rows.append((g, int(ti), int(ei)))
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


def build(ipd):
    plt.rcParams.update({"font.family": FONT, "font.size": 12, "pdf.fonttype": 42,
                         "text.color": TXT, "axes.labelcolor": TXT,
                         "xtick.color": TXT, "ytick.color": TXT,
                         "path.simplify": False})
    fig = plt.figure(figsize=(7.5, 4.6), dpi=DPI, facecolor="white")
    fig.patches.append(Rectangle((0.002, 0.003), 0.996, 0.994, transform=fig.transFigure,
                                 fill=False, ec="#D9D9D9", lw=0.75))
    ax = fig.add_axes([0.095, 0.215, 0.875, 0.66])
    for sp in ("top", "right", "left"):
        ax.spines[sp].set_visible(False)
    ax.spines["bottom"].set_color("#BFBFBF"); ax.spines["bottom"].set_linewidth(0.75)
    ax.set_xlim(0, XMAX); ax.set_ylim(0, 1)
    ax.set_yticks(np.arange(0, 1.01, 0.2))
    ax.set_yticklabels(["0", "0.2", "0.4", "0.6", "0.8", "1"])
    ax.set_xticks(np.arange(0, XMAX + 1, 100))
    ax.tick_params(length=0, labelsize=12, pad=6)
    for v in np.arange(0.2, 1.01, 0.2):
        ax.add_line(Line2D([0, XMAX], [v, v], color="#D9D9D9", lw=0.75, zorder=0.5))
    handles = []
    for g in (1, 2, 3):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        # corners come in the order (0,1) (u1,1) (u1,s1) (u2,s1) ...: each consecutive
        # pair is one horizontal or one vertical piece, drawn as its own path
        for i in range(len(xs) - 1):
            ax.add_line(Line2D(xs[i:i + 2], ys[i:i + 2], color=COLS[g - 1], lw=2.0,
                               solid_capstyle="butt", zorder=2 + g * 0.01))
        handles.append(Line2D([], [], color=COLS[g - 1], lw=2.0, solid_capstyle="butt"))
    ax.set_xlabel("Days after transplantation", fontsize=13, labelpad=6)
    ax.set_ylabel("Probability of survival", fontsize=13, labelpad=8)
    fig.text(0.5, 0.93, "Overall survival by donor type", ha="center", fontsize=18.6)
    fig.legend(handles, GROUPS, loc="lower center", bbox_to_anchor=(0.5, 0.01),
               ncol=3, frameon=False, fontsize=12, handlelength=2.0, columnspacing=2.0)
    return fig, ax


def write_truth(ipd):
    tdir = os.path.join(HERE, "truth"); os.makedirs(tdir, exist_ok=True)
    rows = []
    for g in (1, 2, 3):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        rows += [(g, round(float(x), 4), round(float(y), 6)) for x, y in zip(xs, ys)]
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(tdir, "curves.csv"), index=False)
    ipd.to_csv(os.path.join(tdir, "ipd.csv"), index=False)
    meta = {"kind": "survival", "x_range": [0, XMAX], "y_range": [0, 1],
            "n_curves": 3, "x_unit": "days",
            "style": "Office (Excel chart exported via Word/PowerPoint, EMF-like PDF): each "
                     "horizontal and vertical step piece a separate 2 pt path, real text, "
                     "y 0..1 by 0.2 labelled 0,0.2,..,1, grey gridlines, legend at bottom, "
                     "no censor marks",
            "groups": GROUPS}
    with open(os.path.join(tdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ipd = simulate()
    write_truth(ipd)
    fig, ax = build(ipd)
    fig.savefig(os.path.join(HERE, "figure.pdf"),
                metadata={"CreationDate": None, "ModDate": None})
    plt.close(fig)


if __name__ == "__main__":
    main()
