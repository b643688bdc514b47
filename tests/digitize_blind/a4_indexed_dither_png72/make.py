"""a4_indexed_dither_png72: small web image (72 dpi, 432x302 px) of three colour KM curves with
small open-circle censor marks, saved as a 16-colour palette PNG with Floyd-Steinberg dithering."""
import os, json, io
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from PIL import Image

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
rng = np.random.default_rng(20204)

# ---------------- simulate patients (weeks) ----------------
groups = ['Arm A', 'Arm B', 'Arm C']
ns = [88, 95, 79]
rows = []
for i, (n, sc, sh) in enumerate(zip(ns, [38.0, 60.0, 95.0], [1.3, 1.2, 1.1]), start=1):
    ev_t = sc * rng.weibull(sh, n)
    admin = rng.uniform(30.0, 100.0, n)
    drop = rng.exponential(260.0, n)
    cens = np.minimum(admin, drop)
    t = np.minimum(ev_t, cens)
    e = (ev_t <= cens).astype(int)
    t = np.clip(np.round(t), 1, 100).astype(float)         # whole weeks -> tied times
    rows += [(i, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=['curve', 'time', 'event'])
curves = {}
for c in (1, 2, 3):
    d = ipd[ipd.curve == c]
    curves[c] = km_corners(d.time.values, d.event.values)
    check_with_lifelines(d.time.values, d.event.values, curves[c])

# ---------------- draw ----------------
plt.rcParams['font.family'] = ['DejaVu Sans']
DPI = 72
fig = plt.figure(figsize=(6.0, 4.2), dpi=DPI, facecolor='white')
ax = fig.add_axes([0.12, 0.14, 0.62, 0.76])
colors = ['#E41A1C', '#377EB8', '#4DAF4A']
ax.set_xlim(0, 100); ax.set_ylim(0, 1.0)
ax.set_xticks(np.arange(0, 101, 20))
ax.set_yticks(np.round(np.arange(0, 1.01, 0.2), 1))
ax.set_yticklabels([f'{v:.1f}' for v in np.arange(0, 1.01, 0.2)])
ax.grid(True, color='#DDDDDD', lw=0.7)
ax.set_axisbelow(True)
for s in ax.spines.values():
    s.set_color('#555555'); s.set_linewidth(0.8)
ax.tick_params(labelsize=8, colors='#333333', length=3)
for c, col, g in zip((1, 2, 3), colors, groups):
    xs, ys = zip(*curves[c])
    ax.plot(xs, ys, color=col, lw=1.4, label=g)
    d = ipd[(ipd.curve == c) & (ipd.event == 0)]
    # one marker per distinct censoring time
    ct = np.unique(d.time.values)
    ax.plot(ct, [step_value(curves[c], x) for x in ct], ls='none', marker='o', ms=3.2,
            mfc='white', mec=col, mew=0.8)
ax.set_xlabel('Weeks', fontsize=9)
ax.set_ylabel('Progression-free survival', fontsize=9)
ax.set_title('PFS by arm', fontsize=10, loc='left')
ax.legend(loc='upper left', bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False, title='Group',
          title_fontsize=8)
buf = io.BytesIO()
fig.savefig(buf, format='png', dpi=DPI, facecolor='white')
plt.close(fig)
buf.seek(0)
rgb = Image.open(buf).convert('RGB')
pal = rgb.quantize(colors=16, method=Image.Quantize.MEDIANCUT)       # adaptive 16-colour palette
out = rgb.quantize(palette=pal, dither=Image.Dither.FLOYDSTEINBERG)   # dithered mapping
out.save('figure.png', dpi=(72, 72), optimize=False)

meta = {"kind": "survival", "x_range": [0, 100], "y_range": [0, 1], "n_curves": 3,
        "x_unit": "weeks",
        "style": "small 72 dpi web image (432x302), 16-colour palette PNG with Floyd-Steinberg dithering, three Set1 colour curves with small open-circle censor marks, light grid, legend outside right",
        "groups": groups}
write_truth(ipd, curves, meta)
print('a4 done; events', ipd.groupby('curve').event.sum().tolist(),
      'final S', [round(curves[c][-1][1], 3) for c in curves], out.size, out.mode,
      len(out.getcolors()))
