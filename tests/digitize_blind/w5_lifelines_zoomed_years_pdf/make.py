"""lifelines KaplanMeierFitter plot with confidence bands and censor ticks, y axis zoomed to 0.6-1.0,
x axis in years with minor ticks between the labelled ones. Writes figure.pdf and truth/."""
import json, os
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MultipleLocator
from lifelines import KaplanMeierFitter

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(16_05_05)

specs = [("Standard follow-up", 260, 0.045), ("Intensive follow-up", 240, 0.027)]
rows = []
for k, (name, n, lam) in enumerate(specs, start=1):
    ev = rng.weibull(1.15, n) * (1 / lam)
    adm = rng.uniform(3.0, 10.0, n)
    lost = rng.exponential(40, n)
    c = np.minimum(adm, lost)
    t = np.round(np.minimum(ev, c), 2)
    t[t < 0.01] = 0.01
    rows += [(k, float(a), int(b)) for a, b in zip(t, (ev <= c).astype(int))]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 10})
fig, ax = plt.subplots(figsize=(6.4, 4.6))
truth = []
for k, (name, n, lam) in enumerate(specs, start=1):
    d = ipd[ipd.curve == k]
    kmf = KaplanMeierFitter(label=name)
    kmf.fit(d.time, d.event)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True,
                               censor_styles={"marker": "|", "ms": 6, "mew": 1.0}, lw=1.6)
    sf = kmf.survival_function_[name]
    # step corners of the drawn steps-post line
    pts = [(0.0, 1.0)]; s = 1.0
    for t, v in sf.items():
        if t == 0:
            continue
        if v != s:
            pts += [(float(t), s), (float(t), float(v))]; s = float(v)
    tmax = float(sf.index.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    truth += [(k, t, v) for t, v in pts]
ax.set_xlim(0, 10.3)
ax.set_ylim(0.6, 1.01)
ax.xaxis.set_major_locator(MultipleLocator(2))
ax.xaxis.set_minor_locator(MultipleLocator(0.5))
ax.yaxis.set_major_locator(MultipleLocator(0.1))
ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%.1f"))
ax.tick_params(which="minor", length=3)
ax.set_xlabel("Years since diagnosis")
ax.set_ylabel("Overall survival probability")
ax.set_title("Overall survival by follow-up strategy")
ax.legend(loc="lower left", frameon=True)
fig.tight_layout()
fig.savefig(os.path.join(HERE, "figure.pdf"))

os.makedirs(os.path.join(HERE, "truth"), exist_ok=True)
tr = pd.DataFrame(truth, columns=["curve", "time", "value"])
tr.to_csv(os.path.join(HERE, "truth", "curves.csv"), index=False)
ipd.to_csv(os.path.join(HERE, "truth", "ipd.csv"), index=False)
json.dump({"kind": "survival", "x_range": [0, 10], "y_range": [0.6, 1.0], "n_curves": 2, "x_unit": "years",
           "style": "lifelines plot_survival_function: shaded 95% bands, | censor ticks, y axis zoomed 0.6-1.0, "
                    "years with minor ticks every 0.5, legend lower left, vector PDF"},
          open(os.path.join(HERE, "truth", "meta.json"), "w"), indent=1)
print(ipd.groupby("curve").agg(n=("time", "size"), ev=("event", "sum"), tmax=("time", "max")))
print(tr.groupby("curve").value.min())
