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
# ---------------------------------------------------------------- figure b3
import io
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image, ImageFilter

plt.rcParams.update({"font.family": "Liberation Serif", "font.size": 10,
                     "axes.linewidth": 0.9})
rng = np.random.default_rng(2103)
G = ["Stage I", "Stage II", "Stage III"]
t1, e1 = simulate(rng, 118, scale=38.0, shape=1.1, min_fu=2.5, accrual=7.5,
                  dropout=0.02, cap=10.0)
t2, e2 = simulate(rng, 146, scale=11.0, shape=1.0, min_fu=2.5, accrual=7.5,
                  dropout=0.02, cap=10.0)
t3, e3 = simulate(rng, 94, scale=3.6, shape=0.95, min_fu=2.5, accrual=7.5,
                  dropout=0.02, cap=10.0)
cur, ipd = write_truth([(t1, e1), (t2, e2), (t3, e3)])

DPI = 200
fig = plt.figure(figsize=(6.0, 4.6))
ax = fig.add_axes([0.13, 0.14, 0.82, 0.80])
LS = ["-", (0, (6, 3)), (0, (7, 2.5, 1.5, 2.5))]
for k in (1, 2, 3):
    x, v = curve_xy(cur, k)
    ax.plot(x, v, color="black", lw=1.2, ls=LS[k - 1], label=G[k - 1],
            solid_joinstyle="miter", dash_joinstyle="miter")
    cx, cy = censor_xy(cur, ipd, k)
    ax.plot(cx, cy, ls="none", marker="|", ms=5, mew=0.9, color="black")
ax.set_xlim(0, 10)
ax.set_ylim(0, 1.0)
ax.set_xticks(range(0, 11, 2))
ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
ax.set_yticklabels(["0", ".2", ".4", ".6", ".8", "1.0"])
ax.tick_params(direction="in", length=4, width=0.9, top=False, right=False)
ax.set_xlabel("Years after diagnosis")
ax.set_ylabel("Proportion surviving")
ax.legend(loc="lower left", frameon=False, handlelength=3.2,
          bbox_to_anchor=(0.01, 0.01))
buf = io.BytesIO()
fig.savefig(buf, dpi=DPI, format="png")
plt.close(fig)

# ---- degrade: greyscale, print blur, paper tone, rotation, speckle, fold
img = Image.open(buf).convert("L")
img = img.filter(ImageFilter.GaussianBlur(0.7))
a = np.asarray(img).astype(float) / 255.0
h, w = a.shape
# ink is never fully black and paper never fully white
a = 0.13 + (0.92 - 0.13) * a
# slow paper shading
yy, xx = np.mgrid[0:h, 0:w]
a += 0.025 * np.sin(xx / w * 2.2 + 0.4) * np.cos(yy / h * 1.7)
img = Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8))
img = img.rotate(-1.1, resample=Image.BICUBIC, expand=False, fillcolor=232)
a = np.asarray(img).astype(float) / 255.0
# faint fold line across, slightly slanted, darker crease with a light edge
d = (yy - (0.43 * h + 0.035 * (xx - w / 2))) / 3.0
a -= 0.07 * np.exp(-d ** 2)
a += 0.035 * np.exp(-((d - 2.2) ** 2))
# grain + speckle
a += rng.normal(0, 0.025, a.shape)
nsp = int(h * w * 0.0009)
sy, sx = rng.integers(0, h, nsp), rng.integers(0, w, nsp)
a[sy, sx] -= rng.uniform(0.25, 0.6, nsp)
# a few larger dust specks
for _ in range(40):
    cy0, cx0 = rng.integers(5, h - 5), rng.integers(5, w - 5)
    r = rng.uniform(0.8, 2.2)
    m = (yy[cy0 - 4:cy0 + 5, cx0 - 4:cx0 + 5] - cy0) ** 2 + \
        (xx[cy0 - 4:cy0 + 5, cx0 - 4:cx0 + 5] - cx0) ** 2 <= r * r
    a[cy0 - 4:cy0 + 5, cx0 - 4:cx0 + 5][m] -= rng.uniform(0.3, 0.6)
# white drop-outs in the ink
nw = int(h * w * 0.0004)
wy, wx = rng.integers(0, h, nw), rng.integers(0, w, nw)
a[wy, wx] += 0.35
img = Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8))
img.save("figure.png", dpi=(DPI, DPI))
write_meta({"kind": "survival", "x_range": [0, 10], "y_range": [0, 1.0],
            "n_curves": 3, "x_unit": "years",
            "style": "old black-and-white journal figure scanned to greyscale: "
                     "serif text, solid/dashed/dash-dot curves with vertical "
                     "censor ticks, rotated ~1.1 deg, blur, grain, speckle, "
                     "faint fold line, PNG 200 dpi",
            "groups": G})
