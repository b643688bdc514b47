"""a2_matlab_png150: imitation of a MATLAB (R2014b+) default figure, stairs() KM curves with
open-circle censor markers, legend 'northeast', saved with print('-dpng','-r150')."""
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
rng = np.random.default_rng(20202)

# ---------------- simulate patients (months) ----------------
groups = ['Control', 'Treatment']
ns = [96, 104]
rates = [1 / 16.0, 1 / 27.0]
rows = []
for i, (n, lam) in enumerate(zip(ns, rates), start=1):
    ev_t = rng.exponential(1 / lam, n)
    admin = rng.uniform(12.0, 38.0, n)
    drop = rng.exponential(90.0, n)
    cens = np.minimum(admin, drop)
    t = np.minimum(ev_t, cens)
    e = (ev_t <= cens).astype(int)
    t = np.maximum(np.round(t, 2), 0.05)
    rows += [(i, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=['curve', 'time', 'event'])
curves = {}
for c in (1, 2):
    d = ipd[ipd.curve == c]
    curves[c] = km_corners(d.time.values, d.event.values)
    check_with_lifelines(d.time.values, d.event.values, curves[c])

# ---------------- draw (MATLAB look) ----------------
for p in ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf']:
    if os.path.exists(p):
        font_manager.fontManager.addfont(p)
plt.rcParams['font.family'] = ['Liberation Sans', 'DejaVu Sans']   # Helvetica -> Arial metric
DPI = 150
fig = plt.figure(figsize=(560 / 96, 420 / 96), dpi=DPI, facecolor='white')
ax = fig.add_axes([0.13, 0.11, 0.775, 0.815])
AXC = (0.15, 0.15, 0.15)
for s in ax.spines.values():
    s.set_color(AXC); s.set_linewidth(0.5)
ax.tick_params(direction='in', length=0.01 * 560 / 96 * 72 * 0.775 * 1.3, width=0.5, colors=AXC,
               top=True, right=True, labelsize=10 * 0.9, pad=3)
ax.set_xlim(0, 40)
ax.set_ylim(0, 1)
ax.set_xticks(np.arange(0, 41, 5))
ax.set_yticks(np.round(np.arange(0, 1.0001, 0.1), 1))
ax.set_yticklabels(['0'] + [f'{v:.1f}' for v in np.arange(0.1, 0.95, 0.1)] + ['1'])
colors = [(0, 0.4470, 0.7410), (0.8500, 0.3250, 0.0980)]
handles = []
for c, col, g in zip((1, 2), colors, groups):
    xs, ys = zip(*curves[c])
    h, = ax.plot(xs, ys, color=col, lw=0.5 * 1.0, label=g)
    handles.append(h)
    d = ipd[(ipd.curve == c) & (ipd.event == 0)]
    cx = d.time.values
    cy = [step_value(curves[c], x) for x in cx]
    ax.plot(cx, cy, linestyle='none', marker='o', ms=6 * 0.75, mfc='none', mec=col, mew=0.5)
ax.set_xlabel('Time (months)', fontsize=11 * 0.9, color=AXC)
ax.set_ylabel('Survival probability', fontsize=11 * 0.9, color=AXC)
ax.set_title('Kaplan-Meier estimate', fontsize=11 * 0.9, color='black', fontweight='bold')
leg = ax.legend(handles, groups, loc='upper right', fontsize=9 * 0.9, frameon=True, fancybox=False,
                framealpha=1, edgecolor=AXC, borderpad=0.4, handlelength=2.6, borderaxespad=0.6)
leg.get_frame().set_linewidth(0.5)
fig.savefig('figure.png', dpi=DPI, facecolor='white', metadata={'Software': None})
plt.close(fig)
from PIL import Image
Image.open('figure.png').convert('RGB').save('figure.png', dpi=(150, 150))

meta = {"kind": "survival", "x_range": [0, 40], "y_range": [0, 1], "n_curves": 2,
        "x_unit": "months",
        "style": "MATLAB default figure imitation: boxed axes with inward ticks on all four sides, thin stairs in MATLAB blue/orange, open-circle censor marks, legend box inside top right, grid off, 150 dpi PNG",
        "groups": groups}
write_truth(ipd, curves, meta)
print('a2 done; events', ipd.groupby('curve').event.sum().tolist(),
      'final S', [round(curves[c][-1][1], 3) for c in curves], 'tmax', ipd.time.max())
