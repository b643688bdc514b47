# ---- shared helpers (identical in every make.py of set 26) ----
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
TRUTH = os.path.join(HERE, "truth")
os.makedirs(TRUTH, exist_ok=True)


def simulate(rng, n, scale, shape, admin_end, accrual, loss_rate, cure=0.0, dec=1):
    """Weibull event times, uniform accrual -> administrative censoring, plus random loss."""
    t_ev = scale * rng.weibull(shape, n)
    if cure > 0:
        cured = rng.random(n) < cure
        t_ev[cured] = np.inf
    fu = admin_end - rng.uniform(0, accrual, n)          # potential follow-up
    loss = rng.exponential(1.0 / loss_rate, n) if loss_rate > 0 else np.full(n, np.inf)
    c = np.minimum(fu, loss)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.round(t, dec)
    t[t <= 0] = 10.0 ** (-dec)
    return t, e


def km(t, e):
    """Return event times, survival after each event time."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    ut = np.unique(t[e == 1])
    s = 1.0; times = []; surv = []
    for u in ut:
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        s *= (1.0 - d / n)
        times.append(u); surv.append(s)
    return np.array(times), np.array(surv)


def km_at(t, e, x):
    """Right-continuous S(x)."""
    et, es = km(t, e)
    idx = np.searchsorted(et, x, side="right") - 1
    return np.where(idx >= 0, es[np.clip(idx, 0, None)], 1.0)


def corners(t, e, incidence=False):
    et, es = km(t, e)
    pts = [(0.0, 1.0)]
    prev = 1.0
    for u, s in zip(et, es):
        pts.append((u, prev)); pts.append((u, s)); prev = s
    tmax = float(np.max(t))
    if tmax > pts[-1][0]:
        pts.append((tmax, prev))
    arr = np.array(pts)
    if incidence:
        arr[:, 1] = 1.0 - arr[:, 1]
    return arr


def at_risk(t, x):
    return [int(np.sum(np.asarray(t) >= xx)) for xx in x]


def write_truth(ipd, incidence, meta, risk_times=None):
    """ipd: list of (t, e) per curve in curve order. Returns list of corner arrays."""
    rows = []
    for k, (t, e) in enumerate(ipd, 1):
        for tt, ee in zip(t, e):
            rows.append((k, float(tt), int(ee)))
    pd.DataFrame(rows, columns=["curve", "time", "event"]).to_csv(
        os.path.join(TRUTH, "ipd.csv"), index=False, float_format="%.4f")
    cs = []; rows = []
    for k, (t, e) in enumerate(ipd, 1):
        c = corners(t, e, incidence); cs.append(c)
        for x, y in c:
            rows.append((k, x, y))
    pd.DataFrame(rows, columns=["curve", "time", "value"]).to_csv(
        os.path.join(TRUTH, "curves.csv"), index=False, float_format="%.10g")
    if risk_times is not None:
        rows = []
        for k, (t, e) in enumerate(ipd, 1):
            for x, n in zip(risk_times, at_risk(t, risk_times)):
                rows.append((k, float(x), n))
        pd.DataFrame(rows, columns=["curve", "time", "n_at_risk"]).to_csv(
            os.path.join(TRUTH, "at_risk.csv"), index=False, float_format="%g")
    with open(os.path.join(TRUTH, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    return cs


def censor_points(t, e, incidence=False):
    tc = np.unique(np.asarray(t)[np.asarray(e) == 0])
    v = km_at(t, e, tc)
    return tc, (1.0 - v if incidence else v)
# ---- end shared helpers ----

# ---- figure: plotly-style SVG, three curves with overlapping translucent CI bands ----
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch


def loglog_ci(t, e, z=1.959964):
    """Greenwood variance, log(-log) transformed pointwise 95% CI at event times."""
    t = np.asarray(t, float); e = np.asarray(e, int)
    et, es = km(t, e)
    var = 0.0; lo = []; hi = []
    for u, s in zip(et, es):
        n = np.sum(t >= u); d = np.sum((t == u) & (e == 1))
        if n > d:
            var += d / (n * (n - d))
        if s <= 0 or s >= 1:
            lo.append(0.0 if s <= 0 else 1.0); hi.append(1.0 if s >= 1 else 0.0); continue
        c = z * np.sqrt(var) / np.log(s)
        lo.append(s ** np.exp(-c)); hi.append(s ** np.exp(c))
    return et, np.array(lo), np.array(hi)


def step_band(t, e):
    et, lo, hi = loglog_ci(t, e)
    tmax = float(np.max(t))
    x = np.concatenate([[0.0], et, [tmax]])
    l = np.concatenate([[1.0], lo, [lo[-1]]])
    h = np.concatenate([[1.0], hi, [hi[-1]]])
    return x, l, h


rng = np.random.default_rng(2603)
groups = ["Stage I", "Stage II", "Stage III"]
t1, e1 = simulate(rng, 150, scale=16.0, shape=1.2, admin_end=10, accrual=5, loss_rate=0.03, dec=2)
t2, e2 = simulate(rng, 120, scale=7.5, shape=1.1, admin_end=10, accrual=5, loss_rate=0.03, dec=2)
t3, e3 = simulate(rng, 90, scale=5.2, shape=1.0, admin_end=10, accrual=5, loss_rate=0.03, dec=2)
ipd = [(t1, e1), (t2, e2), (t3, e3)]
meta = {"kind": "survival", "x_range": [0, 10], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "years",
        "style": "plotly default template SVG: #E5ECF6 plot background, white grid, no axis lines, three hv step lines (blue/red/green) each with its own translucent overlapping 95% CI band, legend right outside",
        "groups": groups}
cs = write_truth(ipd, False, meta)

plt.rcParams.update({"font.family": "Open Sans", "font.size": 12, "svg.fonttype": "none",
                     "svg.hashsalt": "blind_fig26_aa3", "text.color": "#2a3f5f",
                     "xtick.color": "#2a3f5f", "ytick.color": "#2a3f5f",
                     "axes.labelcolor": "#2a3f5f"})
cols = ["#636EFA", "#EF553B", "#00CC96"]
W, H = 900, 520   # px, plotly default-ish canvas
fig = plt.figure(figsize=(W / 72, H / 72), dpi=72)
# plotly margins: l=80 r=... t=100 b=80
l, r, t_, b = 80, 180, 100, 80
ax = fig.add_axes([l / W, b / H, (W - l - r) / W, (H - t_ - b) / H])
ax.set_facecolor("#E5ECF6")
for s in ax.spines.values():
    s.set_visible(False)
for (t, e), c, col in zip(ipd, cs, cols):
    x, lo, hi = step_band(t, e)
    ax.fill_between(x, lo, hi, step="post", color=col, alpha=0.2, lw=0, zorder=2)
for c, col in zip(cs, cols):
    ax.plot(c[:, 0], c[:, 1], color=col, lw=2.0, zorder=3, solid_joinstyle="round")
ax.set_xlim(-0.2, 10.2); ax.set_ylim(-0.03, 1.03)
ax.set_xticks(np.arange(0, 11, 2)); ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels(["0", "0.2", "0.4", "0.6", "0.8", "1"])
ax.grid(True, color="white", lw=1.0, zorder=0)
ax.set_axisbelow(True)
ax.tick_params(length=0, pad=8, labelsize=12)
ax.set_xlabel("Time since diagnosis (years)", fontsize=14, labelpad=10)
ax.set_ylabel("Survival probability", fontsize=14, labelpad=10)
fig.text(l / W + 0.005, 1 - 45 / H, "Kaplan–Meier overall survival by stage", fontsize=17,
         color="#2a3f5f", ha="left", va="center")
handles = [Line2D([0], [0], color=col, lw=2.0) for col in cols]
leg = fig.legend(handles, groups, loc="upper left", bbox_to_anchor=((W - r + 12) / W, 1 - t_ / H),
                 frameon=False, title="stage", alignment="left", handlelength=2.0, fontsize=12)
leg.get_title().set_fontsize(12)
fig.savefig(os.path.join(HERE, "figure.svg"), format="svg", metadata={"Date": None}, facecolor="white")
