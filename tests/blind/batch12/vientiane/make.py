import sys, os, csv, datetime as dt
import numpy as np

ALL_LEVELS = ['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)] + \
             ['L%d' % i for i in range(1, 6)] + ['S1']
CORE = ALL_LEVELS.index('T6'), ALL_LEVELS.index('L4')


def r05(x):
    return round(x * 2) / 2.0


def gen(seed, n, start, tps, p_second=0.2, p_kp=0.3, p_fx=0.15, p_died=0.12,
        odi=False, leak_sites=('disc', 'venous', 'epidural', 'paravertebral', 'foraminal'),
        cement_types=('PMMA',), miss=0.15, tps2=None):
    """Generate patients: returns list of dicts."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        sex = 'female' if rng.random() < 0.68 else 'male'
        et = ['osteoporotic'] * 7 + ['pathologic'] * 2 + ['traumatic']
        etiology = et[int(rng.integers(0, len(et)))]
        if etiology == 'osteoporotic':
            age = int(rng.integers(60, 91))
        elif etiology == 'pathologic':
            age = int(rng.integers(45, 82))
        else:
            age = int(rng.integers(35, 75))
        died = rng.random() < (p_died * (2.5 if etiology == 'pathologic' else 1))
        d1 = start + dt.timedelta(days=int(rng.integers(0, 540)))
        used = set()

        def mk_session(sidx, day, nlev):
            # contiguous levels
            for _ in range(50):
                a = int(rng.integers(CORE[0], CORE[1] + 1))
                levs = ALL_LEVELS[a:a + nlev]
                if len(levs) == nlev and not (set(levs) & used) and all(
                        ALL_LEVELS.index(l) <= CORE[1] + 1 for l in levs):
                    break
            used.update(levs)
            tech = 'kyphoplasty' if rng.random() < p_kp else 'vertebroplasty'
            ctype = cement_types[int(rng.integers(0, len(cement_types)))]
            vols = []
            leaks = []
            for l in levs:
                lo = 2.0 if l.startswith('T') and ALL_LEVELS.index(l) < ALL_LEVELS.index('T10') else 3.0
                vols.append(r05(rng.uniform(lo, lo + 3.5)))
                if rng.random() < 0.2:
                    leaks.append(leak_sites[int(rng.integers(0, len(leak_sites)))])
                else:
                    leaks.append('none')
            return dict(session=sidx, day=day, date=d1 + dt.timedelta(days=day), levels=levs,
                        technique=tech, vols=vols, ctype=ctype, leaks=leaks)

        nlev = [1, 1, 1, 2, 2, 3][int(rng.integers(0, 6))]
        sessions = [mk_session(1, 0, nlev)]
        if rng.random() < p_second:
            day2 = int(rng.integers(21, 100))
            sessions.append(mk_session(2, day2, 1))
        # assessments: {session: {tp: value}}
        ass = {}
        for s in sessions:
            pre = int(rng.integers(6, 11))
            vals = {'pre': pre}
            cur = pre
            tl = tps if (s['session'] == 1 or tps2 is None) else tps2
            for k, tp in enumerate(tl):
                if tp == 'pre':
                    continue
                drop = int(rng.integers(2, 5)) if k == 1 else int(rng.integers(0, 2))
                cur = max(0, cur - drop)
                if rng.random() < miss:
                    continue
                vals[tp] = cur
            o = {}
            if odi:
                op = int(rng.integers(20, 45)) * 2
                o['pre'] = op
                cur = op
                for tp in vals:
                    if tp == 'pre':
                        continue
                    cur = max(4, cur - int(rng.integers(2, 10)) * 2)
                    o[tp] = cur
            ass[s['session']] = dict(vas=vals, odi=o)
        fx = []
        if rng.random() < p_fx:
            cand = [l for l in ALL_LEVELS[CORE[0]:CORE[1] + 2] if l not in used]
            lv = cand[int(rng.integers(0, len(cand)))]
            fx.append((int(rng.integers(25, 300)), lv))
        out.append(dict(idx=i, sex=sex, age=age, etiology=etiology, died=died, d1=d1,
                        sessions=sessions, ass=ass, fx=fx,
                        death_day=int(rng.integers(120, 420)) if died else None))
    return out


TPDAYS = {'pre': -1, '24h': 1, '1w': 7, '2w': 14, '6w': 42, '1m': 30, '3m': 91, '6m': 182,
          '12m': 365, '24m': 730}


def drop_after_death(pts):
    """Keep death dates well clear of scheduled visits, then remove values after death."""
    for p in pts:
        if p['died']:
            near = [s['day'] + d for s in p['sessions'] for d in TPDAYS.values()]
            while any(abs(p['death_day'] - x) <= 12 for x in near):
                p['death_day'] += 13
    for p in pts:
        if p['died']:
            for s in p['sessions']:
                a = p['ass'][s['session']]
                for key in ('vas', 'odi'):
                    for tp in list(a[key]):
                        if s['day'] + TPDAYS[tp] >= p['death_day']:
                            del a[key][tp]
            p['fx'] = [f for f in p['fx'] if f[0] < p['death_day']]


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(['' if v is None else v for v in r])


def fmtnum(v):
    if v is None or v == '':
        return ''
    v = float(v)
    return str(int(v)) if v == int(v) else ('%g' % v)


def write_truth(outdir, pts, pid, errors, identifiers, cement_mode='per_level', died_known=True,
                sex_known=True):
    """cement_mode: 'per_level' or 'session_total_if_multi' or 'session_total'."""
    t = os.path.join(outdir, 'truth')
    write_csv(os.path.join(t, 'patients.csv'), ['patient_id', 'sex', 'age_years', 'etiology', 'died'],
              [[pid(p), p['sex'] if sex_known else '', p['age'], p['etiology'],
                ('yes' if p['died'] else 'no') if died_known else ''] for p in pts])
    rows = []
    for p in pts:
        for s in p['sessions']:
            tot = sum(s['vols'])
            for l, v, lk in zip(s['levels'], s['vols'], s['leaks']):
                if cement_mode == 'per_level' or (cement_mode == 'session_total_if_multi' and len(s['levels']) == 1):
                    cv, sv = fmtnum(v), ''
                else:
                    cv, sv = '', fmtnum(tot)
                rows.append([pid(p), s['session'], s['day'], l, s['technique'], cv, sv, s['ctype'], lk])
    write_csv(os.path.join(t, 'procedures.csv'),
              ['patient_id', 'session', 'day', 'level', 'technique', 'cement_volume_ml',
               'session_cement_volume_ml', 'cement_type', 'leakage'], rows)
    rows = []
    for p in pts:
        for s in p['sessions']:
            a = p['ass'][s['session']]
            for tp, v in a['vas'].items():
                rows.append([pid(p), s['session'], 'pain_vas', tp, fmtnum(v)])
            for tp, v in a['odi'].items():
                rows.append([pid(p), s['session'], 'odi', tp, fmtnum(v)])
            for tp, v in a.get('mob', {}).items():
                rows.append([pid(p), s['session'], 'mobility', tp, fmtnum(v)])
    write_csv(os.path.join(t, 'assessments.csv'), ['patient_id', 'session', 'measure', 'timepoint', 'value'], rows)
    write_csv(os.path.join(t, 'fractures.csv'), ['patient_id', 'day', 'level'],
              [[pid(p), d, l] for p in pts for d, l in p['fx']])
    write_csv(os.path.join(t, 'errors.csv'),
              ['sheet', 'cell', 'row', 'column_header', 'value', 'what_is_wrong', 'patient_id'], errors)
    write_csv(os.path.join(t, 'identifiers.csv'), ['kind', 'value'], identifiers)


# ---------------------------------------------------------------- site: Vientiane (Lao)
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Border, Side
from openpyxl.utils import get_column_letter

LAO_DIG = '໐໑໒໓໔໕໖໗໘໙'
LAO_MON = ['ມັງກອນ', 'ກຸມພາ', 'ມີນາ', 'ເມສາ', 'ພຶດສະພາ', 'ມິຖຸນາ', 'ກໍລະກົດ', 'ສິງຫາ', 'ກັນຍາ',
           'ຕຸລາ', 'ພະຈິກ', 'ທັນວາ']


def lao(s):
    return ''.join(LAO_DIG[int(c)] if c.isdigit() else c for c in str(s))


def main(outdir):
    pts = gen(seed=1201, n=22, start=dt.date(2022, 3, 1), tps=['pre', '24h', '1m', '3m'],
              p_second=0.22, p_kp=0.25, p_fx=0.2)
    drop_after_death(pts)
    rng = np.random.default_rng(12011)
    pid = lambda p: 'VT-%02d' % (p['idx'] + 1)
    male_first = ['ສົມພອນ', 'ບຸນມີ', 'ຄຳຫຼ້າ', 'ສີສະຫວາດ', 'ທອງດີ', 'ບົວພັນ', 'ຄຳແພງ', 'ສຸລິຍາ', 'ພູວົງ']
    fem_first = ['ວັນນາ', 'ແສງເດືອນ', 'ບຸນເພັງ', 'ຈັນທະວົງ', 'ຄຳມະນີ', 'ນ້ອຍ', 'ສົມຈິດ', 'ມະນີວັນ',
                 'ພອນສະຫວັນ', 'ບົວໄລ', 'ດວງຈັນ', 'ສີວອນ', 'ແກ້ວ', 'ຄຳປຸ່ນ', 'ທອງສຸກ']
    last = ['ແກ້ວມະນີ', 'ພົມມະຈັນ', 'ສີຫາລາດ', 'ວົງສະຫວັນ', 'ໄຊຍະວົງ', 'ຈັນທະລາ', 'ອິນທະວົງ',
            'ພິມມະສອນ', 'ສຸວັນນະວົງ', 'ດວງມາລາ', 'ແສງອາລຸນ', 'ບຸບຜາ']
    names, hns = {}, {}
    for p in pts:
        f = (fem_first if p['sex'] == 'female' else male_first)
        while True:
            nm = ('ນາງ ' if p['sex'] == 'female' else 'ທ້າວ ') + f[int(rng.integers(0, len(f)))] + ' ' + \
                last[int(rng.integers(0, len(last)))]
            if nm not in names.values():
                break
        names[p['idx']] = nm
        hns[p['idx']] = '%02d-%05d' % (p['d1'].year % 100, int(rng.integers(10000, 99999)))

    def dtext(d, mode):
        if mode == 0:
            return d.strftime('%d/%m/%Y')
        if mode == 1:
            return d  # real date cell
        if mode == 2:
            return lao(d.strftime('%d/%m/%Y'))
        return '%d %s %d' % (d.day, LAO_MON[d.month - 1], d.year)

    def dshort(d):
        return d.strftime('%d/%m/%Y')

    sex_w = {'female': 'ຍິງ', 'male': 'ຊາຍ'}
    et_w = {'osteoporotic': 'ກະດູກພຸນ', 'pathologic': 'ມະເຮັງ (mets)', 'traumatic': 'ອຸບັດຕິເຫດ', 'other': 'ອື່ນໆ'}
    tech_w = {'vertebroplasty': 'VP', 'kyphoplasty': 'KP'}
    leak_w = {'none': 'ບໍ່ມີ', 'disc': 'ຮົ່ວເຂົ້າໝອນຮອງກະດູກ', 'venous': 'ຮົ່ວເຂົ້າເສັ້ນເລືອດ',
              'epidural': 'ຮົ່ວເຂົ້າ epidural', 'paravertebral': 'ຮົ່ວອອກຂ້າງກະດູກສັນຫຼັງ',
              'foraminal': 'ຮົ່ວເຂົ້າຮູປະສາດ'}
    NOT_CAME = 'ບໍ່ມາ'

    # planted errors: (patient idx, kind)
    err_plan = {3: 'level', 8: 'cement', 12: 'date', 17: 'vas', 20: 'age'}

    wb = Workbook()
    ws = wb.active
    ws.title = 'ທະບຽນ VP-KP'
    thin = Side(style='thin', color='999999')
    bd = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws['A1'] = 'ໂຮງໝໍມິດຕະພາບ ວຽງຈັນ — ພະແນກກະດູກ ແລະ ຂໍ້'
    ws['A2'] = 'ທະບຽນຄົນເຈັບ ສີດຊີມັງເຂົ້າກະດູກສັນຫຼັງ (Vertebroplasty / Kyphoplasty) ປີ 2022-2024'
    ws['A1'].font = Font(bold=True, size=14)
    ws['A2'].font = Font(bold=True, size=12)
    ws.merge_cells('A1:U1')
    ws.merge_cells('A2:U2')
    # header rows 4-5
    heads = ['ລ/ດ', 'ລະຫັດ', 'ຊື່ ແລະ ນາມສະກຸນ', 'ເລກ HN', 'ເພດ', 'ອາຍຸ (ປີ)', 'ສາເຫດ',
             'ຄັ້ງທີ', 'ວັນທີສີດຊີມັງ', 'ຂໍ້ກະດູກ', 'ວິທີ', 'ຊີມັງ (ml)', 'ຊະນິດຊີມັງ', 'ການຮົ່ວຂອງຊີມັງ',
             None, None, None, None, 'ກະດູກຫັກໃໝ່', 'ສະຖານະ', 'ໝາຍເຫດ']
    for c, h in enumerate(heads, 1):
        if h is not None:
            ws.cell(4, c, h)
            ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.cell(4, 15, 'ຄະແນນເຈັບ VAS (0-10)')
    ws.merge_cells(start_row=4, start_column=15, end_row=4, end_column=18)
    for c, h in zip(range(15, 19), ['ກ່ອນສີດ', '24 ຊມ', '1 ເດືອນ', '3 ເດືອນ']):
        ws.cell(5, c, h)
    hdr_fill = PatternFill('solid', fgColor='DDEBF7')
    for r in (4, 5):
        for c in range(1, 22):
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).fill = hdr_fill
            ws.cell(r, c).alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
            ws.cell(r, c).border = bd
    bottom_head = {c: (ws.cell(5, c).value or ws.cell(4, c).value) for c in range(1, 22)}
    errors = []
    sheet = ws.title

    def err(r, c, value, what, p):
        errors.append([sheet, '%s%d' % (get_column_letter(c), r), r, bottom_head[c], value, what, pid(p)])

    r = 6
    for p in pts:
        prow0 = r
        nrows = sum(len(s['levels']) for s in p['sessions'])
        mode = p['idx'] % 4
        ek = err_plan.get(p['idx'])
        for s in p['sessions']:
            srow0 = r
            a = p['ass'][s['session']]['vas']
            for li, (lv, vol, lk) in enumerate(zip(s['levels'], s['vols'], s['leaks'])):
                lvv = lv
                if ek == 'level' and s['session'] == 1 and li == 0:
                    lvv = 'L7'
                    err(r, 10, lvv, 'impossible vertebral level (there is no L7)', p)
                ws.cell(r, 10, lvv)
                ws.cell(r, 11, tech_w[s['technique']])
                volv = vol if (p['idx'] % 3) else '%s ml' % fmtnum(vol)
                if p['idx'] % 5 == 2:
                    volv = lao(fmtnum(vol))
                if ek == 'cement' and s['session'] == 1 and li == 0:
                    volv = 35
                    err(r, 12, volv, 'cement volume 35 ml in one vertebra is impossible', p)
                ws.cell(r, 12, volv)
                ws.cell(r, 13, 'PMMA' if p['idx'] % 2 else 'PMMA (Mendec Spine)')
                ws.cell(r, 14, leak_w[lk])
                r += 1
            srow1 = r - 1
            ws.cell(srow0, 8, s['session'] if mode != 2 else lao(s['session']))
            dv = dtext(s['date'], mode)
            if ek == 'date' and s['session'] == 1:
                dv = '31/02/%d' % s['date'].year
                err(srow0, 9, dv, 'impossible date (31 February)', p)
            ws.cell(srow0, 9, dv)
            if isinstance(dv, dt.date):
                ws.cell(srow0, 9).number_format = 'DD/MM/YYYY'
            for c, tp in zip(range(15, 19), ['pre', '24h', '1m', '3m']):
                if tp in a:
                    v = a[tp]
                    vv = lao(v) if mode == 2 else v
                    if ek == 'vas' and tp == '24h' and s['session'] == 1:
                        vv = 12
                        err(srow0, c, vv, 'pain score 12 on a 0-10 scale', p)
                    ws.cell(srow0, c, vv)
                else:
                    if p['died'] and s['day'] + TPDAYS[tp] >= p['death_day']:
                        ws.cell(srow0, c, '†')
                    else:
                        ws.cell(srow0, c, NOT_CAME)
            if srow1 > srow0:
                for c in [8, 9, 15, 16, 17, 18]:
                    ws.merge_cells(start_row=srow0, start_column=c, end_row=srow1, end_column=c)
        prow1 = r - 1
        ws.cell(prow0, 1, p['idx'] + 1)
        ws.cell(prow0, 2, pid(p))
        ws.cell(prow0, 3, names[p['idx']])
        ws.cell(prow0, 4, hns[p['idx']])
        ws.cell(prow0, 5, sex_w[p['sex']])
        agev = lao(p['age']) if mode == 2 else p['age']
        if ek == 'age':
            agev = 207
            err(prow0, 6, agev, 'age 207 years is impossible', p)
        ws.cell(prow0, 6, agev)
        ws.cell(prow0, 7, et_w[p['etiology']])
        if p['fx']:
            ws.cell(prow0, 19, '; '.join('%s (%s)' % (l, dshort(p['d1'] + dt.timedelta(days=d))) for d, l in p['fx']))
        else:
            ws.cell(prow0, 19, 'ບໍ່ມີ')
        if p['died']:
            ws.cell(prow0, 20, 'ເສຍຊີວິດ %s' % dshort(p['d1'] + dt.timedelta(days=p['death_day'])))
        else:
            ws.cell(prow0, 20, 'ມີຊີວິດ')
        if len(p['sessions']) > 1:
            ws.cell(prow0, 21, 'ນັດມາສີດຄັ້ງທີ 2 ທີ່ %s' % p['sessions'][1]['levels'][0])
        if prow1 > prow0:
            for c in [1, 2, 3, 4, 5, 6, 7, 19, 20, 21]:
                ws.merge_cells(start_row=prow0, start_column=c, end_row=prow1, end_column=c)
        for rr in range(prow0, prow1 + 1):
            for c in range(1, 22):
                ws.cell(rr, c).border = bd
                ws.cell(rr, c).alignment = Alignment(vertical='center', horizontal='center' if c not in (3, 14, 21) else 'left')
    ws.cell(r + 1, 1, '† = ເສຍຊີວິດແລ້ວ ; ບໍ່ມາ = ບໍ່ໄດ້ມາກວດຕາມນັດ ; VP = Vertebroplasty, KP = Kyphoplasty')
    widths = [5, 8, 24, 11, 6, 8, 14, 6, 14, 9, 6, 10, 18, 24, 8, 8, 8, 8, 18, 22, 22]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = 'C6'
    lg = wb.create_sheet('ຄຳອະທິບາຍ')
    leg = [('ຄຳ', 'ຄວາມໝາຍ (English)'), ('ຍິງ', 'female'), ('ຊາຍ', 'male'), ('ກະດູກພຸນ', 'osteoporosis'),
           ('ມະເຮັງ', 'tumour / metastasis'), ('ອຸບັດຕິເຫດ', 'trauma'), ('VP', 'vertebroplasty'), ('KP', 'kyphoplasty'),
           ('ບໍ່ມີ', 'none'), ('ຮົ່ວເຂົ້າໝອນຮອງກະດູກ', 'leak into disc'), ('ຮົ່ວເຂົ້າເສັ້ນເລືອດ', 'venous leak'),
           ('ຮົ່ວເຂົ້າ epidural', 'epidural leak'), ('ຮົ່ວອອກຂ້າງກະດູກສັນຫຼັງ', 'paravertebral leak'),
           ('ຮົ່ວເຂົ້າຮູປະສາດ', 'foraminal leak'), ('ບໍ່ມາ', 'did not attend'), ('ມີຊີວິດ', 'alive'),
           ('ເສຍຊີວິດ', 'deceased (date)'), ('ຄັ້ງທີ', 'session number'),
           ('VAS', '0 = ບໍ່ເຈັບ, 10 = ເຈັບທີ່ສຸດ (timepoints counted from that session date)')]
    for i, (a, b) in enumerate(leg, 1):
        lg.cell(i, 1, a)
        lg.cell(i, 2, b)
    lg.column_dimensions['A'].width = 26
    lg.column_dimensions['B'].width = 60
    os.makedirs(outdir, exist_ok=True)
    wb.save(os.path.join(outdir, 'input.xlsx'))
    idents = []
    for p in pts:
        idents.append(['name', names[p['idx']]])
        idents.append(['record_number', hns[p['idx']]])
    write_truth(outdir, pts, pid, errors, idents, cement_mode='per_level')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
