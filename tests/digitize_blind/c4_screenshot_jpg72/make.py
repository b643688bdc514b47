"""Low-quality JPEG screenshot of a web-page Kaplan-Meier figure (set 22, c4)."""
import csv, io, json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image, ImageDraw

# ---------- shared helpers (copied into every make.py so each is self-contained) ----------
def km_steps(t, e):
    """Step corners of the Kaplan-Meier estimate: (0,1), both corners at each event
    time, and the last follow-up time at the final level."""
    t = np.asarray(t, float)
    e = np.asarray(e, int)
    xs, ys, s = [0.0], [1.0], 1.0
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        xs.append(float(u)); ys.append(s)
        s = s * (1.0 - d / n)
        xs.append(float(u)); ys.append(s)
    tmax = float(t.max())
    if tmax > xs[-1]:
        xs.append(tmax); ys.append(s)
    return np.array(xs), np.array(ys)


def step_value(xs, ys, t):
    """Right-continuous value of the step function at time t."""
    idx = np.searchsorted(xs, t, side="right") - 1
    return ys[idx]


def n_at_risk(t, when):
    t = np.asarray(t, float)
    return [int((t >= w).sum()) for w in when]


def write_truth(ipd_rows, curve_rows, at_risk_rows, meta):
    os.makedirs("truth", exist_ok=True)
    with open("truth/ipd.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["curve", "time", "event"])
        for c, t, e in ipd_rows:
            w.writerow([c, repr(float(t)), int(e)])
    with open("truth/curves.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["curve", "time", "value"])
        for c, t, v in curve_rows:
            w.writerow([c, repr(float(t)), "%.10g" % v])
    if at_risk_rows is not None:
        with open("truth/at_risk.csv", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["curve", "time", "n_at_risk"])
            for c, t, n in at_risk_rows:
                w.writerow([c, t, n])
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ------------------------------------------------------------------------------------------

# ---------------------------------------------------------------- data
rng = np.random.default_rng(220404)
GROUPS = ["Biomarker positive", "Biomarker negative"]   # legend order = curve 1, 2
COLORS = ["#2E9E44", "#7B3FA0"]                          # web green / purple
N = [96, 104]
MED = [27.0, 13.0]                                       # median OS, months

ipd = []
for k in range(2):
    ev_t = rng.exponential(MED[k] / np.log(2), N[k])
    admin = rng.uniform(14.0, 58.0, N[k])
    drop = rng.exponential(250.0, N[k])
    cens = np.minimum(admin, drop)
    t = np.round(np.minimum(ev_t, cens), 1)
    t = np.maximum(t, 0.1)
    e = (ev_t <= cens).astype(int)
    for ti, ei in zip(t, e):
        ipd.append((k + 1, ti, ei))
ipd_df = pd.DataFrame(ipd, columns=["curve", "time", "event"])

steps, curve_rows = {}, []
for k in (1, 2):
    d = ipd_df[ipd_df.curve == k]
    xs, ys = km_steps(d.time, d.event)
    steps[k] = (xs, ys)
    curve_rows += [(k, x, v) for x, v in zip(xs, ys)]

# ---------------------------------------------------------------- figure rendered at 72 dpi
plt.rcParams.update({"font.family": "Open Sans", "font.size": 10,
                     "axes.edgecolor": "#888888", "axes.linewidth": 0.8,
                     "xtick.color": "#444444", "ytick.color": "#444444"})
W, H = 640, 470                                # pixels of the figure block on the page
fig = plt.figure(figsize=(W / 72, H / 72), dpi=72)
fig.text(0.5, 0.955, "Overall survival by biomarker status", ha="center", va="center",
         fontsize=14, fontweight="bold", color="#222222")
ax = fig.add_axes([0.10, 0.215, 0.86, 0.675])
ax.grid(True, color="#D9D9D9", lw=0.8)
ax.set_axisbelow(True)
for k in (1, 2):
    xs, ys = steps[k]
    ax.plot(xs, ys, color=COLORS[k - 1], lw=1.0, label=GROUPS[k - 1])
ax.set_xlim(0, 60)
ax.set_ylim(0, 1.0)
ax.set_xticks(np.arange(0, 61, 10))
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels(["%.1f" % v for v in np.arange(0, 1.01, 0.2)])
for s in ("top", "right"):
    ax.spines[s].set_visible(False)
ax.tick_params(length=0, pad=5)
ax.set_xlabel("Months from diagnosis", color="#333333")
ax.set_ylabel("Survival probability", color="#333333")
ax.legend(loc="upper right", frameon=False, fontsize=10, handlelength=1.8)
caption = ("Figure 2. Kaplan\u2013Meier estimates of overall survival for patients with "
           "biomarker-positive and\nbiomarker-negative tumours. Median follow-up 31 months. "
           "Data are illustrative.")
fig.text(0.03, 0.055, caption, ha="left", va="center", fontsize=9, color="#555555",
         style="italic", linespacing=1.35)
buf = io.BytesIO()
fig.savefig(buf, format="png", dpi=72, metadata={"Software": None})
plt.close(fig)

# ---------------------------------------------------------------- "screenshot" + JPEG q40
buf.seek(0)
figimg = Image.open(buf).convert("RGB")
page = Image.new("RGB", (W + 36, H + 30), (246, 246, 244))    # page background
draw = ImageDraw.Draw(page)
draw.rectangle([17, 14, 17 + W + 1, 14 + H + 1], outline=(215, 215, 215))  # card border
page.paste(figimg, (18, 15))
page.save("figure.jpg", format="JPEG", quality=40, subsampling=2, optimize=False)

meta = {
    "kind": "survival",
    "x_range": [0, 60],
    "y_range": [0.0, 1.0],
    "n_curves": 2,
    "x_unit": "months",
    "style": "web-page screenshot at 72 dpi saved as JPEG quality 40: thin green and purple "
             "steps over light grid lines, bold title above, italic caption below, "
             "frameless legend top-right, page margin and card border around the figure",
    "groups": GROUPS,
}
write_truth(ipd, curve_rows, None, meta)
