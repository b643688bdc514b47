"""o6: two-panel journal figure: A = Kaplan-Meier (2 arms, dashed 95% CI lines, '|'
censor marks, grid, legend inside), B = subgroup forest plot. Rendered at 96 dpi,
slightly blurred and saved as a low-quality JPEG (q=60) like a web-page screenshot."""
import io, json, sys, os
import numpy as np, pandas as pd
import matplotlib, matplotlib.ticker
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image, ImageFilter
from lifelines import KaplanMeierFitter, CoxPHFitter

CHECK = len(sys.argv) > 1 and sys.argv[1] == "check"
rng = np.random.default_rng(6611)

def km_corners(time, event):
    time = np.asarray(time, float); event = np.asarray(event, int)
    pts = [(0.0, 1.0)]; s = 1.0
    for t in np.unique(time):
        d = event[time == t].sum(); n = (time >= t).sum()
        if d > 0:
            pts.append((t, s)); s *= 1 - d / n; pts.append((t, s))
    if time.max() > pts[-1][0]:
        pts.append((time.max(), s))
    return np.array(pts)

arms = [("Nivolumab + ipilimumab", 140, 21.0), ("Sunitinib", 130, 12.5)]
rows = []
for k, (lab, n, med) in enumerate(arms, 1):
    tev = rng.exponential(med / np.log(2), n)
    cen = np.minimum(rng.uniform(10, 36, n), rng.exponential(120, n))
    t = np.round(np.minimum(tev, cen), 2); t[t <= 0] = 0.01
    rows += [(k, a, int(b)) for a, b in zip(t, tev <= cen)]
ipd = pd.DataFrame(rows, columns=["curve", "time", "event"])
os.makedirs("truth", exist_ok=True)
ipd.to_csv("truth/ipd.csv", index=False)
cv = []
for k in (1, 2):
    d = ipd[ipd.curve == k]
    cv += [(k, a, b) for a, b in km_corners(d.time, d.event)]
cv = pd.DataFrame(cv, columns=["curve", "time", "value"]); cv.to_csv("truth/curves.csv", index=False)
json.dump({"kind": "survival", "x_range": [0, 36], "y_range": [0, 1], "n_curves": 2, "x_unit": "months",
           "style": "two-panel figure, KM is panel A (dashed CI lines, grid, | censors), forest plot panel B, 96-dpi blurred low-quality JPEG"},
          open("truth/meta.json", "w"))

cox = CoxPHFitter().fit(ipd.assign(arm=(ipd.curve == 1).astype(int))[["time", "event", "arm"]], "time", "event")
hr = float(np.exp(cox.params_["arm"])); lo, hi = np.exp(cox.confidence_intervals_.loc["arm"].values)

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9})
fig, (ax, bx) = plt.subplots(1, 2, figsize=(11, 4.5), gridspec_kw={"width_ratios": [1.35, 1]})
cols = ["#c0392b", "#1f5fa8"]
for k, (lab, n, _m) in enumerate(arms, 1):
    d = ipd[ipd.curve == k]
    kmf = KaplanMeierFitter().fit(d.time, d.event)
    ci = kmf.confidence_interval_survival_function_
    ax.step(ci.index, ci.iloc[:, 0], where="post", color=cols[k - 1], ls="--", lw=0.8)
    ax.step(ci.index, ci.iloc[:, 1], where="post", color=cols[k - 1], ls="--", lw=0.8)
    c = cv[cv.curve == k]
    ax.plot(c.time, c.value, color=cols[k - 1], lw=1.6, label=f"{lab} (n={n})")
    cs = d[d.event == 0].time.values
    sf = kmf.survival_function_at_times(cs).values
    ax.plot(cs, sf, ls="none", marker="|", ms=5, mew=0.8, color=cols[k - 1])
    if CHECK:
        ax.plot(c.time, c.value, color="k", lw=0.4, marker=".", ms=1.5)
ax.set_xlim(0, 36); ax.set_ylim(0, 1.0)
ax.set_xticks(range(0, 37, 6)); ax.set_yticks(np.arange(0, 1.01, 0.1))
ax.set_yticklabels([f"{v:.1f}" for v in np.arange(0, 1.01, 0.1)])
ax.grid(True, color="#bbbbbb", lw=0.5)
ax.set_xlabel("Months since randomisation"); ax.set_ylabel("Progression-free survival (probability)")
ax.legend(loc="upper right", fontsize=8.5, framealpha=1, edgecolor="#888888")
ax.text(0.6, 0.06, f"HR {hr:.2f} (95% CI {lo:.2f}\u2013{hi:.2f})", fontsize=8.5)
ax.text(-0.12, 1.04, "A", transform=ax.transAxes, fontsize=15, fontweight="bold")

# panel B: subgroup forest plot (illustrative)
subs = ["All patients", "Age < 65", "Age \u2265 65", "Male", "Female", "ECOG 0", "ECOG 1", "IMDC favourable", "IMDC intermediate", "IMDC poor"]
hrs = np.r_[hr, np.exp(np.log(hr) + rng.normal(0, 0.18, len(subs) - 1))]
half = rng.uniform(0.18, 0.45, len(subs)); half[0] = (np.log(hi) - np.log(lo)) / 2
y = np.arange(len(subs))[::-1]
bx.errorbar(hrs, y, xerr=[hrs - np.exp(np.log(hrs) - half), np.exp(np.log(hrs) + half) - hrs], fmt="s", color="k", ms=4, capsize=2, lw=0.9)
bx.plot(hrs[0], y[0], "D", color="k", ms=7)
bx.axvline(1, color="k", lw=0.8, ls=":")
bx.set_xscale("log"); bx.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter()); bx.set_xticks([0.25, 0.5, 1, 2]); bx.set_xticklabels(["0.25", "0.5", "1", "2"])
bx.set_yticks(y); bx.set_yticklabels(subs)
bx.set_xlabel("Hazard ratio (95% CI)")
for s in ["top", "right"]:
    bx.spines[s].set_visible(False)
bx.text(0.3, -1.9, "Favours combination", fontsize=8, ha="left"); bx.text(1.1, -1.9, "Favours sunitinib", fontsize=8)
bx.set_ylim(-2.3, len(subs) - 0.4)
bx.text(-0.42, 1.04, "B", transform=bx.transAxes, fontsize=15, fontweight="bold")
fig.tight_layout()
if CHECK:
    fig.savefig("/tmp/o6_check.png", dpi=160)
else:
    buf = io.BytesIO(); fig.savefig(buf, format="png", dpi=96); buf.seek(0)
    im = Image.open(buf).convert("RGB").filter(ImageFilter.GaussianBlur(0.6))
    im.save("figure.jpg", "JPEG", quality=60, dpi=(96, 96))
