"""z1: an older-journal Kaplan-Meier figure (serif type, black solid/dashed lines,
curves labelled directly, no censor marks, 'No. at Risk' table, caption) as it looks
after being photocopied/scanned from paper: rotated 0.7 deg, yellowed page, uneven
illumination, blur, speckle.  PNG at 200 dpi.  Deterministic (fixed seeds).
Run: /work/figenv/bin/python make.py"""
import os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager as fm
from PIL import Image, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 190001
CANVAS_DPI = 600          # clean artwork is drawn at 600 dpi ...
DPI = 200                 # ... and "scanned" at 200 dpi
ANGLE = 0.7               # degrees, counter-clockwise
MARGIN = (150, 180, 210, 120)   # page margin in 600-dpi px: left, top, right, bottom
for p in ["/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf"]:
    if os.path.exists(p):
        fm.fontManager.addfont(p)
FONT = "Liberation Serif"   # Times-like

GROUPS = ["Radiotherapy plus chemotherapy", "Radiotherapy alone"]   # curve 1 (top), 2
N = [154, 149]
XMAX = 10
TICKS = np.arange(0, 11, 2)


# ---------------------------------------------------------------- helpers
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


def at_risk(t, q):
    t = np.asarray(t, float)
    return [int(np.sum(t >= x)) for x in q]


def logrank_p(ipd):
    from lifelines.statistics import logrank_test
    a, b = ipd[ipd.curve == 1], ipd[ipd.curve == 2]
    return logrank_test(a.time, b.time, a.event, b.event).p_value


def simulate():
    rng = np.random.default_rng(SEED)
    rows = []
    k = 0.95
    med = 3.6                                   # control median ~3.6 years
    scale0 = med / np.log(2) ** (1 / k)
    hr = [1 / 1.55, 1.0]                        # curve 1 = combined therapy, better
    for g, (n, h) in enumerate(zip(N, hr), start=1):
        ev = scale0 * h ** (-1 / k) * rng.weibull(k, n)
        entry = rng.uniform(0, 6.0, n)          # 6 years of accrual
        admin = 10.6 - entry                    # analysis 10.6 years after first patient
        loss = rng.exponential(35, n)           # some lost to follow-up
        c = np.minimum(admin, loss)
        t = np.minimum(ev, c)
        e = (ev <= c).astype(int)
        cut = t >= XMAX                         # figure truncated at 10 years
        t = np.where(cut, XMAX, t); e = np.where(cut, 0, e)
        t = np.round(np.maximum(t, 0.01), 3)
        for ti, ei in zip(t, e):
            rows.append((g, float(ti), int(ei)))
    return pd.DataFrame(rows, columns=["curve", "time", "event"])


def build(ipd):
    plt.rcParams.update({"font.family": FONT, "font.size": 9, "mathtext.fontset": "stix"})
    fig = plt.figure(figsize=(5.0, 4.7), dpi=CANVAS_DPI, facecolor="white")
    ax = fig.add_axes([0.25, 0.355, 0.70, 0.60])
    ax.spines["top"].set_visible(False); ax.spines["right"].set_visible(False)
    for sp in ("left", "bottom"):
        ax.spines[sp].set_linewidth(0.8)
    styles = [dict(ls="-", lw=1.0), dict(ls=(0, (5, 2.5)), lw=1.0)]
    ends = []
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        xs, ys = km_corners(d.time, d.event)
        ax.plot(xs, ys * 100, color="black", solid_joinstyle="miter", **styles[g - 1])
        ends.append((xs, ys))
    ax.set_xlim(0, XMAX); ax.set_ylim(0, 100)
    ax.set_xticks(TICKS); ax.set_yticks(np.arange(0, 101, 20))
    ax.tick_params(direction="out", length=3.5, width=0.8, labelsize=9)
    ax.set_xlabel("Years after Randomization", fontsize=9.5)
    ax.set_ylabel("Overall Survival (%)", fontsize=9.5)
    # direct labels next to the curves (no legend), as older journals did
    def lvl(g, x):
        xs, ys = ends[g - 1]
        return ys[np.searchsorted(xs, x, side="right") - 1] * 100
    ax.text(5.6, lvl(1, 5.6) + 6.5, GROUPS[0], fontsize=8.5, ha="left")
    ax.text(0.8, 46, GROUPS[1], fontsize=8.5, ha="left")
    ax.text(7.6, 88, f"P={logrank_p(ipd):.3f}", fontsize=8.5, style="italic")
    # numbers at risk
    fig.text(0.02, 0.215, "No. at Risk", fontsize=8.5, fontweight="bold")
    ys_rows = [0.175, 0.135]
    labels = ["RT + chemotherapy", "RT alone"]
    for g in (1, 2):
        d = ipd[ipd.curve == g]
        fig.text(0.02, ys_rows[g - 1], labels[g - 1], fontsize=8.5, va="center")
        for x, n in zip(TICKS, at_risk(d.time, TICKS)):
            xf = fig.transFigure.inverted().transform(ax.transData.transform((x, 0)))[0]
            fig.text(xf, ys_rows[g - 1], str(n),
                     fontsize=8.5, ha="center", va="center")
    fig.text(0.02, 0.055, r"$\bf{Figure\ 2.}$ Kaplan$-$Meier Estimates of Overall Survival, "
             "According to Treatment Group.", fontsize=8.5)
    return fig, ax


# ---------------------------------------------------------------- scanning
def _rot(pts, size, angle):
    cx, cy = size[0] / 2.0, size[1] / 2.0
    a = np.deg2rad(angle)
    x, y = pts[:, 0] - cx, pts[:, 1] - cy
    return np.c_[cx + x * np.cos(a) + y * np.sin(a), cy - x * np.sin(a) + y * np.cos(a)]


def overlay_transform(pts, canvas_size, img_size):
    """Map 600-dpi canvas pixel coords to pixels of the scanned figure.png."""
    L, T, R, B = MARGIN
    W, H = canvas_size[0] + L + R, canvas_size[1] + T + B
    p = pts + np.array([L, T])
    p = _rot(p, (W, H), ANGLE)
    # PIL rotates about the centre in pixel-corner coordinates; resize by area
    return p * (img_size[0] / W)


def scan(fig):
    rng = np.random.default_rng(SEED + 7)
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba()).astype(float)
    gray = rgba[..., :3].mean(axis=2) / 255.0
    ink = 1.0 - gray                                   # 0 paper .. 1 ink
    L, T, R, B = MARGIN
    ink = np.pad(ink, ((T, B), (L, R)))
    H, W = ink.shape
    im = Image.fromarray((ink * 255).astype(np.uint8), "L")
    im = im.rotate(ANGLE, resample=Image.BICUBIC, expand=False, fillcolor=0)
    # ink spread of the print/photocopy, then scan at 200 dpi
    im = im.filter(ImageFilter.GaussianBlur(1.1))
    w2, h2 = int(round(W * DPI / CANVAS_DPI)), int(round(H * DPI / CANVAS_DPI))
    im = im.resize((w2, h2), Image.BOX)
    ink = np.asarray(im).astype(float) / 255.0
    ink = np.clip(ink * 1.15, 0, 1) ** 0.9 * 0.88         # slightly faded toner
    # paper: yellowish, low-frequency mottling, darker towards the binding (left)
    yy, xx = np.mgrid[0:h2, 0:w2]
    low = rng.normal(0, 1, (h2 // 40 + 2, w2 // 40 + 2))
    low = np.asarray(Image.fromarray(((low + 4) * 30).astype(np.uint8)).resize((w2, h2), Image.BICUBIC)).astype(float) / 30 - 4
    shade = 1.0 - 0.10 * np.exp(-xx / (0.10 * w2)) - 0.012 * low
    paper = np.stack([238 * shade, 229 * shade, 196 * shade], axis=-1)
    inkcol = np.array([48, 42, 38], float)
    img = paper * (1 - ink[..., None]) + inkcol * ink[..., None]
    img += rng.normal(0, 3.5, img.shape[:2])[..., None]            # sensor noise
    # speckle: dark dust and a few light drop-outs
    nd = int(w2 * h2 * 0.0005)
    for _ in range(nd):
        x, y = rng.integers(0, w2), rng.integers(0, h2)
        r = rng.choice([0, 0, 0, 1])
        v = rng.uniform(0.35, 0.75)
        img[max(0, y - r):y + r + 1, max(0, x - r):x + r + 1] *= v
    nl = int(w2 * h2 * 0.0004)
    for _ in range(nl):
        x, y = rng.integers(0, w2), rng.integers(0, h2)
        img[y, x] = paper[y, x] * rng.uniform(0.95, 1.02)
    img = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    img = img.filter(ImageFilter.GaussianBlur(0.45))
    return img


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
    meta = {"kind": "survival", "x_range": [0, XMAX], "y_range": [0, 100],
            "n_curves": 2, "x_unit": "years",
            "style": "older journal (serif, black solid vs dashed, direct curve labels, no "
                     "censor marks, No. at Risk table, caption) scanned from paper: "
                     f"{ANGLE} deg rotation, yellow page, blur, speckle; PNG 200 dpi",
            "groups": GROUPS}
    with open(os.path.join(tdir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)


def main():
    ipd = simulate()
    write_truth(ipd)
    fig, ax = build(ipd)
    img = scan(fig)
    plt.close(fig)
    img.save(os.path.join(HERE, "figure.png"), dpi=(DPI, DPI))


if __name__ == "__main__":
    main()
