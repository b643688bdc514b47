"""o3: a conference-slide figure drawn by hand in matplotlib: dark navy background, white
text, very thick lines (3 pt), no censor marks, faint grid, legend inside. Event and
censoring times fall on 3-monthly visits (heavy ties), with cure fractions -> long flat tails.
PNG at 150 dpi."""
import json, sys, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

CHECK = len(sys.argv) > 1 and sys.argv[1] == "check"
rng = np.random.default_rng(3311)

def km_corners(time, event):
    """Step corners of the KM curve as drawn (start at (0,1), end at last follow-up)."""
    time = np.asarray(time, float); event = np.asarray(event, int)
    pts = [(0.0, 1.0)]; s = 1.0
    for t in np.unique(time):
        d = event[time == t].sum(); n = (time >= t).sum()
        if d > 0:
            pts.append((t, s)); s *= 1 - d / n; pts.append((t, s))
    if time.max() > pts[-1][0]:
        pts.append((time.max(), s))
    return np.array(pts)

arms = [("Arm A: CAR-T", 120, 0.55, 7.0), ("Arm B: ASCT", 100, 0.35, 9.0), ("Arm C: Salvage chemo", 90, 0.18, 6.0)]
rows = []
for k, (lab, n, cure, med) in enumerate(arms, 1):
    cured = rng.random(n) < cure
    tev = np.where(cured, np.inf, rng.exponential(med / np.log(2), n))
    tev = np.ceil(tev / 3) * 3                      # detected at the next 3-monthly visit
    cen = np.floor(rng.uniform(20, 73, n) / 3) * 3  # last visit attended
    cen = np.minimum(cen, np.floor(rng.exponential(150, n) / 3) * 3 + 3)
    time = np.minimum(tev, cen); ev = (tev <= cen).astype(int)
    for t, e in zip(time, ev):
        rows.append((k, t, e))
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])
os.makedirs("truth", exist_ok=True)
ipd.to_csv("truth/ipd.csv", index=False)
cv = []
for k in range(1, 4):
    d = ipd[ipd.curve == k]
    c = km_corners(d.time, d.event)
    cv += [(k, t, v) for t, v in c]
cv = pd.DataFrame(cv, columns=["curve", "time", "value"])
cv.to_csv("truth/curves.csv", index=False)
json.dump({"kind": "survival", "x_range": [0, 72], "y_range": [0, 1], "n_curves": 3, "x_unit": "months",
           "style": "matplotlib conference slide, dark background, 3-pt lines, no censor marks, heavy ties at 3-monthly visits"},
          open("truth/meta.json", "w"))

bg = "#0b1f3a"
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 15})
fig, ax = plt.subplots(figsize=(9.6, 5.6), facecolor=bg)
ax.set_facecolor(bg)
cols = ["#ffb000", "#4dd0e1", "#ff6b8b"]
for k, (lab, n, *_r) in enumerate(arms, 1):
    c = cv[cv.curve == k]
    ax.plot(c.time, c.value, color=cols[k - 1], lw=3.0, label=f"{lab} (n={n})", solid_joinstyle="miter")
    if CHECK:
        ax.plot(c.time, c.value, color="white", lw=0.6, marker=".", ms=3)
ax.set_xlim(0, 74); ax.set_ylim(-0.02, 1.04)
ax.set_xticks(range(0, 73, 12)); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.2)])
ax.grid(True, color="white", alpha=0.15, lw=1)
for s in ["top", "right"]:
    ax.spines[s].set_visible(False)
for s in ["left", "bottom"]:
    ax.spines[s].set_color("white"); ax.spines[s].set_linewidth(1.5)
ax.tick_params(colors="white", width=1.5, length=6, labelsize=15)
ax.set_xlabel("Months from treatment", color="white", fontsize=17, labelpad=8)
ax.set_ylabel("Event-free survival", color="white", fontsize=17, labelpad=8)
ax.set_title("Event-free survival by treatment", color="white", fontsize=20, fontweight="bold", loc="left", pad=14)
leg = ax.legend(loc="upper right", frameon=False, fontsize=14, handlelength=2.2)
for t in leg.get_texts():
    t.set_color("white")
fig.tight_layout()
fig.savefig("/tmp/o3_check.png" if CHECK else "figure.png", dpi=150, facecolor=bg)
