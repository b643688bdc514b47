"""q5: web-chart (Highcharts-like) SVG, step-after lines, circle at each censoring, tooltip over the plot."""
# ---------------------------------------------------------------- shared KM core
import os, json
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("truth", exist_ok=True)


def simulate(rng, n, scale, shape, admin_lo, admin_hi, drop_rate=0.0,
             res=0.01, t_min=None, cure=0.0):
    """Weibull event times, uniform administrative censoring, exponential drop-out.
    Times rounded to `res` (x-axis units). If t_min is given, every time is > t_min."""
    u = rng.random(n)
    t_ev = scale * (-np.log(u)) ** (1.0 / shape)
    if cure > 0:
        t_ev[rng.random(n) < cure] = np.inf
    if t_min is not None:
        t_ev = t_min + t_ev
    c = rng.uniform(admin_lo, admin_hi, n)
    if drop_rate > 0:
        d = rng.exponential(1.0 / drop_rate, n)
        if t_min is not None:
            d = t_min + d
        c = np.minimum(c, d)
    t = np.minimum(t_ev, c)
    e = (t_ev <= c).astype(int)
    t = np.round(np.round(t / res) * res, 6)
    lo = res if t_min is None else np.round(t_min + res, 6)
    t = np.maximum(t, lo)
    return t, e


def km_corners(t, e, start=0.0):
    """Step corners of the KM estimate: (start,1), before/after each drop, last follow-up."""
    S = 1.0
    pts = [(start, 1.0)]
    for u in np.unique(t[e == 1]):
        n = int((t >= u).sum())
        d = int(((t == u) & (e == 1)).sum())
        pts.append((float(u), S))
        S *= 1.0 - d / n
        pts.append((float(u), S))
    tmax = float(t.max())
    if tmax > pts[-1][0]:
        pts.append((tmax, S))
    return np.array(pts)


def km_at(pts, x):
    """Right-continuous value of the step function at x."""
    x = np.atleast_1d(x)
    out = []
    for xi in x:
        idx = np.where(pts[:, 0] <= xi + 1e-12)[0]
        out.append(pts[idx[-1], 1] if len(idx) else 1.0)   # before the first corner: 1
    return np.array(out)


def n_at_risk(t, x):
    return int((t >= x - 1e-12).sum())


def check_lifelines(t, e, pts):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(t, e)
    sf = kmf.survival_function_.iloc[:, 0]
    for tt, s in sf.items():
        mine = km_at(pts, tt)[0]
        assert abs(mine - s) < 1e-9, (tt, mine, s)
    return True


def write_truth(data, kind, meta, at_risk=None):
    """data: list of (name, t, e, pts) in curve order 1..N; pts are survival corners."""
    rows_ipd, rows_c = [], []
    for k, (name, t, e, pts) in enumerate(data, start=1):
        check_lifelines(t, e, pts)
        for ti, ei in zip(t, e):
            rows_ipd.append((k, round(float(ti), 6), int(ei)))
        for x, s in pts:
            v = s if kind == "survival" else 1.0 - s
            rows_c.append((k, round(float(x), 6), round(float(v), 10)))
    pd.DataFrame(rows_ipd, columns=["curve", "time", "event"]).sort_values(
        ["curve", "time"], kind="mergesort").to_csv("truth/ipd.csv", index=False)
    pd.DataFrame(rows_c, columns=["curve", "time", "value"]).to_csv("truth/curves.csv", index=False)
    if at_risk is not None:
        pd.DataFrame(at_risk, columns=["curve", "time", "n_at_risk"]).to_csv("truth/at_risk.csv", index=False)
    meta = dict(meta)
    meta["kind"] = kind
    with open("truth/meta.json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
# ---------------------------------------------------------------- figure-specific
rng = np.random.default_rng(25005)
groups = ["Arm A (standard)", "Arm B (experimental)"]
cols = ["#2caffe", "#544fc5"]
t1, e1 = simulate(rng, 140, 30.0, 1.15, 18.0, 48.0, drop_rate=0.006, res=0.1)
t2, e2 = simulate(rng, 152, 52.0, 1.1, 18.0, 48.0, drop_rate=0.006, res=0.1)
data = [(groups[0], t1, e1, km_corners(t1, e1)), (groups[1], t2, e2, km_corners(t2, e2))]

W, H = 820, 500
L, T, PW, PH = 72, 62, 718, 330
XMAX = 48.0
def X(t):
    return L + t / XMAX * PW
def Y(v):
    return T + (1.0 - v) * PH
f = lambda v: ("%.2f" % v).rstrip("0").rstrip(".")
FONT = 'font-family="Helvetica, Arial, sans-serif"'

o = []
o.append('<?xml version="1.0" encoding="UTF-8"?>')
o.append(f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="highcharts-root" '
         f'width="{W}" height="{H}" viewBox="0 0 {W} {H}" style="font-family:Helvetica, Arial, sans-serif;font-size:12px;">')
o.append('<desc>Created with Highcharts 11.4.1</desc>')
o.append('<defs><clipPath id="hc-clip"><rect x="0" y="0" width="%d" height="%d"/></clipPath>'
         '</defs>' % (PW, PH))
o.append(f'<rect fill="#ffffff" x="0" y="0" width="{W}" height="{H}" rx="0" ry="0" class="highcharts-background"/>')
# grid
o.append('<g class="highcharts-grid highcharts-yaxis-grid" data-z-index="1">')
for v in np.arange(0, 1.01, 0.2):
    o.append(f'<path fill="none" stroke="#e6e6e6" stroke-width="1" d="M {L} {f(Y(v)+0.5)} L {L+PW} {f(Y(v)+0.5)}" opacity="1"/>')
o.append('</g>')
# x axis line + ticks
o.append('<g class="highcharts-axis highcharts-xaxis" data-z-index="2">')
o.append(f'<path fill="none" class="highcharts-axis-line" stroke="#333333" stroke-width="1" d="M {L} {f(T+PH+0.5)} L {L+PW} {f(T+PH+0.5)}"/>')
for x in range(0, 49, 6):
    o.append(f'<path fill="none" class="highcharts-tick" stroke="#333333" stroke-width="1" d="M {f(X(x)+0.5)} {T+PH} L {f(X(x)+0.5)} {T+PH+8}"/>')
o.append(f'<text x="{f(L+PW/2)}" y="{T+PH+52}" text-anchor="middle" class="highcharts-axis-title" style="color:#666666;font-size:13px;fill:#666666;">Months since enrollment</text>')
o.append('</g>')
o.append(f'<g class="highcharts-axis highcharts-yaxis" data-z-index="2">'
         f'<text x="22" y="{f(T+PH/2)}" text-anchor="middle" transform="rotate(270 22 {f(T+PH/2)})" '
         f'class="highcharts-axis-title" style="color:#666666;font-size:13px;fill:#666666;">Survival probability</text></g>')
# series
o.append(f'<g class="highcharts-series-group" data-z-index="3">')
for k, ((name, t, e, pts), c) in enumerate(zip(data, cols)):
    d = "M " + " L ".join(f"{f(X(x))} {f(Y(v))}" for x, v in pts)
    o.append(f'<g class="highcharts-series highcharts-series-{k} highcharts-line-series" data-z-index="0.1" '
             f'opacity="1" transform="translate(0,0)">')
    o.append(f'<path fill="none" d="{d}" class="highcharts-graph" data-z-index="1" stroke="{c}" '
             f'stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>')
    o.append('</g>')
    o.append(f'<g class="highcharts-markers highcharts-series-{k} highcharts-line-series" data-z-index="0.1" opacity="1">')
    cens = np.unique(t[e == 0])
    for x, v in zip(cens, km_at(pts, cens)):
        o.append(f'<circle cx="{f(X(x))}" cy="{f(Y(v))}" r="3" fill="{c}" stroke="#ffffff" stroke-width="1" class="highcharts-point"/>')
    o.append('</g>')
o.append('</g>')
# title
o.append(f'<text x="{W/2:.0f}" text-anchor="middle" class="highcharts-title" data-z-index="4" y="30" '
         f'style="font-size:18px;font-weight:bold;color:#333333;fill:#333333;">Overall survival by treatment arm</text>')
# axis labels
o.append('<g class="highcharts-axis-labels highcharts-xaxis-labels" data-z-index="7">')
for x in range(0, 49, 6):
    o.append(f'<text x="{f(X(x))}" y="{T+PH+24}" text-anchor="middle" style="color:#333333;cursor:default;font-size:11px;fill:#333333;">{x}</text>')
o.append('</g><g class="highcharts-axis-labels highcharts-yaxis-labels" data-z-index="7">')
for v in np.arange(0, 1.01, 0.2):
    o.append(f'<text x="{L-8}" y="{f(Y(v)+4)}" text-anchor="end" style="color:#333333;cursor:default;font-size:11px;fill:#333333;">{f(v)}</text>')
o.append('</g>')
# legend
o.append(f'<g class="highcharts-legend" data-z-index="7" transform="translate({W/2-190:.0f},{H-42})">')
for k, (name, c) in enumerate(zip(groups, cols)):
    x0 = k * 200
    o.append(f'<g class="highcharts-legend-item highcharts-series-{k}" transform="translate({x0},0)">'
             f'<path fill="none" stroke="{c}" stroke-width="2" d="M 0 11 L 16 11"/>'
             f'<circle cx="8" cy="11" r="4" fill="{c}"/>'
             f'<text x="21" y="15" text-anchor="start" style="color:#333333;cursor:pointer;font-size:12px;'
             f'font-weight:bold;fill:#333333;">{name}</text></g>')
o.append('</g>')
# tooltip left over the plot (hover on Arm B at month 20)
name, t, e, pts = data[1]
tv = 20.0
vv = float(km_at(pts, tv)[0])
bx, by, bw, bh = X(tv) + 12, Y(vv) - 12, 204, 52
o.append(f'<g class="highcharts-label highcharts-tooltip highcharts-color-1" data-z-index="8" '
         f'style="white-space:nowrap;pointer-events:none;" transform="translate({f(bx)},{f(by)})" opacity="1" visibility="inherit">')
box = (f"M 3 0 L {bw-3} 0 A 3 3 0 0 1 {bw} 3 L {bw} {bh-3} A 3 3 0 0 1 {bw-3} {bh} L 3 {bh} "
       f"A 3 3 0 0 1 0 {bh-3} L 0 24 L -12 12 L 0 18 L 0 3 A 3 3 0 0 1 3 0")
for w_, op in ((5, 0.05), (3, 0.1), (1, 0.15)):   # Highcharts-style stacked shadow
    o.append(f'<path fill="none" d="{box}" stroke="#000000" stroke-opacity="{op}" stroke-width="{w_}" '
             f'transform="translate(1, 1)" class="highcharts-tooltip-shadow"/>')
o.append(f'<path fill="#ffffff" fill-opacity="0.92" class="highcharts-label-box highcharts-tooltip-box" '
         f'd="{box}" stroke="{cols[1]}" stroke-width="1"/>')
o.append(f'<text x="8" y="20" data-z-index="1" style="font-size:11px;color:#333333;fill:#333333;">'
         f'<tspan style="font-size:10px">Month {tv:.0f}</tspan>'
         f'<tspan x="8" dy="17"><tspan style="color:{cols[1]};fill:{cols[1]}">\u25cf</tspan> {name}:\u00a0</tspan>'
         f'<tspan style="font-weight:bold">{vv:.3f}</tspan></text>')
o.append('</g>')
o.append(f'<text x="{W-10}" text-anchor="end" class="highcharts-credits" data-z-index="8" y="{H-6}" '
         f'style="cursor:pointer;color:#999999;font-size:9px;fill:#999999;">Highcharts.com</text>')
o.append('</svg>')
with open("figure.svg", "w", encoding="utf-8") as fh:
    fh.write("\n".join(o) + "\n")

write_truth(data, "survival", {
    "x_range": [0, 48], "y_range": [0, 1], "n_curves": 2, "x_unit": "months",
    "style": "Highcharts-like web chart SVG (hand-built DOM): light horizontal grid, step-after lines, "
             "white-ringed circles at each censoring, tooltip box left over the plot, legend at bottom",
    "groups": groups})
print("events", e1.sum(), e2.sum(), "max", t1.max(), t2.max(), "tooltip", vv)
