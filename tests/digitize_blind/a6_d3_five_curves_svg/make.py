"""a6_d3_five_curves_svg: SVG written the way a d3 (v7) dashboard would serialise it:
d3.axisBottom / axisLeft tick groups, y grid via tickSize(-width), five 1.5 px paths built with
d3.line().curve(d3.curveStepAfter), y zoomed to 0.70-1.00, x in days 0-730 ticked every 90,
one-row legend above the plot."""
import os, json
import numpy as np
import pandas as pd

# ---- shared KM helpers (copied verbatim into every make.py) ----
def km_corners(times, events):
    """Step corners of the KM survival curve: (0,1), before/after each event drop,
    and the last follow-up time at the final level."""
    t = np.asarray(times, float); e = np.asarray(events, int)
    ev_times = np.unique(t[e == 1])
    s = 1.0
    pts = [(0.0, 1.0)]
    for u in ev_times:
        n = int((t >= u).sum()); d = int(((t == u) & (e == 1)).sum())
        s_new = s * (1.0 - d / n)
        pts.append((float(u), s)); pts.append((float(u), s_new)); s = s_new
    tmax = float(t.max())
    if len(ev_times) == 0 or tmax > ev_times[-1]:
        pts.append((tmax, s))
    return pts

def step_value(pts, x):
    """Right-continuous value of the step curve defined by corners at time x."""
    v = pts[0][1]
    for (tt, vv) in pts:
        if tt <= x:
            v = vv
        else:
            break
    return v

def n_at_risk(times, x):
    return int((np.asarray(times, float) >= x).sum())

def check_with_lifelines(times, events, pts):
    from lifelines import KaplanMeierFitter
    kmf = KaplanMeierFitter().fit(np.asarray(times, float), np.asarray(events, int))
    sf = kmf.survival_function_
    worst = 0.0
    ev = np.unique(np.asarray(times, float)[np.asarray(events, int) == 1])
    assert len(pts) in (1 + 2 * len(ev), 2 + 2 * len(ev))
    for k, u in enumerate(ev):
        tb, vb = pts[1 + 2 * k]; ta, va = pts[2 + 2 * k]
        assert tb == u and ta == u
        after = float(kmf.survival_function_at_times(u).iloc[0])
        before = float(sf[sf.index < u].iloc[-1, 0])
        worst = max(worst, abs(after - va), abs(before - vb))
    # the final corner must equal lifelines at the last time
    assert abs(float(kmf.survival_function_at_times(pts[-1][0]).iloc[0]) - pts[-1][1]) < 1e-12
    assert worst < 1e-12, worst
    return worst
# ---- end shared helpers ----

def write_truth(ipd, curves_pts, meta, at_risk=None, incidence=False):
    """ipd: DataFrame curve,time,event; curves_pts: {curve: corners (survival)}."""
    os.makedirs('truth', exist_ok=True)
    ipd.to_csv('truth/ipd.csv', index=False)
    rows = []
    for c, pts in curves_pts.items():
        for (tt, vv) in pts:
            rows.append((c, tt, (1.0 - vv) if incidence else vv))
    pd.DataFrame(rows, columns=['curve', 'time', 'value']).to_csv('truth/curves.csv', index=False)
    if at_risk is not None:
        at_risk.to_csv('truth/at_risk.csv', index=False)
    with open('truth/meta.json', 'w') as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write('\n')
# ---- end truth writer ----

os.chdir(os.path.dirname(os.path.abspath(__file__)))
rng = np.random.default_rng(20206)

# ---------------- simulate patients (days) ----------------
groups = ['Site North', 'Site East', 'Site South', 'Site West', 'Site Central']
ns = [210, 236, 228, 190, 175]
# piecewise-constant hazards per day: (before day 300, after day 300)
haz = [(0.00010, 0.00010), (0.00017, 0.00017), (0.00017, 0.00040), (0.00026, 0.00026),
       (0.00038, 0.00038)]
rows = []
for i, (n, (h1, h2)) in enumerate(zip(ns, haz), start=1):
    e1 = rng.exponential(1 / h1, n)
    e2 = 300 + rng.exponential(1 / h2, n)
    ev_t = np.where(e1 < 300, e1, e2)
    admin = rng.uniform(240.0, 730.0, n)
    drop = rng.exponential(2500.0, n)
    cens = np.minimum(admin, drop)
    t = np.minimum(ev_t, cens)
    e = (ev_t <= cens).astype(int)
    t = np.clip(np.ceil(t), 1, 730)
    rows += [(i, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=['curve', 'time', 'event'])
curves = {}
for c in range(1, 6):
    d = ipd[ipd.curve == c]
    curves[c] = km_corners(d.time.values, d.event.values)
    check_with_lifelines(d.time.values, d.event.values, curves[c])
    assert min(v for _, v in curves[c]) > 0.70, (c, curves[c][-1])

# ---------------- write the SVG (d3 style) ----------------
W, H = 900, 470
M = dict(top=78, right=30, bottom=52, left=60)
iw, ih = W - M['left'] - M['right'], H - M['top'] - M['bottom']
X0, X1, Y0, Y1 = 0.0, 730.0, 0.70, 1.00
def sx(t): return (t - X0) / (X1 - X0) * iw
def sy(v): return ih - (v - Y0) / (Y1 - Y0) * ih
def js(v):
    """number as JavaScript's Number#toString would print it (shortest round-trip)"""
    v = float(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    r = repr(v)
    return r
colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd']   # d3.schemeCategory10
out = []
out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           f'style="max-width: 100%; height: auto; font: 10px sans-serif;">')
out.append(f'<text x="{M["left"]}" y="22" font-size="15" font-weight="600" fill="#222">'
           'Event-free survival by site</text>')
out.append(f'<g transform="translate({M["left"]},{M["top"]})">')
# x axis
out.append(f'<g class="x-axis" transform="translate(0,{ih})" fill="none" font-size="10" '
           'font-family="sans-serif" text-anchor="middle">')
out.append(f'<path class="domain" stroke="currentColor" d="M0.5,6V0.5H{js(iw + 0.5)}V6"></path>')
for v in range(0, 731, 90):
    out.append(f'<g class="tick" opacity="1" transform="translate({js(sx(v) + 0.5)},0)">'
               f'<line stroke="currentColor" y2="6"></line>'
               f'<text fill="currentColor" y="9" dy="0.71em">{v}</text></g>')
out.append(f'<text class="axis-label" x="{iw}" y="40" fill="currentColor" text-anchor="end">'
           'Days since enrolment →</text>')
out.append('</g>')
# y axis with grid (tickSize(-width), domain removed)
out.append('<g class="y-axis" fill="none" font-size="10" font-family="sans-serif" text-anchor="end">')
for k in range(7):
    v = round(0.70 + 0.05 * k, 2)
    out.append(f'<g class="tick" opacity="1" transform="translate(0,{js(sy(v) + 0.5)})">'
               f'<line stroke="currentColor" x2="{iw}" stroke-opacity="0.1"></line>'
               f'<text fill="currentColor" x="-3" dy="0.32em">{v:.2f}</text></g>')
out.append(f'<text class="axis-label" x="-{M["left"] - 2}" y="-12" fill="currentColor" '
           'text-anchor="start">↑ Survival probability</text>')
out.append('</g>')
# curves: d3.line().curve(d3.curveStepAfter) over the KM table (0,1), (event time, S), (last, S)
for c, col in zip(range(1, 6), colors):
    pts = curves[c]
    table = [pts[0]] + [pts[k] for k in range(2, len(pts), 2)]
    if len(pts) % 2 == 0:                       # trailing last-follow-up corner
        table.append(pts[-1])
    x, y = sx(table[0][0]), sy(table[0][1])
    d = [f'M{js(x)},{js(y)}']
    prev_y = y
    for (t, v) in table[1:]:
        x, y = sx(t), sy(v)
        d.append(f'L{js(x)},{js(prev_y)}L{js(x)},{js(y)}')
        prev_y = y
    out.append(f'<path class="km-line" fill="none" stroke="{col}" stroke-width="1.5" '
               f'stroke-linejoin="round" stroke-linecap="round" d="{"".join(d)}"></path>')
out.append('</g>')
# legend: one row above the plot
out.append(f'<g class="legend" transform="translate({M["left"]},44)" font-size="11">')
lx = 0
for g, col in zip(groups, colors):
    out.append(f'<g transform="translate({lx},0)"><line x1="0" x2="18" y1="0" y2="0" stroke="{col}" '
               f'stroke-width="1.5"></line><text x="24" y="0" dy="0.35em" fill="#333">{g}</text></g>')
    lx += 24 + 7 * len(g) + 26
out.append('</g>')
out.append('</svg>')
with open('figure.svg', 'w', encoding='utf-8') as f:
    f.write(''.join(out))

meta = {"kind": "survival", "x_range": [0, 720], "y_range": [0.7, 1.0], "n_curves": 5,
        "x_unit": "days",
        "style": "d3 dashboard SVG: thin 1.5px step-after paths in schemeCategory10, faint y grid, y zoomed 0.70-1.00, x days 0-730 ticked every 90, one-row legend above, no censor marks",
        "groups": groups}
write_truth(ipd, curves, meta)
print('a6 done; events', ipd.groupby('curve').event.sum().tolist(),
      'final S', [round(curves[c][-1][1], 3) for c in curves])
