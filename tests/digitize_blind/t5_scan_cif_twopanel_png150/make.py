"""t5: a greyscale scan of a printed journal page, 150 dpi PNG.  The page carries running
text, a two-panel figure and its caption: panel A is a RISING cumulative-incidence plot
(1 - KM, three black curves told apart by solid/dashed/dotted lines, percent axis 0-50,
numbers at risk below), panel B is a forest plot (not a survival curve).  The page is
rotated by 0.35 degree, slightly blurred, with paper texture and sensor noise.
Usage: python make.py [check_dir]"""
import json, os, sys
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from PIL import Image
from scipy import ndimage

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)
rng = np.random.default_rng(1305)
ANGLE = 0.35          # degrees, counter-clockwise


def km_corners(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    pts = [(0.0, 1.0)]; s = 1.0
    ev = np.unique(t[e == 1])
    for u in ev:
        n = (t >= u).sum(); d = ((t == u) & (e == 1)).sum()
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s))
    if len(ev) == 0 or t.max() > ev[-1]:
        pts.append((t.max(), s))
    return pts


def gen(n, rate, shape):
    ev = (rng.weibull(shape, n)) / rate
    c = np.minimum(rng.uniform(3.0, 10.0, n), rng.exponential(60, n))
    t = np.minimum(ev, c); e = (ev <= c).astype(int)
    return np.maximum(np.round(t, 3), 0.01), e

groups = [("Stage I", 180, 0.012, 1.0), ("Stage II", 160, 0.028, 0.95), ("Stage III", 120, 0.055, 0.85)]
styles = [dict(ls="-", color="black", lw=1.1), dict(ls=(0, (5, 2.5)), color="black", lw=1.1),
          dict(ls=(0, (1, 1.6)), color="black", lw=1.4)]
data = []
for i, (lab, n, r, k) in enumerate(groups, 1):
    t, e = gen(n, r, k); data.append((i, lab, t, e))

ticks_x = np.arange(0, 11, 2)
rows, ipd, ar, corners = [], [], [], {}
for i, lab, t, e in data:
    pts = [(a, 1 - b) for a, b in km_corners(t, e)]      # cumulative incidence = 1 - KM
    corners[i] = pts
    rows += [(i, a, b) for a, b in pts]
    ipd += [(i, a, b) for a, b in zip(t, e)]
    ar += [(i, x, int((t >= x).sum())) for x in ticks_x]
pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(os.path.join(TRUTH, "curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(TRUTH, "ipd.csv"), index=False)
pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv(os.path.join(TRUTH, "at_risk.csv"), index=False)
json.dump({"kind": "incidence", "x_range": [0, 10], "y_range": [0, 50], "n_curves": 3, "x_unit": "years",
           "style": "scanned greyscale journal page, two-panel figure (A: cumulative incidence, B: forest plot), rotated 0.35 deg, paper noise"},
          open(os.path.join(TRUTH, "meta.json"), "w"), indent=1)

BODY = ["patients were followed up at 3-monthly intervals for the first two years and yearly thereafter.",
        "Local recurrence was defined as any histologically confirmed tumour in the residual breast or",
        "the ipsilateral chest wall. Cumulative incidence was estimated by the Kaplan-Meier method and",
        "groups were compared with the log-rank test; hazard ratios were estimated with Cox models."]
CAPTION = ["Fig. 2.  (A) Cumulative incidence of local recurrence according to pathological stage. Numbers",
           "of patients at risk are shown below the graph. (B) Hazard ratios for local recurrence in",
           "prespecified subgroups (Stage III vs. Stage I). CI, confidence interval."]


def draw(overlay=False):
    plt.rcParams.update({"font.family": "DejaVu Serif", "font.size": 8})
    fig = plt.figure(figsize=(7.4, 6.6))
    fig.text(0.06, 0.975, "LOCAL RECURRENCE AFTER BREAST-CONSERVING SURGERY", fontsize=7, va="top")
    fig.text(0.94, 0.975, "867", fontsize=8, va="top", ha="right")
    fig.add_artist(Line2D([0.06, 0.94], [0.958, 0.958], color="black", lw=0.5))
    for k, line in enumerate(BODY):
        fig.text(0.06, 0.935 - k * 0.024, line, fontsize=8.6, va="top")
    # ---- panel A ----
    ax = fig.add_axes([0.105, 0.335, 0.40, 0.435])
    fig.text(0.035, 0.785, "A", fontsize=13, fontweight="bold", family="DejaVu Sans")
    for i, lab, t, e in data:
        xs, ys = zip(*corners[i])
        ax.plot(xs, [100 * y for y in ys], **styles[i - 1], drawstyle="default", label=lab)
        if overlay:
            ax.plot(xs, [100 * y for y in ys], "o", ms=1.5, color="red", zorder=6)
    ax.set_xlim(0, 10.2); ax.set_ylim(0, 50)
    ax.set_xticks(ticks_x); ax.set_yticks(range(0, 51, 10))
    ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
    ax.tick_params(direction="in", length=3, width=0.6, labelsize=8)
    for sp in ax.spines.values():
        sp.set_linewidth(0.7)
    ax.set_xlabel("Years after surgery", fontsize=8.5)
    ax.set_ylabel("Cumulative incidence (%)", fontsize=8.5)
    ax.legend(loc="upper left", frameon=False, fontsize=8, handlelength=3.2)
    # at-risk table under panel A
    fig.text(0.015, 0.245, "No. at risk", fontsize=7.5, fontstyle="italic")
    for i, lab, t, e in data:
        y = 0.222 - 0.02 * (i - 1)
        fig.text(0.015, y, lab, fontsize=7.3, va="center")
        for x in ticks_x:
            xf = 0.105 + 0.40 * x / 10.2
            fig.text(xf, y, str(int((t >= x).sum())), fontsize=7.3, ha="center", va="center")
    # ---- panel B: forest plot ----
    bx = fig.add_axes([0.70, 0.335, 0.27, 0.435])
    fig.text(0.545, 0.785, "B", fontsize=13, fontweight="bold", family="DejaVu Sans")
    subs = ["All patients", "Age < 50 y", "Age \u2265 50 y", "ER positive", "ER negative", "Radiotherapy",
            "No radiotherapy", "Grade 1-2", "Grade 3"]
    hr = [3.9, 4.6, 3.2, 3.1, 5.4, 3.5, 5.9, 2.8, 4.8]
    lo = [2.4, 2.3, 1.7, 1.6, 2.6, 2.0, 2.2, 1.3, 2.4]
    hi = [6.3, 9.2, 6.0, 6.0, 11.2, 6.1, 15.8, 6.0, 9.6]
    yy = np.arange(len(subs))[::-1]
    for y, h, l, u in zip(yy, hr, lo, hi):
        bx.plot([l, u], [y, y], color="black", lw=0.8)
        bx.plot([h], [y], marker="s", color="black", ms=4.5 if y == yy[0] else 3.5)
    bx.axvline(1, color="black", lw=0.6, ls=(0, (2, 2)))
    bx.set_xscale("log"); bx.set_xlim(0.5, 20)
    bx.set_xticks([0.5, 1, 2, 5, 10, 20]); bx.set_xticklabels(["0.5", "1", "2", "5", "10", "20"])
    bx.minorticks_off()
    bx.set_yticks(yy); bx.set_yticklabels(subs, fontsize=7.5)
    bx.set_ylim(-0.7, len(subs) - 0.3)
    bx.spines["top"].set_visible(False); bx.spines["right"].set_visible(False); bx.spines["left"].set_visible(False)
    bx.tick_params(axis="y", length=0); bx.tick_params(axis="x", direction="in", length=3, labelsize=8)
    bx.set_xlabel("Hazard ratio (95% CI)", fontsize=8.5)
    for k, line in enumerate(CAPTION):
        fig.text(0.06, 0.125 - k * 0.026, line, fontsize=8.2, va="top",
                 fontweight="bold" if False else "normal")
    return fig


def scan(src_png, out_png):
    im = Image.open(src_png).convert("L")                       # rendered at 300 dpi
    im = im.rotate(ANGLE, resample=Image.BICUBIC, expand=False, fillcolor=255)
    im = im.resize((im.width // 2, im.height // 2), Image.LANCZOS)  # -> 150 dpi
    a = np.asarray(im, float) / 255.0
    a = ndimage.gaussian_filter(a, 0.55)                         # optics blur
    ink, paper = 38.0, 236.0
    a = paper - (paper - ink) * (1 - a)
    h, w = a.shape
    tex = ndimage.gaussian_filter(rng.normal(0, 1, (h, w)), 18) * 60  # blotchy paper
    fib = ndimage.gaussian_filter(rng.normal(0, 1, (h, w)), 1.2) * 6  # paper grain
    grad = np.linspace(-5, 4, w)[None, :] + np.linspace(3, -3, h)[:, None]  # uneven lighting
    a = a + tex + fib + grad + rng.normal(0, 3.5, (h, w))
    a = np.clip(a, 0, 255).astype(np.uint8)
    Image.fromarray(a, "L").save(out_png, dpi=(150, 150))


tmp = os.path.join(HERE, "_render300.png")
draw().savefig(tmp, dpi=300, facecolor="white")
scan(tmp, os.path.join(HERE, "figure.png"))
os.remove(tmp)
if len(sys.argv) > 1:
    os.makedirs(sys.argv[1], exist_ok=True)
    draw(overlay=True).savefig(os.path.join(sys.argv[1], "t5_check.png"), dpi=200, facecolor="white")
