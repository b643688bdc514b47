import sys, os, csv, datetime as dt
import numpy as np

LEVELS = ['T%d' % i for i in range(1, 13)] + ['L%d' % i for i in range(1, 6)]
TP_DAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 90, '6m': 180, '12m': 365, '24m': 730}
LEAKS = ['disc', 'venous', 'paravertebral', 'epidural', 'foraminal']


def gen(seed, n, tps, start=dt.date(2022, 1, 10), p_second=0.15, p_frac=0.15, p_died=0.1,
        techs=('vertebroplasty', 'kyphoplasty'), cements=('PMMA',), vas_dec=False, odi=False, mob=False,
        p_miss=0.15):
    rng = np.random.default_rng(seed)
    pats = []
    for i in range(n):
        p = {}
        p['i'] = i
        p['sex'] = 'female' if rng.random() < 0.72 else 'male'
        p['age'] = int(rng.integers(58, 92))
        r = rng.random()
        p['etiology'] = 'osteoporotic' if r < 0.72 else ('pathologic' if r < 0.88 else 'traumatic')
        if p['etiology'] == 'traumatic':
            p['age'] = int(rng.integers(38, 70))
        d0 = start + dt.timedelta(days=int(rng.integers(0, 520)))
        nlev = int(rng.choice([1, 1, 1, 1, 2, 2, 3]))
        k = int(rng.integers(8, 17 - nlev + 1))  # T9..L5
        levs = LEVELS[k:k + nlev]
        tech = str(rng.choice(list(techs)))
        cem = str(rng.choice(list(cements)))
        def vol():
            return float(np.round(rng.uniform(2.0, 6.5) * 2) / 2)
        def leak():
            if rng.random() < 0.78:
                return 'none'
            m = 1 if rng.random() < 0.8 else 2
            s = sorted(rng.choice(LEAKS, size=m, replace=False).tolist(), key=LEAKS.index)
            return ';'.join(s)
        sess = [dict(date=d0, day=0, levels=levs, vols=[vol() for _ in levs], leaks=[leak() for _ in levs],
                     tech=tech, cement=cem)]
        p['fractures'] = []
        if rng.random() < p_second:
            used = set(levs)
            cand = [l for l in LEVELS[7:] if l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[0])) <= 3
                    or (l not in used and abs(LEVELS.index(l) - LEVELS.index(levs[-1])) <= 3)]
            l2 = str(rng.choice(cand))
            fday = int(rng.integers(20, 110))
            d2 = fday + int(rng.integers(3, 15))
            p['fractures'].append((fday, l2))
            sess.append(dict(date=d0 + dt.timedelta(days=d2), day=d2, levels=[l2], vols=[vol()], leaks=[leak()],
                             tech=tech, cement=cem))
        elif rng.random() < p_frac:
            used = set(levs)
            cand = [l for l in LEVELS[6:] if l not in used]
            p['fractures'].append((int(rng.integers(30, 200)), str(rng.choice(cand))))
        p['sessions'] = sess
        p['died'] = 'yes' if rng.random() < p_died else 'no'
        p['death_day'] = int(rng.integers(60, 300)) if p['died'] == 'yes' else None
        # assessments: session 1 only, timepoints relative to session 1
        a = {}
        base = float(rng.integers(6, 11)) if not vas_dec else float(np.round(rng.uniform(6, 10), 1))
        visits = {}
        for t in tps:
            off = TP_DAYS[t]
            if t not in ('pre', '24h', '1w'):
                off += int(rng.integers(-5, 8))
            if p['death_day'] is not None and off >= p['death_day']:
                continue
            if t not in ('pre', '24h') and rng.random() < p_miss:
                continue
            visits[t] = off
            rel = {'pre': 1.0, '24h': 0.55, '1w': 0.5, '2w': 0.45, '6w': 0.35, '1m': 0.35, '3m': 0.28, '6m': 0.25, '12m': 0.22, '24m': 0.2}[t]
            v = base * rel + rng.normal(0, 0.8)
            v = min(10, max(0, v))
            v = round(v, 1) if vas_dec else int(round(v))
            a[('pain_vas', t)] = v
            if odi:
                o = min(100, max(0, 40 + base * 5 * rel + rng.normal(0, 5)))
                if t != '24h':
                    a[('odi', t)] = int(round(o))
            if mob:
                m = {'pre': 1, '24h': 2}.get(t, 3)
                m = int(min(4, max(0, m + rng.integers(-1, 2))))
                a[('mobility', t)] = m
        p['visits'] = visits
        p['assess'] = a
        p['birth'] = d0 - dt.timedelta(days=int(p['age'] * 365.25 + rng.integers(1, 360)))
        p['mrn'] = int(rng.integers(100000, 999999))
        p['phone_n'] = int(rng.integers(10 ** 7, 10 ** 8))
        p['rnd'] = rng
        pats.append(p)
    return pats


def write_truth(outdir, pats, vol_mode='level', errors=(), identifiers=(), record=None):
    """record: dict of flags sex, age, etiology, died, technique, cement, leakage (default True)."""
    rec = dict(sex=True, age=True, etiology=True, died=True, technique=True, cement=True, leakage=True)
    rec.update(record or {})
    td = os.path.join(outdir, 'truth')
    os.makedirs(td, exist_ok=True)
    def w(name, header, rows):
        with open(os.path.join(td, name), 'w', newline='', encoding='utf-8') as f:
            wr = csv.writer(f)
            wr.writerow(header)
            for r in rows:
                wr.writerow(['' if x is None else x for x in r])
    w('patients.csv', ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
      [[p['pid'], p['sex'] if rec['sex'] else '', p['age'] if rec['age'] else '',
        p['etiology'] if rec['etiology'] else '', p['died'] if rec['died'] else ''] for p in pats])
    rows = []
    for p in pats:
        for si, s in enumerate(p['sessions'], 1):
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                rows.append([p['pid'], si, s['day'], l, s['tech'] if rec['technique'] else '',
                             fmt(v) if (vol_mode == 'level' or (vol_mode == 'auto' and len(s['levels']) == 1)) else '',
                             fmt(tot) if (vol_mode == 'session' or (vol_mode == 'auto' and len(s['levels']) > 1)) else '',
                             s['cement'] if rec['cement'] else '', lk if rec['leakage'] else ''])
    w('procedures.csv', ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
                         'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pats:
        for (m, t), v in p['assess'].items():
            rows.append([p['pid'], 1, m, t, fmt(v)])
    w('assessments.csv', ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    w('fractures.csv', ['patient_id', 'day', 'level'],
      [[p['pid'], d, l] for p in pats for d, l in p['fractures']])
    w('errors.csv', ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    w('identifiers.csv', ['kind', 'value'], identifiers)


def fmt(v):
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return ('%.2f' % v).rstrip('0').rstrip('.')
    return v

# ---------------- Ankara: one sheet per time point (+ patient and procedure sheets) ----------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment
from openpyxl.utils import get_column_letter as CL

LEAK = {'disc': 'disk', 'venous': 'venöz', 'paravertebral': 'paravertebral', 'epidural': 'epidural', 'foraminal': 'foraminal'}


def tr(d):
    return d.strftime('%d.%m.%Y')


def dec(v):
    return fmt(v).replace('.', ',')


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    tps = ['pre', '24h', '1m', '6m', '12m']
    pats = gen(1404, 24, tps, start=dt.date(2021, 11, 15), techs=('vertebroplasty', 'kyphoplasty'),
               cements=('PMMA',), odi=True, mob=True, p_second=0.13, p_frac=0.12)
    for p in pats:
        p['pid'] = '%d' % (p['i'] + 1)
        p['pid'] = 'ANK-%02d' % (p['i'] + 1)
        p['assess'] = {k: v for k, v in p['assess'].items() if k[0] != 'odi' or k[1] in ('pre', '6m', '12m')}
    wb = Workbook()
    hb = wb.active
    hb.title = 'Hasta Bilgileri'
    hb['A1'] = 'Ankara Çankaya Eğitim ve Araştırma Hastanesi – Girişimsel Radyoloji / Vertebroplasti-Kifoplasti Hasta Takip'
    hb['A1'].font = Font(bold=True, size=12)
    H = ['Hasta No', 'Cinsiyet', 'Yaş', 'Tanı', 'Yeni kırık (takipte)', 'Exitus', 'Açıklama']
    for j, h in enumerate(H, 1):
        hb.cell(3, j, h).font = Font(bold=True)
        hb.cell(3, j).fill = PatternFill('solid', fgColor='D9E1F2')
    TANI = {'osteoporotic': 'Osteoporotik kompresyon kırığı', 'traumatic': 'Travma'}
    for k, p in enumerate(pats):
        r = 4 + k
        d0 = p['sessions'][0]['date']
        hb.cell(r, 1, p['pid'])
        hb.cell(r, 2, 'K' if p['sex'] == 'female' else 'E')
        hb.cell(r, 3, p['age'])
        hb.cell(r, 4, TANI.get(p['etiology']) or ['Metastaz (meme ca)', 'Multipl miyelom', 'Metastaz (akciğer ca)'][p['i'] % 3])
        hb.cell(r, 5, ', '.join('%s (%s)' % (l, tr(d0 + dt.timedelta(days=d))) for d, l in p['fractures']) or 'Yok')
        hb.cell(r, 6, ('Evet – %s' % tr(d0 + dt.timedelta(days=p['death_day']))) if p['died'] == 'yes' else 'Hayır')
        p['hb_row'] = r
    hb['A%d' % (6 + len(pats))] = 'Cinsiyet: K = kadın, E = erkek. Mobilite skoru: 0 yatağa bağımlı, 1 tekerlekli sandalye, 2 walker ile, 3 bastonla, 4 bağımsız. Kontrol zamanları (1. ay, 6. ay, 12. ay) ilk işlem tarihine göredir.'
    hb['A%d' % (6 + len(pats))].font = Font(italic=True, size=9)
    for j, wd in enumerate([10, 9, 6, 30, 26, 22, 20], 1):
        hb.column_dimensions[CL(j)].width = wd

    isl = wb.create_sheet('İşlemler')
    IH = ['Hasta No', 'Seans', 'İşlem tarihi', 'İşlem', 'Seviye(ler)', 'Toplam çimento (ml)', 'Çimento', 'Kaçak']
    for j, h in enumerate(IH, 1):
        isl.cell(1, j, h).font = Font(bold=True)
        isl.cell(1, j).fill = PatternFill('solid', fgColor='FCE4D6')
    r = 2
    for p in pats:
        p['isl_rows'] = []
        for si, s in enumerate(p['sessions'], 1):
            isl.cell(r, 1, p['pid'])
            isl.cell(r, 2, si)
            isl.cell(r, 3, tr(s['date']))
            isl.cell(r, 4, 'VP' if s['tech'] == 'vertebroplasty' else 'KP')
            isl.cell(r, 5, ', '.join(s['levels']))
            isl.cell(r, 6, dec(sum(s['vols'])))
            isl.cell(r, 7, 'PMMA')
            if all(l == 'none' for l in s['leaks']):
                lt = 'Yok'
            elif len(s['levels']) == 1:
                lt = ' + '.join(LEAK[z] for z in s['leaks'][0].split(';')) + ' kaçak'
            else:
                lt = '; '.join('%s %s' % (lv, 'yok' if lk == 'none' else ' + '.join(LEAK[z] for z in lk.split(';')))
                               for lv, lk in zip(s['levels'], s['leaks']))
            isl.cell(r, 8, lt)
            p['isl_rows'].append(r)
            r += 1
    for j, wd in enumerate([10, 6, 12, 7, 14, 18, 8, 30], 1):
        isl.column_dimensions[CL(j)].width = wd

    SH = {'pre': 'Preop', '24h': 'Postop 1. gün', '1m': '1. ay', '6m': '6. ay', '12m': '12. ay'}
    tp_rows = {}
    for t in tps:
        ws = wb.create_sheet(SH[t])
        ws['A1'] = 'Kontrol: %s' % SH[t]
        ws['A1'].font = Font(bold=True)
        th = ['Hasta No', 'Tarih', 'VAS (0-10)', 'ODI (%)', 'Mobilite (0-4)', 'Not']
        for j, h in enumerate(th, 1):
            ws.cell(2, j, h).font = Font(bold=True)
            ws.cell(2, j).fill = PatternFill('solid', fgColor='E2EFDA')
        r = 3
        for p in pats:
            d0 = p['sessions'][0]['date']
            dead = p['death_day'] is not None and TP_DAYS[t] >= p['death_day']
            if t in p['visits']:
                ws.cell(r, 1, p['pid'])
                c = ws.cell(r, 2, d0 + dt.timedelta(days=p['visits'][t]))
                c.number_format = 'dd.mm.yyyy'
                ws.cell(r, 3, p['assess'][('pain_vas', t)])
                if ('odi', t) in p['assess']:
                    ws.cell(r, 4, p['assess'][('odi', t)])
                elif t in ('pre', '6m', '12m'):
                    ws.cell(r, 4, '-')
                ws.cell(r, 5, p['assess'][('mobility', t)])
                tp_rows[(p['pid'], t)] = r
                r += 1
            elif dead:
                continue
            else:
                ws.cell(r, 1, p['pid'])
                ws.cell(r, 6, 'kontrole gelmedi' if p['rnd'].random() < 0.6 else 'ulaşılamadı')
                r += 1
        for j, wd in enumerate([10, 12, 10, 9, 13, 20], 1):
            ws.column_dimensions[CL(j)].width = wd
    errors = []
    def plant(sheet, row, col, h, val, why, pid):
        wb[sheet].cell(row, col, val)
        errors.append([sheet, '%s%d' % (CL(col), row), row, h, val, why, pid])
    q = [p for p in pats if (p['pid'], '1m') in tp_rows][5]
    plant('1. ay', tp_rows[(q['pid'], '1m')], 3, 'VAS (0-10)', 12, 'VAS 12 on a 0-10 scale', q['pid'])
    q = [p for p in pats if (p['pid'], '6m') in tp_rows][8]
    bad = q['sessions'][0]['date'] - dt.timedelta(days=40)
    plant('6. ay', tp_rows[(q['pid'], '6m')], 2, 'Tarih', bad, '6-month control dated before the procedure date', q['pid'])
    wb['6. ay'].cell(tp_rows[(q['pid'], '6m')], 2).number_format = 'dd.mm.yyyy'
    errors[-1][4] = tr(bad)
    q = [p for p in pats if (p['pid'], '12m') in tp_rows][2]
    plant('12. ay', tp_rows[(q['pid'], '12m')], 5, 'Mobilite (0-4)', 7, 'mobility 7 on a 0-4 scale', q['pid'])
    q = [p for p in pats if len(p['sessions'][0]['levels']) == 1][9]
    plant('İşlemler', q['isl_rows'][0], 6, 'Toplam çimento (ml)', '48', '48 mL of cement in a single vertebra', q['pid'])
    wb.save(os.path.join(outdir, 'input.xlsx'))
    write_truth(outdir, pats, 'auto', errors, [])


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
