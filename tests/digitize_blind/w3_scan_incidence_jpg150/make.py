"""A journal cumulative-incidence figure printed in black and white and scanned back:
greyscale, rotated ~0.7 degrees, paper grain, slight blur, JPEG at 150 dpi, caption under it.
Writes figure.jpg and truth/ from a fixed seed."""
import io, json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(160303)

# ---------- data: 2 arms, months; event = local recurrence ----------
specs = [("Surgery alone", 160, 0.0105), ("Surgery + RT", 170, 0.0045)]
rows = []
for k, (name, n, lam) in enumerate(specs, start=1):
    ev = rng.exponential(1 / lam, n)
    adm = rng.uniform(12, 37.5, n)
    lost = rng.exponential(150, n)
    c = np.minimum(adm, lost)
    t = np.round(np.minimum(ev, c), 1)
    t[t < 0.1] = 0.1
    e = (ev <= c).astype(int)
    rows += [(k, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])


def km_corners(times, events):
    times = np.asarray(times, float); events = np.asarray(events, int)
    pts = [(0.0, 1.0)]; s = 1.0
    for t in np.unique(times[events == 1]):
        n = np.sum(times >= t); d = np.sum((times == t) & (events == 1))
        snew = s * (1 - d / n)
        pts += [(t, s), (t, snew)]; s = snew
    tmax = float(times.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    return pts


def value_at(pts, t):
    v = pts[0][1]
    for tt, vv in pts:
        if tt <= t:
            v = vv
    return v

# ---------- clean figure at 300 dpi ----------
plt.rcParams.update({"font.family": "DejaVu Serif", "font.size": 9})
fig = plt.figure(figsize=(5.6, 5.0), dpi=300, facecolor="white")
ax = fig.add_axes([0.19, 0.36, 0.77, 0.58])
styles = [dict(color="black", lw=1.3, ls="-"), dict(color="black", lw=1.3, ls=(0, (5, 2.5)))]
truth = []; at_risk = []
xt = [0, 6, 12, 18, 24, 30, 36]
for k, (name, n, lam) in enumerate(specs, start=1):
    d = ipd[ipd.curve == k]
    pts = km_corners(d.time.values, d.event.values)
    inc = [(t, 1 - v) for t, v in pts]
    truth += [(k, t, v) for t, v in inc]
    xs, ys = zip(*inc)
    ax.plot(xs, [100 * y for y in ys], label=name, **styles[k - 1])
    ct = np.unique(d.time.values[d.event.values == 0])
    ax.plot(ct, [100 * value_at(inc, t) for t in ct], ls="none", marker="|", ms=4.5, mew=0.8, color="black")
    for t in xt:
        at_risk.append((k, t, int(np.sum(d.time.values >= t))))
ax.set_xlim(0, 38)
ax.set_ylim(0, 40)
ax.set_xticks(xt)
ax.set_yticks([0, 10, 20, 30, 40])
ax.set_ylabel("Cumulative incidence of local recurrence (%)")
ax.set_xlabel("Months since surgery")
for sp in ("top", "right"):
    ax.spines[sp].set_visible(False)
ax.tick_params(direction="out", length=3)
ax.legend(loc="upper left", frameon=False, handlelength=3.2, fontsize=8.5)
# numbers at risk
fig.text(0.02, 0.215, "No. at risk", fontsize=8.5, fontweight="bold", ha="left")
ar = pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"])
for k, (name, n, lam) in enumerate(specs, start=1):
    y = 0.215 - 0.045 * k
    fig.text(0.02, y, name, fontsize=8, ha="left", va="center")
    for t in xt:
        xf = 0.19 + 0.77 * (t / 38.0)
        fig.text(xf, y, str(int(ar[(ar.curve == k) & (ar.time == t)].n_at_risk.iloc[0])), fontsize=8,
                 ha="center", va="center")
buf = io.BytesIO()
fig.savefig(buf, dpi=300, format="png", facecolor="white")
plt.close(fig)
buf.seek(0)
img = Image.open(buf).convert("L")

# ---------- print + scan ----------
W, H = img.size
cap_h = 170
page = Image.new("L", (W + 240, H + cap_h + 60), 255)
page.paste(img, (120, 90))
# caption line printed under the figure (on the page, below the figure)
cfig = plt.figure(figsize=((W + 240) / 300, cap_h / 300), dpi=300, facecolor="white")
cfig.text(0.06, 0.5, "Figure 2. Cumulative incidence of local recurrence by treatment arm (RT, radiotherapy).", fontsize=8.5, family="DejaVu Serif", va="center", ha="left")
cb = io.BytesIO(); cfig.savefig(cb, dpi=300, format="png", facecolor="white"); plt.close(cfig)
cb.seek(0)
cap = Image.open(cb).convert("L")
page.paste(cap.resize((W + 240, cap_h)), (0, 90 + H - 150))

a = np.asarray(page, float) / 255.0
# ink is not pure black, paper is not pure white
a = 0.13 + 0.80 * a
page = Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8))
page = page.rotate(-0.7, resample=Image.BICUBIC, expand=True, fillcolor=int(0.93 * 255))
page = page.filter(ImageFilter.GaussianBlur(1.1))
a = np.asarray(page, float)
h, w = a.shape
# paper grain: fine noise + low-frequency mottling + a faint brightness gradient
fine = rng.normal(0, 7, (h, w))
low = rng.normal(0, 1, (h // 40 + 2, w // 40 + 2))
low = np.asarray(Image.fromarray(((low - low.min()) / (np.ptp(low)) * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC), float)
low = (low / 255.0 - 0.5) * 10
grad = np.linspace(-6, 4, w)[None, :]
a = a + fine + low + grad
page = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
page = page.resize((page.size[0] // 2, page.size[1] // 2), Image.LANCZOS)   # 300 -> 150 dpi
page.save(os.path.join(HERE, "figure.jpg"), quality=72, dpi=(150, 150))

# ---------- truth ----------
os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
pd.DataFrame(truth, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth", "curves.csv"), index=False)
ipd.to_csv(os.path.join(HERE, "truth", "ipd.csv"), index=False)
ar.to_csv(os.path.join(HERE, "truth", "at_risk.csv"), index=False)
json.dump({"kind": "incidence", "x_range": [0, 36], "y_range": [0, 40], "n_curves": 2, "x_unit": "months",
           "style": "scanned printed journal page: greyscale, ~0.7 degree rotation, paper grain, blur, JPEG 150 dpi; "
                    "black solid/dashed cumulative-incidence steps in percent, tick censor marks, numbers at risk, caption"},
          open(os.path.join(HERE, "truth", "meta.json"), "w"), indent=1)
print(ipd.groupby("curve").agg(n=("time", "size"), ev=("event", "sum"), tmax=("time", "max")))
print(pd.DataFrame(truth, columns=["curve", "time", "value"]).groupby("curve").value.max())
print(ar)
