"""Chinese-journal (SPSS-like) KM figure: CJK axis labels and legend, black-and-white (solid vs dashed),
'+' censor marks, percent y axis 0-100, months, figure caption in Chinese below. PNG 150 dpi."""
import json, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.lines import Line2D

for f in font_manager.findSystemFonts():
    if "NotoSansCJK" in f or "NotoSerifCJK" in f:
        font_manager.fontManager.addfont(f)
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False

rng = np.random.default_rng(10100005)
rows = []
for k, (n, med) in enumerate([(86, 30.0), (92, 13.0)], start=1):
    t = rng.exponential(med / np.log(2), n)
    c = np.minimum(rng.uniform(6, 40, n), rng.exponential(120, n))
    time = np.maximum(np.round(np.minimum(t, c), 1), 0.2)
    rows += [(k, float(a), int(b)) for a, b in zip(time, (t <= c).astype(int))]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])

def km(df):
    out = []; s = 1.0
    for t in np.sort(df.time.unique()):
        at = (df.time >= t).sum(); d = ((df.time == t) & (df.event == 1)).sum()
        s *= 1 - d / at
        out.append((t, s, ((df.time == t) & (df.event == 0)).sum()))
    return pd.DataFrame(out, columns=["time", "surv", "c"])

def corners(tab):
    pts = [(0.0, 1.0)]; prev = 1.0
    for t, s in zip(tab.time, tab.surv):
        if s < prev - 1e-12: pts += [(t, prev), (t, s)]; prev = s
    if pts[-1][0] < tab.time.iloc[-1]: pts.append((tab.time.iloc[-1], prev))
    return pts

os.makedirs("truth", exist_ok=True)
ipd.to_csv("truth/ipd.csv", index=False)
tabs = {k: km(ipd[ipd.curve == k]) for k in (1, 2)}
cv = pd.DataFrame([(k, t, v) for k in (1, 2) for t, v in corners(tabs[k])], columns=["curve", "time", "value"])
cv.to_csv("truth/curves.csv", index=False)
json.dump({"kind": "survival", "x_range": [0, 42], "y_range": [0, 100], "n_curves": 2, "x_unit": "months",
           "style": "Chinese journal / SPSS-like, CJK labels, black-and-white solid vs dashed, + censors, percent y axis, caption below"},
          open("truth/meta.json", "w"), indent=2, ensure_ascii=False)

fig = plt.figure(figsize=(5.6, 4.6))
ax = fig.add_axes([0.13, 0.2, 0.82, 0.74])
names = ["观察组", "对照组"]; ls = ["-", "--"]
for k in (1, 2):
    c = cv[cv.curve == k]
    ax.plot(c.time, 100 * c.value, color="black", ls=ls[k - 1], lw=1.2)
    cz = tabs[k][tabs[k].c > 0]
    ax.plot(cz.time, 100 * cz.surv, ls="none", marker="+", ms=6, mew=0.9, color="black")
ax.set_xlim(0, 42); ax.set_ylim(0, 105)
ax.set_xticks(np.arange(0, 43, 6)); ax.set_yticks(np.arange(0, 101, 20))
ax.set_xlabel("随访时间（月）", fontsize=11); ax.set_ylabel("累积生存率（%）", fontsize=11)
for s in ["top", "right"]: ax.spines[s].set_visible(False)
ax.tick_params(direction="in")
handles = [Line2D([], [], color="black", ls="-", lw=1.2), Line2D([], [], color="black", ls="--", lw=1.2),
           Line2D([], [], color="black", ls="none", marker="+", ms=6)]
ax.legend(handles, ["观察组", "对照组", "删失"], loc="upper right", frameon=False, fontsize=10, handlelength=2.6)
ax.text(2, 8, "Log-rank χ²=14.62，P<0.001", fontsize=9)
fig.text(0.5, 0.03, "图2  两组患者总生存期的Kaplan-Meier曲线", ha="center", fontsize=11)
fig.savefig("figure.png", dpi=150)
if os.environ.get("OVERLAY") == "1":
    for k in (1, 2):
        c = cv[cv.curve == k]; ax.plot(c.time, 100 * c.value, color="red", lw=0.5)
    fig.savefig("/tmp/blind_fig10_checks/n5_overlay.png", dpi=110)
