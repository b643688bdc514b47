"""s6: lifelines KaplanMeierFitter.plot_survival_function defaults (shaded 95% CI, '|' censor
marks, tab10 colours) with a grid, three crossing curves and an opaque legend box that sits
over the curves' tails; saved as a small low-quality 96-dpi JPEG. Writes figure.jpg, truth/*."""
import json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from lifelines import KaplanMeierFitter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(1206)


def km_steps(t, e):
    t = np.asarray(t, float); e = np.asarray(e, int)
    s = 1.0; pts = [(0.0, 1.0)]
    for u in np.unique(t[e == 1]):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        pts.append((u, s)); s *= 1 - d / n; pts.append((u, s))
    if t.max() > pts[-1][0]:
        pts.append((t.max(), s))
    return pts


def arm(n, kind):
    if kind == "surgery":        # early peri-operative deaths, then a low hazard
        early = rng.uniform(0, 1, n) < 0.24
        ev = np.where(early, rng.uniform(0.02, 0.6, n), rng.exponential(22.0, n))
    elif kind == "chemort":      # steady hazard, median ~4 y
        ev = rng.exponential(4.0 / np.log(2), n)
    else:                        # slow start then faster (Weibull k=1.8), median ~3.2 y
        ev = rng.weibull(1.8, n) * 3.2 / np.log(2) ** (1 / 1.8)
    c = np.minimum(rng.uniform(2.5, 10.0, n), rng.exponential(30.0, n))
    t = np.round(np.minimum(ev, c), 2); t = np.maximum(t, 0.01)
    return t, (ev <= c).astype(int)


specs = [("Surgery", 126, "surgery"), ("Chemoradiotherapy", 142, "chemort"), ("Radiotherapy alone", 104, "rt")]
fig, ax = plt.subplots(figsize=(6.4, 4.4))
curves, ipd = [], []
for g, (name, n, kind) in enumerate(specs, start=1):
    t, e = arm(n, kind)
    kmf = KaplanMeierFitter(label=name).fit(t, e)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True,
                               censor_styles={"ms": 5, "marker": "|", "mew": 0.8}, lw=1.3)
    pts = km_steps(t, e)
    curves += [(g, x, y) for x, y in pts]
    ipd += [(g, ti, ei) for ti, ei in zip(t, e)]
ax.grid(True, color="#cccccc", lw=0.6)
ax.set_xlim(0, 10); ax.set_ylim(0, 1.0)
ax.set_xticks(range(0, 11, 2))
ax.set_xlabel("Years from diagnosis"); ax.set_ylabel("Overall survival probability")
ax.set_title("Overall survival by primary treatment")
leg = ax.legend(loc="upper right", bbox_to_anchor=(1.0, 0.535), framealpha=1.0, edgecolor="#999999", fontsize=9)
fig.tight_layout()
fig.savefig(os.path.join(HERE, "figure.jpg"), dpi=96, pil_kwargs={"quality": 55, "subsampling": 2})

os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
pd.DataFrame(curves, columns=["curve", "time", "value"]).to_csv(os.path.join(HERE, "truth/curves.csv"), index=False)
pd.DataFrame(ipd, columns=["curve", "time", "event"]).to_csv(os.path.join(HERE, "truth/ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 10], "y_range": [0, 1], "n_curves": 3, "x_unit": "years",
           "style": "lifelines plot_survival_function defaults, shaded CI, censor ticks, grid, legend over tails, 96-dpi JPEG"},
          open(os.path.join(HERE, "truth/meta.json"), "w"), indent=1)

if os.environ.get("CHECK"):
    leg.set_alpha(0.3); leg.get_frame().set_alpha(0.3)
    tc = pd.read_csv(os.path.join(HERE, "truth/curves.csv"))
    for c, d in tc.groupby("curve"):
        ax.plot(d.time, d.value, "-", lw=0.5, color="black")
    fig.savefig(os.environ["CHECK"], dpi=250)
