"""lifelines KaplanMeierFitter defaults (shaded CIs, censor marks, at-risk table via add_at_risk_counts),
saved as a small low-quality 96-dpi JPEG. 2 curves, time in days."""
import json, os, io
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter
from lifelines.plotting import add_at_risk_counts
from PIL import Image

rng = np.random.default_rng(1010004)
rows = []
for k, (n, scale, shape) in enumerate([(95, 700, 1.3), (110, 420, 1.0)], start=1):
    t = scale * rng.weibull(shape, n)
    c = np.minimum(rng.uniform(200, 1100, n), rng.exponential(3000, n))
    time = np.maximum(np.round(np.minimum(t, c)), 1)
    rows += [(k, float(a), int(b)) for a, b in zip(time, (t <= c).astype(int))]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])
labels = ["Low risk score", "High risk score"]

os.makedirs("truth", exist_ok=True)
ipd.to_csv("truth/ipd.csv", index=False)
ticks = np.arange(0, 1001, 250)

fig, ax = plt.subplots(figsize=(6.4, 4.8))
kmfs = []
for k in (1, 2):
    d = ipd[ipd.curve == k]
    kmf = KaplanMeierFitter(label=labels[k - 1]).fit(d.time, d.event)
    kmf.plot_survival_function(ax=ax, show_censors=True, censor_styles={"ms": 6, "marker": "|"})
    kmfs.append(kmf)
ax.set_xlim(0, 1100); ax.set_xticks(ticks); ax.set_ylim(0, 1.05); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_xlabel("Days"); ax.set_ylabel("Event-free survival")
ax.set_title("Event-free survival by risk score")
add_at_risk_counts(*kmfs, ax=ax, rows_to_show=["At risk"])
fig.tight_layout()

# truth: step corners as drawn (lifelines draws the survival function at its timeline, to the last time)
cv = []
for k, kmf in enumerate(kmfs, start=1):
    sf = kmf.survival_function_.iloc[:, 0]
    pts = [(0.0, 1.0)]; prev = 1.0
    for t, s in sf.items():
        if s < prev - 1e-12:
            pts += [(float(t), prev), (float(t), float(s))]; prev = float(s)
    last = float(sf.index.max())
    if pts[-1][0] < last: pts.append((last, prev))
    cv += [(k, t, v) for t, v in pts]
cv = pd.DataFrame(cv, columns=["curve", "time", "value"]); cv.to_csv("truth/curves.csv", index=False)
# lifelines prints at_risk - removed at the last event-table time <= tick, i.e. the number with time > tick
ar = [(k, int(x), int((ipd[ipd.curve == k].time > x).sum())) for k in (1, 2) for x in ticks]
pd.DataFrame(ar, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
json.dump({"kind": "survival", "x_range": [0, 1000], "y_range": [0.0, 1.0], "n_curves": 2, "x_unit": "days",
           "style": "lifelines defaults (shaded CI, | censors, at-risk row), low-quality 96-dpi JPEG"},
          open("truth/meta.json", "w"), indent=2)

buf = io.BytesIO(); fig.savefig(buf, dpi=96, format="png"); buf.seek(0)
Image.open(buf).convert("RGB").save("figure.jpg", quality=35, dpi=(96, 96))
if os.environ.get("OVERLAY") == "1":
    for k in (1, 2):
        c = cv[cv.curve == k]; ax.plot(c.time, c.value, color="black", lw=0.5)
    fig.savefig("/tmp/blind_fig10_checks/n4_overlay.png", dpi=110)
