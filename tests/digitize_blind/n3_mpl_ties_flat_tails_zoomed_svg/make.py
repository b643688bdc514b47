"""matplotlib by hand: 4 arms, integer-week follow-up (heavy ties), cure fractions (long flat tails),
y axis zoomed to 0.5-1.0, grid, '|' censor ticks, legend inside lower-right (2 columns). SVG."""
import json, os
import numpy as np, pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
plt.rcParams["svg.fonttype"] = "none"

rng = np.random.default_rng(101003)
arms = [("Placebo", 180, 0.40), ("Vaccine 10 µg", 160, 0.28), ("Vaccine 30 µg", 170, 0.20), ("Vaccine 100 µg", 140, 0.13)]
rows = []
for k, (name, n, p_event) in enumerate(arms, start=1):
    susceptible = rng.random(n) < p_event / 0.95          # cure fraction -> flat tails
    t = np.where(susceptible, rng.gamma(2.0, 6.0, n), np.inf)
    c = np.where(rng.random(n) < 0.75, 104.0, rng.uniform(20, 104, n))   # most followed to week 104
    time = np.ceil(np.minimum(t, c))                      # whole weeks -> many ties
    time = np.maximum(time, 1)
    ev = (t <= c).astype(int)
    rows += [(k, float(a), int(b)) for a, b in zip(time, ev)]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])

def km(df):
    ts = np.sort(df.time.unique()); n = len(df); s = 1.0; out = []
    for t in ts:
        at = (df.time >= t).sum(); d = ((df.time == t) & (df.event == 1)).sum()
        s *= 1 - d / at
        out.append((t, s, d, ((df.time == t) & (df.event == 0)).sum()))
    return pd.DataFrame(out, columns=["time", "surv", "d", "c"])

def corners(tab):
    pts = [(0.0, 1.0)]; prev = 1.0
    for t, s in zip(tab.time, tab.surv):
        if s < prev - 1e-12:
            pts += [(t, prev), (t, s)]; prev = s
    if pts[-1][0] < tab.time.iloc[-1]:
        pts.append((tab.time.iloc[-1], prev))
    return pts

os.makedirs("truth", exist_ok=True)
ipd.to_csv("truth/ipd.csv", index=False)
cv = []
tabs = {}
for k in range(1, 5):
    tabs[k] = km(ipd[ipd.curve == k])
    cv += [(k, t, v) for t, v in corners(tabs[k])]
cv = pd.DataFrame(cv, columns=["curve", "time", "value"])
cv.to_csv("truth/curves.csv", index=False)
json.dump({"kind": "survival", "x_range": [0, 104], "y_range": [0.5, 1.0], "n_curves": 4, "x_unit": "weeks",
           "style": "matplotlib by hand, 4 colours + line styles, y zoomed 0.5-1.0, grid, | censor ticks, legend inside lower-right (2 columns), SVG"},
          open("truth/meta.json", "w"), indent=2)

def draw(ax):
    colors = ["#333333", "#1b9e77", "#d95f02", "#7570b3"]
    styles = ["-", "--", "-.", ":"]
    for k in range(1, 5):
        c = cv[cv.curve == k]
        ax.plot(c.time, c.value, color=colors[k - 1], ls=styles[k - 1], lw=1.6, label=f"{arms[k-1][0]} (n={arms[k-1][1]})")
        tab = tabs[k]
        cens = tab[tab.c > 0]
        ax.plot(cens.time, cens.surv, ls="none", marker="|", ms=7, mew=1.1, color=colors[k - 1])
    ax.set_xlim(0, 110); ax.set_ylim(0.5, 1.005)
    ax.set_xticks(np.arange(0, 105, 13)); ax.set_yticks(np.arange(0.5, 1.01, 0.1))
    ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0.5, 1.01, 0.1)])
    ax.grid(True, color="#dddddd", lw=0.6); ax.set_axisbelow(True)
    ax.set_xlabel("Weeks since first dose"); ax.set_ylabel("Proportion free of infection")
    ax.legend(loc="lower right", ncol=2, frameon=True, fontsize=9, handlelength=3)
    for s in ["top", "right"]: ax.spines[s].set_visible(False)

fig, ax = plt.subplots(figsize=(7, 4.8))
draw(ax); fig.tight_layout(); fig.savefig("figure.svg")
if os.environ.get("OVERLAY") == "1":
    for k in range(1, 5):
        c = cv[cv.curve == k]; ax.plot(c.time, c.value, color="red", lw=0.5)
    fig.savefig("/tmp/blind_fig10_checks/n3_overlay.png", dpi=110)
