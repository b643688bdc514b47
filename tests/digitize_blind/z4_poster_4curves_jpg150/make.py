"""z4: a conference-poster Kaplan-Meier panel: very large type, 5 pt lines, four risk
groups in the Okabe-Ito colour-blind-safe palette, thick tick censor marks, percent axis
labelled "0%".."100%", legend box inside the plot sitting over the curves' tails.
Saved as JPEG quality 70 at 150 dpi.  Deterministic (fixed seed).
Run: /work/figenv/bin/python make.py"""
import os, json, io
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager as fm
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 190004
DPI = 150
for p in ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"]:
    if os.path.exists(p):
        fm.fontManager.addfont(p)
FONT = "Liberation Sans"

GROUPS = ["Low risk", "Intermediate-1", "Intermediate-2", "High risk"]
N = [398, 224, 131, 57]
MEDIANS = [150.0, 62.0, 30.0, 11.0]            # months
COLS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]   # Okabe-Ito
XMAX = 60


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


def simulate():
    rng = np.random.default_rng(SEED)
    rows = []
    k = 1.1
    for g, (n, med) in enumerate(zip(N, MEDIANS), start=1):
        ev = med / np.log(2) ** (1 / k) * rng.weibull(k, n)
        entry = rng.uniform(0, 50, n)             # registry, 50 months of inclusion
        admin = 63 - entry
        loss = rng.exponential(180, n)
        c = np.minimum(admin, loss)
        t = np.minimum(ev, c)
        e = (ev <= c).astype(int)
        cut = t >= XMAX
        t = np.where(cut, XMAX, t); e = np.where(cut, 0, e)
        t = np.round(np.maximum(t, 0.05), 2)
        for ti, ei in zip(t, e):
            rows.append((g, float(ti), int(ei)))
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


def build(ipd):
    plt.rcParams.update({"font.family": FONT, "font.size": 26})
    fig = plt.figure(figsize=(12, 8), dpi=DPI, facecolor="white")
    ax = fig.add_axes([0.165, 0.15, 0.80, 0.72])
    for sp in ("top", "right"):
        ax.spines[sp].set_visible(False)
    for sp in ("left", "bottom"):
        ax.spines[sp].set_linewidth(3)
    for g in range(1, 5):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        ax.plot(xs, ys * 100, color=COLS[g - 1], lw=5, solid_joinstyle="miter",
                solid_capstyle="butt", label=f"{GROUPS[g - 1]} (n={len(d)})", zorder=3)
        ct = np.sort(d.time[d.event == 0].values)
        ax.plot(ct, surv_at(xs, ys, ct) * 100, ls="none", marker="|", ms=14, mew=3,
                color=COLS[g - 1], zorder=3)
    ax.set_xlim(0, XMAX); ax.set_ylim(0, 102)
    ax.set_xticks(np.arange(0, XMAX + 1, 12))
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_yticklabels(["0%", "25%", "50%", "75%", "100%"])
    ax.tick_params(width=3, length=10, labelsize=28, pad=8)
    ax.set_xlabel("Months from diagnosis", fontsize=32, labelpad=10)
    ax.set_ylabel("Overall survival", fontsize=32, labelpad=12)
    fig.text(0.5, 0.93, "Overall survival by prognostic risk group", ha="center",
             fontsize=38, fontweight="bold")
    leg = ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.40), fontsize=27,
                    frameon=True, framealpha=0.82, edgecolor="#444444", fancybox=False,
                    handlelength=1.6, borderpad=0.6, labelspacing=0.45)
    leg.get_frame().set_linewidth(2)
    leg.set_zorder(5)
    return fig, ax


def write_truth(ipd):
    tdir = os.path.join(HERE, "truth"); os.makedirs(tdir, exist_ok=True)
    rows = []
    for g in range(1, 5):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        rows += [(g, round(float(x), 4), round(float(y), 6)) for x, y in zip(xs, ys)]
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(tdir, "curves.csv"), index=False)
    ipd.to_csv(os.path.join(tdir, "ipd.csv"), index=False)
    meta = {"kind": "survival", "x_range": [0, XMAX], "y_range": [0, 100],
            "n_curves": 4, "x_unit": "months",
            "style": "conference poster: huge fonts, 5 pt lines, 4 Okabe-Ito curves, thick "
                     "'|' censor marks, y labelled 0%..100%, semi-opaque legend inside over "
                     "the curve tails; JPEG q70, 150 dpi",
            "groups": GROUPS}
    with open(os.path.join(tdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ipd = simulate()
    write_truth(ipd)
    fig, ax = build(ipd)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    plt.close(fig)
    buf.seek(0)
    Image.open(buf).convert("RGB").save(os.path.join(HERE, "figure.jpg"), "JPEG",
                                        quality=70, dpi=(DPI, DPI))


if __name__ == "__main__":
    main()
