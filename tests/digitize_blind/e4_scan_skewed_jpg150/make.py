# ---- shared helpers (copied verbatim into every make.py of set 24) ----
import os, json
import numpy as np
import pandas as pd

os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, cens_max, admin, decimals=2, ceil=False):
    """Weibull event times, uniform drop-out, administrative censoring at `admin`."""
    t_ev = scale * rng.weibull(shape, n)
    t_c = np.minimum(rng.uniform(0.15 * admin, cens_max, n), admin)
    t = np.minimum(t_ev, t_c)
    e = (t_ev <= t_c).astype(int)
    if ceil:
        t = np.ceil(t)
    else:
        t = np.round(t, decimals)
    t = np.maximum(t, 10.0 ** (-decimals) if not ceil else 1.0)
    t = np.minimum(t, admin)
    return t, e


def km(t, e):
    """Kaplan-Meier: returns event times, survival after each, and corner list."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    times = np.unique(t[e == 1])
    s = 1.0; surv = []
    for u in times:
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= 1.0 - d / n
        surv.append(s)
    surv = np.array(surv)
    cx = [0.0]; cy = [1.0]; prev = 1.0
    for u, v in zip(times, surv):
        cx += [u, u]; cy += [prev, v]; prev = v
    tmax = t.max()
    if len(times) == 0 or tmax > times[-1]:
        cx.append(tmax); cy.append(prev)
    return times, surv, np.array(cx), np.array(cy)


def surv_at(times, surv, x):
    """Right-continuous KM value at x."""
    i = np.searchsorted(times, x, side="right")
    return 1.0 if i == 0 else surv[i - 1]


def n_at_risk(t, x):
    return int(np.sum(np.asarray(t) >= x))


def write_truth(groups, data, meta, at_risk_times=None, incidence=False):
    """groups: legend names in order; data: list of (t, e) per curve."""
    ipd, cur, ar = [], [], []
    for k, (t, e) in enumerate(data, start=1):
        for ti, ei in zip(t, e):
            ipd.append((k, float(ti), int(ei)))
        _, _, cx, cy = km(t, e)
        for x, y in zip(cx, cy):
            cur.append((k, float(x), float(1.0 - y if incidence else y)))
        if at_risk_times is not None:
            for x in at_risk_times:
                ar.append((k, x, n_at_risk(t, x)))
    pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(cur, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False, float_format="%.6f")
    if at_risk_times is not None:
        pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta); meta["groups"] = list(groups); meta["n_curves"] = len(groups)
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
# ---- end shared helpers ----

import io
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.transforms import blended_transform_factory
from PIL import Image, ImageFilter

rng = np.random.default_rng(2404)
groups = ["Radiotherapy + chemotherapy", "Radiotherapy alone"]
d1 = simulate(rng, 160, scale=9.0, shape=1.0, cens_max=12.0, admin=10.0)
d2 = simulate(rng, 155, scale=5.0, shape=1.0, cens_max=12.0, admin=10.0)
data = [d1, d2]
ar_times = [0, 2, 4, 6, 8, 10]
write_truth(groups, data, {
    "kind": "survival", "x_range": [0, 10], "y_range": [0.0, 1.0], "x_unit": "years",
    "style": "printed journal figure scanned: serif font, two black curves (solid, dashed), at-risk table, rotated ~1.5 deg, paper texture noise, faint fold line, JPEG 150 dpi",
}, at_risk_times=ar_times)

# ---- 1. render the clean printed figure at 300 dpi ----
plt.rcParams.update({"font.family": "Liberation Serif", "font.size": 10})
fig = plt.figure(figsize=(6.0, 5.0), dpi=300)
ax = fig.add_axes([0.17, 0.33, 0.78, 0.62])
for (t, e), ls, g in zip(data, ["-", (0, (5, 3))], groups):
    _, _, cx, cy = km(t, e)
    ax.plot(cx, cy, color="black", lw=1.3, linestyle=ls, label=g)
ax.set_xlim(0, 10.2); ax.set_ylim(0, 1.02)
ax.set_xticks(ar_times); ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
ax.set_yticklabels(["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(direction="in", length=4)
ax.set_xlabel("Time since randomization (years)")
ax.set_ylabel("Overall survival")
ax.legend(loc="upper right", frameon=False, handlelength=3)
tr = blended_transform_factory(ax.transData, fig.transFigure)
fig.text(0.02, 0.205, "No. at risk", fontstyle="italic")
for (t, e), g, y in zip(data, ["RT + CT", "RT"], [0.16, 0.115]):
    fig.text(0.02, y, g, va="center")
    for x in ar_times:
        fig.text(x, y, str(n_at_risk(t, x)), transform=tr, ha="center", va="center")
buf = io.BytesIO()
fig.savefig(buf, dpi=300, format="png", facecolor="white")
plt.close(fig)
buf.seek(0)
img = Image.open(buf).convert("L")

# ---- 2. "scan": paper tone, rotation, texture, fold, down-sample, JPEG ----
W, H = img.size
a = np.asarray(img, dtype=float) / 255.0
ink = 1.0 - a                         # 0 paper, 1 ink
ink = np.clip(ink * 0.88, 0, 1)        # printed black is a dark grey
pad = 60
big = np.zeros((H + 2 * pad, W + 2 * pad)); big[pad:pad + H, pad:pad + W] = ink
im = Image.fromarray((big * 255).astype(np.uint8)).rotate(1.5, resample=Image.BICUBIC,
                                                           expand=False, fillcolor=0)
im = im.filter(ImageFilter.GaussianBlur(0.8))
ink = np.asarray(im, dtype=float) / 255.0
h, w = ink.shape
# paper: warm light grey with low-frequency blotches and fine grain
yy, xx = np.mgrid[0:h, 0:w]
low = np.zeros((h, w))
for _ in range(6):
    fx, fy, ph = rng.uniform(0.5, 3.0), rng.uniform(0.5, 3.0), rng.uniform(0, 2 * np.pi)
    low += np.sin(2 * np.pi * (fx * xx / w + fy * yy / h) + ph)
low = low / np.abs(low).max()
paper = 0.93 + 0.025 * low + 0.035 * xx / w - 0.02 * yy / h
coarse = Image.fromarray((rng.random((h // 8 + 1, w // 8 + 1)) * 255).astype(np.uint8))
coarse = np.asarray(coarse.resize((w, h), Image.BICUBIC), dtype=float) / 255.0 - 0.5
paper += 0.03 * coarse + rng.normal(0, 0.025, (h, w))
# faint fold line: a slightly tilted horizontal crease at ~42% height with a light shadow
yc = 0.42 * h + 0.03 * (xx - w / 2)
dist = yy - yc
fold = -0.07 * np.exp(-(dist / 2.5) ** 2) + 0.03 * np.exp(-((dist - 7) / 6) ** 2)
paper += fold
val = paper * (1.0 - ink) + 0.10 * ink
val += rng.normal(0, 0.02, (h, w)) * ink   # toner unevenness
val = np.clip(val, 0, 1)
rgb = np.stack([val * 1.0, val * 0.985, val * 0.95], axis=-1)
out = Image.fromarray((rgb * 255).round().astype(np.uint8), "RGB")
out = out.resize((w // 2, h // 2), Image.LANCZOS)   # 300 -> 150 dpi
out.save("figure.jpg", quality=72, dpi=(150, 150), optimize=False)
