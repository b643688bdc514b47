"""a3_phone_photo_jpg: black-and-white journal KM figure (solid vs dashed, tick censor marks,
numbers-at-risk table) printed on paper and photographed with a phone: keystone perspective,
slight rotation, uneven lighting, paper texture, blur, sensor noise, JPEG q85."""
import os, json, io
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib import font_manager
from PIL import Image, ImageFilter

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
rng = np.random.default_rng(20203)

# ---------------- simulate patients (months) ----------------
groups = ['Chemoradiotherapy', 'Radiotherapy alone']
ns = [152, 147]
rows = []
for i, (n, sc, sh) in enumerate(zip(ns, [70.0, 38.0], [0.95, 1.05]), start=1):
    ev_t = sc * rng.weibull(sh, n)
    admin = rng.uniform(22.0, 60.0, n)
    drop = rng.exponential(150.0, n)
    cens = np.minimum(admin, drop)
    t = np.minimum(ev_t, cens)
    e = (ev_t <= cens).astype(int)
    t = np.clip(np.round(t, 1), 0.1, 59.9)
    rows += [(i, float(a), int(b)) for a, b in zip(t, e)]
ipd = pd.DataFrame(rows, columns=['curve', 'time', 'event'])
curves = {}
for c in (1, 2):
    d = ipd[ipd.curve == c]
    curves[c] = km_corners(d.time.values, d.event.values)
    check_with_lifelines(d.time.values, d.event.values, curves[c])
from lifelines.statistics import logrank_test
d1, d2 = ipd[ipd.curve == 1], ipd[ipd.curve == 2]
pval = logrank_test(d1.time, d2.time, d1.event, d2.event).p_value

risk_times = [0, 12, 24, 36, 48, 60]
ar = []
for c in (1, 2):
    tt = ipd[ipd.curve == c].time.values
    ar += [(c, x, n_at_risk(tt, x)) for x in risk_times]
at_risk = pd.DataFrame(ar, columns=['curve', 'time', 'n_at_risk'])

# ---------------- draw the printed figure (B/W journal style) ----------------
for p in ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
          '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
          '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
          '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf']:
    if os.path.exists(p):
        font_manager.fontManager.addfont(p)
plt.rcParams['font.family'] = ['Liberation Sans', 'DejaVu Sans']
DPI = 300
fig = plt.figure(figsize=(6.6, 5.9), dpi=DPI, facecolor='white')
ax = fig.add_axes([0.28, 0.36, 0.67, 0.56])
for k in ('top', 'right'):
    ax.spines[k].set_visible(False)
for k in ('left', 'bottom'):
    ax.spines[k].set_linewidth(0.9)
ax.tick_params(direction='out', length=4, width=0.9, labelsize=9.5)
ax.set_xlim(0, 60); ax.set_ylim(0, 1.0)
ax.set_xticks(risk_times)
ax.set_yticks(np.arange(0, 1.01, 0.2))
ax.set_yticklabels([f'{int(round(v * 100))}' for v in np.arange(0, 1.01, 0.2)])
styles = [dict(ls='-', lw=1.3), dict(ls=(0, (5, 3)), lw=1.3)]
for c, st in zip((1, 2), styles):
    xs, ys = zip(*curves[c])
    ax.plot(xs, ys, color='black', solid_joinstyle='miter', dash_joinstyle='miter', **st)
    d = ipd[(ipd.curve == c) & (ipd.event == 0)]
    ax.plot(d.time.values, [step_value(curves[c], x) for x in d.time.values], ls='none',
            marker='|', ms=5, mew=0.9, color='black')
ax.set_xlabel('Months since randomisation', fontsize=10.5)
ax.set_ylabel('Overall survival (%)', fontsize=10.5)
from matplotlib.lines import Line2D
hs = [Line2D([], [], color='black', **st) for st in styles]
ax.legend(hs, groups, loc='lower left', frameon=False, fontsize=9.5, handlelength=3.2,
          bbox_to_anchor=(0.02, 0.03))
ax.text(0.97, 0.93, f'Log-rank P={pval:.3f}' if pval >= 0.001 else 'Log-rank P<0.001',
        transform=ax.transAxes, ha='right', fontsize=9.5)
# numbers at risk table
fig.text(0.02, 0.225, 'No. at risk', fontsize=9.5, fontweight='bold')
for k, c in enumerate((1, 2)):
    yfig = 0.175 - 0.05 * k
    fig.text(0.02, yfig, groups[c - 1], fontsize=9, va='center')
    for _, r in at_risk[at_risk.curve == c].iterrows():
        xfig = 0.28 + 0.67 * r.time / 60
        fig.text(xfig, yfig, f'{int(r.n_at_risk)}', fontsize=9, va='center', ha='center')
fig.text(0.02, 0.025, 'Figure 2. Kaplan-Meier estimates of overall survival by treatment group.',
         fontsize=9, family='Liberation Serif', style='normal')
buf = io.BytesIO()
fig.savefig(buf, format='png', dpi=DPI, facecolor='white')
plt.close(fig)
buf.seek(0)
src = Image.open(buf).convert('L')          # printed in black and white

# ---------------- "print" it onto a page ----------------
margin = 160
page = Image.new('L', (src.width + 2 * margin, src.height + 2 * margin), 255)
page.paste(src, (margin, margin))
page = page.filter(ImageFilter.GaussianBlur(0.8))          # toner spread
page = page.resize((page.width * 2 // 3, page.height * 2 // 3), Image.LANCZOS)
P = np.asarray(page, dtype=np.float64) / 255.0

# ---------------- photograph it ----------------
OW, OH = 1500, 1360
def persp_coeffs(dst, src_pts):
    # PIL PERSPECTIVE maps output (x,y) -> input ((a x + b y + c)/(g x + h y + 1), ...)
    A, bvec = [], []
    for (x, y), (u, v) in zip(dst, src_pts):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); bvec.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); bvec.append(v)
    return np.linalg.solve(np.array(A, float), np.array(bvec, float)).tolist()
pw, ph = page.size
# where the page corners land in the photo: keystone (top narrower), ~1.5 deg rotation
ang = np.deg2rad(-1.6)
cx, cy = OW / 2, OH / 2
quad = [(-pw / 2 * 0.93, -ph / 2), (pw / 2 * 0.93, -ph / 2), (pw / 2 * 1.0, ph / 2), (-pw / 2 * 1.0, ph / 2)]
sc = 1.0
dst = []
for (x, y) in quad:
    xr = x * np.cos(ang) - y * np.sin(ang); yr = x * np.sin(ang) + y * np.cos(ang)
    dst.append((cx + sc * xr + 10, cy + sc * yr + 6))
coeffs = persp_coeffs(dst, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
page_rgb = Image.fromarray((P * 255).round().astype(np.uint8)).convert('RGB')
mask = Image.new('L', page.size, 255)
photo = page_rgb.transform((OW, OH), Image.PERSPECTIVE, coeffs, resample=Image.BICUBIC,
                           fillcolor=(92, 78, 64))                    # wooden desk
m = np.asarray(mask.transform((OW, OH), Image.PERSPECTIVE, coeffs, resample=Image.BILINEAR,
                              fillcolor=0), dtype=np.float64) / 255.0
img = np.asarray(photo, dtype=np.float64) / 255.0

yy, xx = np.mgrid[0:OH, 0:OW]
xn, yn = xx / OW, yy / OH
# uneven lighting: brighter upper left, darker lower right, soft phone shadow lower left
light = 0.97 - 0.20 * (0.55 * xn + 0.45 * yn) ** 1.3
light -= 0.10 * np.exp(-(((xn - 0.12) / 0.22) ** 2 + ((yn - 1.0) / 0.25) ** 2))
light *= 1 - 0.12 * ((xn - 0.45) ** 2 + (yn - 0.4) ** 2)             # vignette
# paper texture: low-frequency mottling + fine grain (only on the paper)
def smooth_noise(sig, amp, seed):
    r = np.random.default_rng(seed).normal(0, 1, (OH, OW))
    im = Image.fromarray(((r - r.min()) / (r.max() - r.min()) * 255).astype(np.uint8))
    im = np.asarray(im.filter(ImageFilter.GaussianBlur(sig)), dtype=np.float64)
    im = (im - im.mean()) / (im.std() + 1e-9)
    return amp * im
tex = smooth_noise(25, 0.006, 7) + smooth_noise(1.2, 0.018, 8)
paper_tone = np.array([0.985, 0.965, 0.925])                           # warm white balance
ink = img * (1 + tex[..., None] * m[..., None])
ink = ink * paper_tone[None, None, :] * light[..., None]
# warm cast on darker areas too (ink is not pure black under indoor light)
ink = 0.06 * np.array([0.55, 0.5, 0.45])[None, None, :] + 0.94 * ink
out = Image.fromarray((np.clip(ink, 0, 1) * 255).round().astype(np.uint8))
out = out.filter(ImageFilter.GaussianBlur(1.1))                        # slight defocus
arr = np.asarray(out, dtype=np.float64)
arr += rng.normal(0, 2.2, arr.shape)                                   # sensor noise
out = Image.fromarray(np.clip(arr, 0, 255).round().astype(np.uint8))
out.save('figure.jpg', quality=85, subsampling=2)

meta = {"kind": "survival", "x_range": [0, 60], "y_range": [0, 100], "n_curves": 2,
        "x_unit": "months",
        "style": "black-and-white journal figure (solid vs dashed, tick censor marks, percent y axis, numbers at risk) photographed from paper: ~3 deg keystone, -1.6 deg rotation, uneven warm lighting, paper texture, blur, JPEG q85",
        "groups": groups}
write_truth(ipd, curves, meta, at_risk=at_risk)
print('a3 done; events', ipd.groupby('curve').event.sum().tolist(),
      'final S', [round(curves[c][-1][1], 3) for c in curves], 'p', pval)
print(at_risk.pivot(index='curve', columns='time', values='n_at_risk'))
