# ---- shared helper (identical in every make.py of this set) ----
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, median, shape, follow_max, accrual, dt=0.1, drop=0.0):
    """Weibull event times, administrative censoring (staggered entry) and random drop-out."""
    lam = median / (np.log(2) ** (1.0 / shape))
    ev = lam * rng.weibull(shape, n)
    cens = follow_max - rng.uniform(0, accrual, n)
    if drop > 0:
        cens = np.minimum(cens, rng.exponential(1.0 / drop, n))
    t = np.minimum(ev, cens)
    e = (ev <= cens).astype(int)
    t = np.maximum(np.round(t / dt) * dt, dt)
    return np.round(t, 6), e


def km_corners(t, e):
    """Step corners: (0,1), corner before/after each drop, last follow-up at final level."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    pts = [(0.0, 1.0)]
    s = 1.0
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum()); d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), s))
        s = s * (1.0 - d / n)
        pts.append((float(u), s))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, s))
    return np.array(pts)


def surv_at(corners, x):
    """Right-continuous value of the step function at x."""
    idx = np.searchsorted(corners[:, 0], x, side="right") - 1
    return corners[idx, 1]


def n_at_risk(t, x):
    return int((np.asarray(t) >= x).sum())


def n_censored_by(t, e, x):
    t = np.asarray(t); e = np.asarray(e)
    return int(((t <= x) & (e == 0)).sum())


def write_truth(groups, data, meta, risk_times=None, incidence=False):
    rows_ipd, rows_c, rows_r = [], [], []
    for k, (t, e) in enumerate(data, start=1):
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        c = km_corners(t, e)
        for ti, vi in c:
            rows_c.append((k, round(float(ti), 6), round(float(1 - vi if incidence else vi), 8)))
        if risk_times is not None:
            for x in risk_times:
                rows_r.append((k, x, n_at_risk(t, x)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if risk_times is not None:
        pd.DataFrame(rows_r, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta); meta["groups"] = list(groups); meta["n_curves"] = len(groups)
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)


def logrank_p(data):
    from lifelines.statistics import multivariate_logrank_test
    t = np.concatenate([d[0] for d in data]); e = np.concatenate([d[1] for d in data])
    g = np.concatenate([[i] * len(d[0]) for i, d in enumerate(data)])
    return float(multivariate_logrank_test(t, g, e).p_value)
# ---- end helper ----

import textwrap
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.transforms import blended_transform_factory as blended
from lifelines import CoxPHFitter

rng = np.random.default_rng(2702)
groups = ["Pembrolizumab", "Placebo"]
d1 = simulate(rng, 212, 27.0, 1.05, 54.0, 20.0, drop=0.006)
d2 = simulate(rng, 208, 15.5, 1.1, 54.0, 20.0, drop=0.006)
data = [d1, d2]
risk_times = [0, 6, 12, 18, 24, 30, 36, 42, 48]
write_truth(groups, data, {"kind": "survival", "x_range": [0, 48], "y_range": [0, 100],
            "x_unit": "months",
            "style": "whole A4 two-column journal page (vector PDF) with running header, body text, KM figure with censor ticks and numbers at risk in the right column, caption below"},
            risk_times=risk_times)
p = logrank_p(data)
_df = pd.DataFrame({"T": np.r_[d1[0], d2[0]], "E": np.r_[d1[1], d2[1]], "arm": np.r_[np.ones(len(d1[0])), np.zeros(len(d2[0]))]})
_cph = CoxPHFitter().fit(_df, "T", "E")
hr = float(np.exp(_cph.params_["arm"])); lo, hi = np.exp(_cph.confidence_intervals_.loc["arm"].values)

plt.rcParams["pdf.fonttype"] = 42
plt.rcParams["font.family"] = "Liberation Serif"

W, H = 8.27, 11.69
fig = plt.figure(figsize=(W, H))
ML, MR, MT, MB, GUT = 0.72, 0.72, 0.85, 0.8, 0.28
colw = (W - ML - MR - GUT) / 2
x_left, x_right = ML, ML + colw + GUT
LH = 11.2 / 72  # line height in inches (9 pt text)


def ft(x_in, y_in, s, **kw):
    fig.text(x_in / W, y_in / H, s, **kw)

# running header + rule + page number
ft(ML, H - 0.55, "Articles", fontsize=10, fontweight="bold", family="Liberation Sans", va="baseline")
ft(W - MR, H - 0.55, "www.thelancet-like.example/oncology   Vol 27   March, 2026", fontsize=7.5,
   family="Liberation Sans", ha="right", va="baseline", color="#333333")
fig.add_artist(plt.Line2D([ML / W, (W - MR) / W], [(H - 0.63) / H] * 2, color="black", lw=0.6))
ft(W / 2, 0.45, "1187", fontsize=8.5, family="Liberation Sans", ha="center", va="baseline")
fig.add_artist(plt.Line2D([ML / W, (W - MR) / W], [0.62 / H] * 2, color="black", lw=0.4))

P = [
 ("h", "Results"),
 ("p", "Between Jan 14, 2019, and Aug 30, 2021, 512 patients were screened, of whom 420 were randomly "
       "assigned to pembrolizumab (n=212) or placebo (n=208). Baseline characteristics were balanced "
       "between groups (table 1). The median age was 63 years (IQR 56-70), 281 (67%) patients were men, and "
       "173 (41%) had an ECOG performance status of 1. At the data cutoff (Feb 1, 2024), the median follow-up "
       "was 31.4 months (IQR 22.6-40.2) and 269 deaths had occurred."),
 ("p", f"Overall survival was longer with pembrolizumab than with placebo (hazard ratio {hr:.2f}, 95% CI "
       f"{lo:.2f}-{hi:.2f}; figure 2). Median overall survival was 26.1 months (95% CI 21.9-31.7) in the pembrolizumab "
       "group and 15.2 months (12.8-17.9) in the placebo group. The 24-month overall survival was 53% versus "
       "33%. The benefit was consistent across prespecified subgroups, including those defined by PD-L1 "
       "combined positive score, region, and previous treatment (appendix p 14)."),
 ("p", "Progression-free survival per investigator assessment was also improved (hazard ratio 0.66, "
       "0.53-0.82); median progression-free survival was 9.8 months versus 6.1 months. An objective response "
       "was recorded in 71 (33%) of 212 patients in the pembrolizumab group and in 38 (18%) of 208 in the "
       "placebo group, with a median duration of response of 17.4 months and 8.3 months, respectively."),
 ("p", "Grade 3 or worse treatment-related adverse events occurred in 58 (27%) patients receiving "
       "pembrolizumab and in 41 (20%) receiving placebo. The most common were fatigue, anaemia, and "
       "diarrhoea. Immune-mediated adverse events of any grade were reported in 49 (23%) patients in the "
       "pembrolizumab group, most frequently hypothyroidism (21 [10%]) and pneumonitis (9 [4%]). Serious "
       "treatment-related adverse events were reported in 31 (15%) and 17 (8%) patients; two deaths in the "
       "pembrolizumab group (pneumonitis and myocarditis) were considered treatment related."),
 ("p", "Patient-reported quality of life, assessed with the EORTC QLQ-C30 global health status scale, "
       "remained stable from baseline to week 24 in both groups, with a least-squares mean difference of "
       "2.1 points (-1.4 to 5.6). Time to deterioration was similar between groups."),
 ("h", "Discussion"),
 ("p", "In this randomised, double-blind, phase 3 trial, the addition of pembrolizumab to standard "
       "therapy significantly improved overall survival compared with placebo in patients with previously "
       "untreated advanced disease. The separation of the Kaplan-Meier curves began at approximately 4 "
       "months and was maintained throughout follow-up, with a plateau in the pembrolizumab group suggestive "
       "of durable benefit in a subset of patients."),
 ("p", "These findings are consistent with those of previous trials of PD-1 inhibitors in this setting, "
       "although the magnitude of benefit in our study was somewhat larger. Differences in the populations "
       "enrolled, the proportion of patients with high PD-L1 expression, and the availability of subsequent "
       "immunotherapy might account for these discrepancies. In the placebo group, 62 (30%) patients "
       "received a subsequent immune checkpoint inhibitor, which could have attenuated the observed "
       "overall survival benefit."),
 ("p", "Our study has limitations. First, the open-label extension phase was not designed to assess "
       "retreatment. Second, tumour tissue for biomarker analyses was available for only 71% of patients, "
       "which limits exploratory analyses. Third, follow-up remains immature for the assessment of long-term "
       "survival, and an updated analysis is planned at 60 months. Finally, the trial was done predominantly "
       "in Europe and North America, and the generalisability of the findings to other regions requires "
       "confirmation."),
 ("p", "In conclusion, pembrolizumab provided a clinically meaningful and statistically significant "
       "improvement in overall survival with a manageable safety profile, supporting its use as a first-line "
       "treatment option. Ongoing translational studies will attempt to identify patients most likely to "
       "derive long-term benefit."),
 ("h", "Contributors"),
 ("p", "AB, CD, and EF designed the study. All authors collected data, contributed to the interpretation, "
       "and reviewed and approved the final version of the manuscript. AB and GH accessed and verified the "
       "underlying data."),
]

lines = []
for kind, s in P:
    if kind == "h":
        lines.append(("h", s))
    else:
        w = textwrap.wrap(s, width=60)
        lines.append(("p0", w[0]))
        lines += [("p", x) for x in w[1:]]

# figure box placed at the top of the right column
fig_top = H - MT - 0.05
ax_h, tab_h = 2.45, 0.62
ax = fig.add_axes([(x_right + 0.78) / W, (fig_top - 0.2 - ax_h) / H, (colw - 0.9) / W, ax_h / H])
tab = fig.add_axes([(x_right + 0.78) / W, (fig_top - 0.2 - ax_h - 0.42 - tab_h) / H, (colw - 0.9) / W, tab_h / H])
cap_top = fig_top - 0.2 - ax_h - 0.42 - tab_h - 0.12

cols = ["#00468B", "#ED0000"]
for k, (t, e) in enumerate(data):
    c = km_corners(t, e)
    ax.plot(c[:, 0], 100 * c[:, 1], color=cols[k], lw=0.9, solid_joinstyle="miter", label=groups[k])
    ct = np.unique(t[e == 0])
    ax.plot(ct, 100 * surv_at(c, ct), ls="none", marker="|", ms=3.2, mew=0.6, color=cols[k])
for a in (ax,):
    a.set_xlim(0, 54.5); a.set_ylim(0, 101)
    a.set_xticks(risk_times); a.set_yticks([0, 20, 40, 60, 80, 100])
    a.spines["top"].set_visible(False); a.spines["right"].set_visible(False)
    for s in a.spines.values():
        s.set_linewidth(0.6)
    a.tick_params(labelsize=7, width=0.6, length=2.5, labelfontfamily="Liberation Sans")
ax.set_ylabel("Overall survival (%)", fontsize=7.5, family="Liberation Sans")
ax.set_xlabel("Time since randomisation (months)", fontsize=7.5, family="Liberation Sans", labelpad=2)
ax.legend(frameon=False, fontsize=7, loc="upper right", prop={"family": "Liberation Sans", "size": 7},
          handlelength=1.8)
ax.text(1.5, 4, f"HR {hr:.2f} (95% CI {lo:.2f}-{hi:.2f}); log-rank p{'<0.0001' if p < 1e-4 else '=%.4f' % p}",
        fontsize=6.8, family="Liberation Sans")
tab.set_xlim(0, 54.5); tab.set_ylim(-0.5, 2.2); tab.axis("off")
tab.text(x_right / W, 2.0, "Number at risk", fontsize=7, family="Liberation Sans",
         fontweight="bold", va="center", ha="left", transform=blended(fig.transFigure, tab.transData))
for k, (t, e) in enumerate(data):
    y = 1.1 - k * 0.95
    tab.text(x_right / W, y, groups[k], fontsize=6.8, family="Liberation Sans", va="center", ha="left", color=cols[k],
             transform=blended(fig.transFigure, tab.transData))
    for x in risk_times:
        tab.text(x, y, str(n_at_risk(t, x)), fontsize=6.8, family="Liberation Sans", va="center", ha="center")

cap = ("Figure 2: Kaplan-Meier estimates of overall survival in the intention-to-treat population. "
       "Tick marks indicate censored data. HR=hazard ratio.")
cw = textwrap.wrap(cap, width=66)
y = cap_top
for i, s in enumerate(cw):
    if i == 0:
        head, rest = s.split(":", 1)
        t1 = fig.text(x_right / W, y / H, head + ":", fontsize=8, family="Liberation Sans", fontweight="bold", va="top")
        fig.canvas.draw()
        bb = t1.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
        fig.text((bb.x1 + 0.02) / W, y / H, rest, fontsize=8, family="Liberation Sans", va="top")
    else:
        fig.text(x_right / W, y / H, s, fontsize=8, family="Liberation Sans", va="top")
    y -= 10 / 72
right_text_top = y - 0.25

# flow body text: left column then right column below the figure
y = H - MT
col = 0
for kind, s in lines:
    xcol = x_left if col == 0 else x_right
    if kind == "h":
        y -= LH * 0.5
    if y < MB + 0.1:
        col += 1
        y = right_text_top
        xcol = x_right
        if col > 1:
            break
    if kind == "h":
        ft(xcol, y, s, fontsize=10, fontweight="bold", family="Liberation Sans", va="top")
        y -= LH * 1.25
    else:
        ft(xcol + (0.14 if kind == "p0" else 0), y, s, fontsize=9, va="top")
        y -= LH

fig.savefig("figure.pdf", metadata={"CreationDate": None, "Producer": None})
