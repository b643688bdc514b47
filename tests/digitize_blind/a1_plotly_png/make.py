"""a1_plotly_png: imitation of a Plotly (default 'plotly' template) KM figure,
exported like fig.write_image('figure.png', width=700, height=500, scale=2)."""
import os, json
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib import font_manager

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
rng = np.random.default_rng(20201)

# ---------------- simulate patients (months) ----------------
groups = ['Placebo', 'Low dose', 'High dose']
ns = [182, 176, 188]
scales = [30.0, 44.0, 68.0]       # Weibull scale (months)
shapes = [1.15, 1.1, 1.05]
rows = []
for i, (g, n, sc, sh) in enumerate(zip(groups, ns, scales, shapes), start=1):
    ev_t = sc * rng.weibull(sh, n)
    admin = rng.uniform(20.0, 66.0, n)          # staggered accrual
    drop = rng.exponential(180.0, n)             # loss to follow-up
    cens = np.minimum(admin, drop)
    t = np.minimum(ev_t, cens)
    e = (ev_t <= cens).astype(int)
    t = np.maximum(np.round(t, 1), 0.1)
    for tt, ee in zip(t, e):
        rows.append((i, float(tt), int(ee)))
ipd = pd.DataFrame(rows, columns=['curve', 'time', 'event'])

curves = {}
for c in range(1, 4):
    d = ipd[ipd.curve == c]
    curves[c] = km_corners(d.time.values, d.event.values)
    check_with_lifelines(d.time.values, d.event.values, curves[c])

# ---------------- draw (Plotly look) ----------------
for f in ['OpenSans-Regular.ttf']:
    p = '/usr/share/fonts/truetype/open-sans/' + f
    if os.path.exists(p):
        font_manager.fontManager.addfont(p)
plt.rcParams['font.family'] = ['Open Sans', 'Liberation Sans', 'DejaVu Sans']
plt.rcParams['svg.hashsalt'] = 'a1'

W, H = 700, 500            # plotly layout px; scale=2 -> 1400 x 1000
PX = 72 / 100.0            # 1 layout px in points when rendered at dpi=200 (2 px)
fig = plt.figure(figsize=(W / 100, H / 100), dpi=200, facecolor='white')
# plot area in layout px: margins l=80, t=100, b=80, right margin grown for legend
L, T, B, R = 80, 100, 80, 190
ax = fig.add_axes([L / W, B / H, (W - L - R) / W, (H - T - B) / H])
ax.set_facecolor('#E5ECF6')
for s in ax.spines.values():
    s.set_visible(False)
FONT_C = '#2a3f5f'
colors = ['#636EFA', '#EF553B', '#00CC96']
xmax = float(ipd.time.max())
ax.set_xlim(0, xmax)
ax.set_ylim(0, 1.05)
ax.set_xticks(np.arange(0, xmax + 1e-9, 10))
ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
ax.set_yticklabels(['0', '0.2', '0.4', '0.6', '0.8', '1'])
ax.set_xticklabels([f'{int(v)}' for v in np.arange(0, xmax + 1e-9, 10)])
ax.grid(True, color='white', linewidth=1 * PX)
ax.set_axisbelow(True)
# zero lines (white, 2px) like plotly
ax.axhline(0, color='white', lw=2 * PX, zorder=0.5)
ax.axvline(0, color='white', lw=2 * PX, zorder=0.5)
ax.tick_params(length=0, labelsize=12 * PX, labelcolor=FONT_C, pad=6 * PX)
for c, col, g in zip(range(1, 4), colors, groups):
    xs, ys = zip(*curves[c])      # corners of the hv step = the drawn path
    ax.plot(xs, ys, color=col, lw=2 * PX, solid_joinstyle='round', clip_on=False,
            label=g, zorder=3)
ax.set_xlabel('Time (months)', fontsize=14 * PX, color=FONT_C, labelpad=8 * PX)
ax.set_ylabel('Survival probability', fontsize=14 * PX, color=FONT_C, labelpad=8 * PX)
fig.text(0.05, 1 - 50 / H, 'Overall survival by treatment arm', fontsize=17 * PX,
         color=FONT_C, ha='left', va='center')
# legend: outside right, top aligned, no box, title like plotly express ("arm")
lx = (W - R + 0.02 * (W - L - R)) / W
fig.text(lx + 2 / W, 1 - (T + 12) / H, 'arm', fontsize=12 * PX, color=FONT_C, va='center')
for k, (col, g) in enumerate(zip(colors, groups)):
    yy = 1 - (T + 12 + 19 * (k + 1)) / H
    fig.add_artist(plt.Line2D([lx + 5 / W, lx + 35 / W], [yy, yy], color=col, lw=2 * PX,
                              transform=fig.transFigure))
    fig.text(lx + 40 / W, yy, g, fontsize=12 * PX, color=FONT_C, va='center')
fig.savefig('figure.png', dpi=200, facecolor='white', metadata={'Software': None})
plt.close(fig)

meta = {"kind": "survival", "x_range": [0, 60], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "months",
        "style": "Plotly default template imitation: #E5ECF6 plot area, white grid and zero lines, no axis lines or ticks, Plotly colours, hv steps, legend outside right with title, title top left, 1400x1000 PNG (scale 2)",
        "groups": groups}
write_truth(ipd, curves, meta)
print('a1 done; events per curve', ipd.groupby('curve').event.sum().tolist(),
      'final S', [round(curves[c][-1][1], 3) for c in curves], 'xmax', xmax)
