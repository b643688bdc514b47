"""q4: photocopied journal page, greyscale, speckle, uneven contrast; KM figure in lower half."""
# ---------------------------------------------------------------- shared KM core
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, admin_lo, admin_hi, drop_rate=0.0,
             res=0.01, t_min=None, cure=0.0):
    """Weibull event times, uniform administrative censoring, exponential drop-out.
    Times rounded to `res` (x-axis units). If t_min is given, every time is > t_min."""
    u = rng.random(n)
    t_ev = scale * (-np.log(u)) ** (1.0 / shape)
    if cure > 0:
        t_ev[rng.random(n) < cure] = np.inf
    if t_min is not None:
        t_ev = t_min + t_ev
    c = rng.uniform(admin_lo, admin_hi, n)
    if drop_rate > 0:
        d = rng.exponential(1.0 / drop_rate, n)
        if t_min is not None:
            d = t_min + d
        c = np.minimum(c, d)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.round(np.round(t / res) * res, 6)
    lo = res if t_min is None else np.round(t_min + res, 6)
    t = np.maximum(t, lo)
    return t, e


def km_corners(t, e, start=0.0):
    """Step corners of the KM estimate: (start,1), before/after each drop, last follow-up."""
    S = 1.0
    pts = [(start, 1.0)]
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), S))
        S *= 1.0 - d / n
        pts.append((float(u), S))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, S))
    return np.array(pts)


def km_at(pts, x):
    """Right-continuous value of the step function at x."""
    x = np.atleast_1d(x)
    out = []
    for xi in x:
        idx = np.where(pts[:, 0] <= xi + 1e-12)[0]
        out.append(pts[idx[-1], 1] if len(idx) else 1.0)   # before the first corner: 1
    return np.array(out)


def n_at_risk(t, x):
    return int((t >= x - 1e-12).sum())


def check_lifelines(t, e, pts):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(t, e)
    sf = kmf.survival_function_.iloc[:, 0]
    for tt, s in sf.items():
        mine = km_at(pts, tt)[0]
        assert abs(mine - s) < 1e-9, (tt, mine, s)
    return True


def write_truth(data, kind, meta, at_risk=None):
    """data: list of (name, t, e, pts) in curve order 1..N; pts are survival corners."""
    rows_ipd, rows_c = [], []
    for k, (name, t, e, pts) in enumerate(data, start=1):
        check_lifelines(t, e, pts)
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        for x, s in pts:
            v = s if kind == "survival" else 1.0 - s
            rows_c.append((k, round(float(x), 6), round(float(v), 10)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).sort_values(
        ["curve", "time"], kind="mergesort").to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if at_risk is not None:
        pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta)
    meta["kind"] = kind
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ---------------------------------------------------------------- figure-specific
import textwrap
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from PIL import Image

rng = np.random.default_rng(25004)
groups = ["Chemoradiotherapy", "Radiotherapy alone"]
cols = ["#000000", "#8C8C8C"]
t1, e1 = simulate(rng, 182, 70.0, 1.1, 24.0, 66.0, drop_rate=0.004, res=0.1)
t2, e2 = simulate(rng, 176, 38.0, 1.05, 24.0, 66.0, drop_rate=0.004, res=0.1)
for arr_t, arr_e in ((t1, e1), (t2, e2)):
    arr_e[arr_t > 60.0] = 0
    np.minimum(arr_t, 60.0, out=arr_t)
data = [(groups[0], t1, e1, km_corners(t1, e1)), (groups[1], t2, e2, km_corners(t2, e2))]
xt = np.arange(0, 61, 12)

DPI = 200
fig = plt.figure(figsize=(8.5, 11.0), dpi=DPI, facecolor="white")

# ---- body text column (upper half)
words = ("patients were randomly assigned to receive treatment according to stratification by "
         "center performance status and nodal stage the primary end point was overall survival "
         "defined as the time from randomization to death from any cause secondary end points "
         "included progression free survival locoregional control and toxic effects graded "
         "according to the common terminology criteria for adverse events version five "
         "analyses were performed in the intention to treat population with the use of a "
         "stratified log rank test hazard ratios were estimated with a Cox proportional hazards "
         "model median follow up was estimated by the reverse Kaplan Meier method").split()
paras = []
for p in range(5):
    n = int(rng.integers(50, 80))
    w = [words[int(i)] for i in rng.integers(0, len(words), n)]
    sent, out = [], []
    for i, x in enumerate(w):
        out.append(x)
        if (i + 1) % int(rng.integers(11, 19)) == 0:
            out[-1] += "."
    txt = " ".join(out)
    txt = ". ".join(s.strip().capitalize() for s in txt.split(".") if s.strip()) + "."
    paras.append(txt)
y = 0.945
fig.text(0.10, 0.965, "RESULTS", fontsize=11, fontweight="bold", family="Liberation Serif")
for p in paras:
    for j, line in enumerate(textwrap.wrap(p, 98)):
        fig.text(0.10 + (0.02 if j == 0 else 0), y, line, fontsize=10, family="Liberation Serif",
                 va="top")
        y -= 0.0155
    y -= 0.006
fig.text(0.94, 0.02, "1187", fontsize=9, family="Liberation Serif", ha="right")

# ---- the figure (lower half)
plt.rcParams.update({"font.family": "Liberation Sans"})
ax = fig.add_axes([0.27, 0.19, 0.63, 0.27])
for (name, t, e, pts), c in zip(data, cols):
    ax.plot(pts[:, 0], 100 * pts[:, 1], color=c, lw=1.5)
    cens = np.unique(t[e == 0])
    ax.plot(cens, 100 * km_at(pts, cens), ls="none", marker="|", ms=4.5, mew=0.9, color=c)
ax.set_xlim(0, 60)
ax.set_ylim(0, 100)
ax.set_xticks(xt)
ax.set_yticks(np.arange(0, 101, 20))
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(direction="out", length=3.5, labelsize=9)
ax.set_xlabel("Months", fontsize=10)
ax.set_ylabel("Overall survival (%)", fontsize=10)
ax.legend([Line2D([0], [0], color=c, lw=1.5) for c in cols], groups, loc="lower left",
          frameon=False, fontsize=9)
fig.text(0.10, 0.495, "Figure 2. Kaplan\u2013Meier estimates of overall survival in the intention-to-treat population.",
         fontsize=9.5, fontweight="bold", family="Liberation Serif")
fig.text(0.08, 0.125, "Number at risk", fontsize=9, fontweight="bold")
at_risk = []
for k, (name, t, e, pts) in enumerate(data, 1):
    yy = 0.125 - 0.016 * k
    fig.text(0.08, yy, name, fontsize=8.5)
    for x in xt:
        n = n_at_risk(t, x)
        at_risk.append((k, int(x), n))
        xf = fig.transFigure.inverted().transform(ax.transData.transform((x, 0)))[0]
        fig.text(xf, yy, str(n), fontsize=8.5, ha="center")

fig.canvas.draw()
rgba = np.asarray(fig.canvas.buffer_rgba()).astype(float) / 255.0
plt.close(fig)

# ---- photocopy degradation
g = 0.299 * rgba[..., 0] + 0.587 * rgba[..., 1] + 0.114 * rgba[..., 2]
ink = 1.0 - g
H, W = ink.shape
yy, xx = np.mgrid[0:H, 0:W].astype(float)
yy = yy / H; xx = xx / W
# slight blur (3x3 box, twice)
def box(a):
    p = np.pad(a, 1, mode="edge")
    return sum(p[i:i + H, j:j + W] for i in range(3) for j in range(3)) / 9.0
ink = box(box(ink) * 0.5 + ink * 0.5)
# uneven toner: stronger on the left, fading toward lower right
gain = 0.72 + 0.32 * (1 - xx) * (0.7 + 0.3 * np.cos(2.2 * yy)) + 0.05 * np.sin(5 * yy + 1.3)
ink = np.clip(ink * gain, 0, 1)
# photocopier contrast curve
ink = 1 / (1 + np.exp(-9 * (ink - 0.42)))
ink = (ink - 1 / (1 + np.exp(9 * 0.42))) / (1 - 1 / (1 + np.exp(9 * 0.42)))
# white drop-outs inside toner, dark speckles on paper
ink = np.where(rng.random((H, W)) < 0.04, ink * 0.45, ink)
spk = rng.random((H, W)) < 0.0012
spk = spk | np.roll(spk, 1, 0) & (rng.random((H, W)) < 0.5) | np.roll(spk, 1, 1) & (rng.random((H, W)) < 0.5)
ink = np.where(spk, np.maximum(ink, rng.uniform(0.35, 0.9, (H, W))), ink)
# grey paper background, darker near the binding edge (left) and top
bg = 0.05 + 0.07 * np.exp(-xx / 0.08) + 0.03 * yy + 0.02 * np.sin(3.0 * xx + 0.5)
val = 1.0 - (bg + (1 - bg) * ink) + rng.normal(0, 0.025, (H, W))
img = Image.fromarray(np.clip(np.round(val * 255), 0, 255).astype(np.uint8), mode="L")
img.save("figure.png", dpi=(DPI, DPI))

write_truth(data, "survival", {
    "x_range": [0, 60], "y_range": [0, 100], "n_curves": 2, "x_unit": "months",
    "style": "photocopied journal page (greyscale, speckle, uneven toner); figure in lower half under "
             "body text; black solid and grey curves with censor ticks; number-at-risk table",
    "groups": groups}, at_risk)
print("events", e1.sum(), e2.sum(), img.size)
