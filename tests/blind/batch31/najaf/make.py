# ---------------------------------------------------------------------------
# Cohort generator (shared logic; this file is self-contained)
# ---------------------------------------------------------------------------
import random, datetime as dt, csv, os
from datetime import date as D, timedelta as TD

HERE = os.path.dirname(os.path.abspath(__file__))
SPINE = (['C%d' % i for i in range(1, 8)] + ['T%d' % i for i in range(1, 13)]
         + ['L%d' % i for i in range(1, 6)] + ['S1'])

TP_WIN = {'pre': (-3, 0), '24h': (1, 1), '1w': (6, 9), '2w': (12, 17), '6w': (40, 46),
          '1m': (27, 35), '3m': (85, 100), '6m': (172, 195), '12m': (352, 385)}
VAS_DROP = {'pre': 0, '24h': 3.3, '1w': 3.9, '2w': 4.1, '6w': 4.4, '1m': 4.4,
            '3m': 4.9, '6m': 5.1, '12m': 5.2}
ODI_DROP = {'pre': 0, '24h': 10, '1w': 14, '2w': 17, '6w': 24, '1m': 22,
            '3m': 28, '6m': 31, '12m': 32}


def gen_cohort(seed, n, start, end, cutoff, tps, reop_ids=(), death_ids=(),
               fx_ids=(), kypho_frac=0.5, etio_w=(60, 22, 12, 6), miss_p=0.1,
               pmma_only=True):
    """Return a list of patient dicts.  reop_ids etc. are 0-based indices."""
    rng = random.Random(seed)
    pts = []
    for i in range(n):
        p = {'idx': i}
        et = rng.choices(['osteoporotic', 'pathologic', 'traumatic', 'other'], weights=etio_w)[0]
        if i in death_ids and (et in ('other', 'traumatic') or rng.random() < 0.6):
            et = 'pathologic'
        if i in reop_ids and et == 'other':
            et = 'osteoporotic'
        p['etiology'] = et
        if et == 'pathologic':
            p['sub'] = rng.choice(['meta_breast', 'meta_prostate', 'meta_lung', 'myeloma', 'myeloma'])
        elif et == 'other':
            p['sub'] = 'haemangioma'
        elif et == 'traumatic':
            p['sub'] = 'trauma'
        else:
            p['sub'] = 'osteoporosis'
        if p['sub'] == 'meta_breast':
            sex = 'female'
        elif p['sub'] == 'meta_prostate':
            sex = 'male'
        else:
            sex = 'female' if rng.random() < (0.75 if et == 'osteoporotic' else 0.45) else 'male'
        p['sex'] = sex
        if et == 'osteoporotic':
            age = rng.randint(63, 89)
        elif et == 'traumatic':
            age = rng.randint(38, 78)
        else:
            age = rng.randint(48, 80)
        p['age'] = age
        op = start + TD(days=rng.randint(0, (end - start).days))
        # birth date consistent with age at first op
        bmin = D(op.year - age - 1, op.month, min(op.day, 28)) + TD(days=1)
        p['dob'] = bmin + TD(days=rng.randint(0, 360))
        assert (op.year - p['dob'].year - ((op.month, op.day) < (p['dob'].month, p['dob'].day))) == age
        p['op_date'] = op
        # levels
        nlev = rng.choices([1, 2, 3], weights=[58, 32, 10])[0]
        if et == 'osteoporotic' or et == 'traumatic':
            centre = rng.choice(['T11', 'T12', 'T12', 'L1', 'L1', 'L2', 'L3', 'T8', 'L4'])
        else:
            centre = rng.choice(['T6', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4'])
        ci = SPINE.index(centre)
        s0 = max(SPINE.index('T4'), min(SPINE.index('L5') - nlev + 1, ci - rng.randint(0, nlev - 1)))
        levels = SPINE[s0:s0 + nlev]
        tech = 'kyphoplasty' if rng.random() < kypho_frac else 'vertebroplasty'
        sess = [make_session(rng, 1, 0, op, levels, tech, pmma_only)]
        p['fractures'] = []
        p['death_day'] = None
        horizon = (cutoff - op).days
        if i in fx_ids or i in reop_ids:
            fday = rng.randint(35, 260)
            lo, hi = SPINE.index(levels[0]), SPINE.index(levels[-1])
            cand = [SPINE[lo - 1], SPINE[hi + 1]] if hi + 1 < SPINE.index('S1') else [SPINE[lo - 1]]
            flev = rng.choice(cand)
            p['fractures'].append((fday, flev))
            if i in reop_ids:
                rday = fday + rng.randint(6, 21)
                t2 = tech if rng.random() < 0.7 else ('kyphoplasty' if tech == 'vertebroplasty' else 'vertebroplasty')
                sess.append(make_session(rng, 2, rday, op + TD(days=rday), [flev], t2, pmma_only))
        p['sessions'] = sess
        if i in death_ids:
            last = sess[-1]['day']
            p['death_day'] = last + rng.randint(50, 330)
        # visits / scores
        p['visits'] = []   # dicts: session, tp, day, date, vas, odi, missed
        reop_day = sess[1]['day'] if len(sess) > 1 else None
        for s in sess:
            pre_vas = rng.uniform(6.6, 9.4)
            pre_odi = rng.uniform(46, 84)
            for tp in tps:
                a, b = TP_WIN[tp]
                vday = s['day'] + rng.randint(a, b)
                if (op + TD(days=vday)) > cutoff:
                    continue
                if p['death_day'] is not None and vday >= p['death_day']:
                    continue
                if s['session'] == 1 and reop_day is not None and vday >= reop_day - 3:
                    continue
                missed = tp not in ('pre', '24h') and rng.random() < miss_p
                vas = pre_vas - VAS_DROP[tp] + rng.uniform(-1.1, 1.1)
                vas = min(10.0, max(0.0, vas))
                odi = pre_odi - ODI_DROP[tp] + rng.uniform(-7, 7)
                odi = min(100.0, max(4.0, odi))
                p['visits'].append({'session': s['session'], 'tp': tp, 'day': vday,
                                    'date': op + TD(days=vday), 'vas': vas, 'odi': odi,
                                    'missed': missed, 'vday': vday})
        pts.append(p)
    return pts


def make_session(rng, sno, day, date, levels, tech, pmma_only):
    vols = []
    for lv in levels:
        base = 2.5 if lv.startswith('T') and SPINE.index(lv) < SPINE.index('T10') else 3.5
        v = base + rng.uniform(0, 2.8) + (0.6 if tech == 'kyphoplasty' else 0)
        vols.append(round(v * 2) / 2)
    leak = []
    for lv in levels:
        r = rng.random()
        if r < 0.78:
            leak.append('none')
        elif r < 0.88:
            leak.append('disc')
        elif r < 0.96:
            leak.append('venous')
        else:
            leak.append('paravertebral')
    if pmma_only:
        cement = 'PMMA'
    else:
        cement = 'PMMA' if rng.random() < 0.8 else 'calcium phosphate'
    return {'session': sno, 'day': day, 'date': date, 'levels': levels, 'technique': tech,
            'vols': vols, 'total': round(sum(vols), 1), 'leak': leak, 'cement': cement}


# ---------------------------------------------------------------------------
# Truth writer
# ---------------------------------------------------------------------------
class Truth:
    def __init__(self):
        self.patients, self.procs, self.assess, self.fx, self.errors, self.ids = [], [], [], [], [], []

    def patient(self, pid, sex, age, etio, died):
        self.patients.append([pid, sex, age, etio, 'yes' if died else 'no'])

    def proc(self, pid, session, day, level, tech, vol, svol, cement, leak):
        f = lambda x: '' if x is None else ('%g' % x)
        self.procs.append([pid, session, day, level, tech, f(vol), f(svol), cement or '', leak or ''])

    def score(self, pid, session, measure, tp, value):
        self.assess.append([pid, session, measure, tp, '%g' % round(value, 2)])

    def fracture(self, pid, day, level):
        self.fx.append([pid, day, level])

    def error(self, sheet, cell, row, header, value, what, pid):
        self.errors.append([sheet, cell, row, header, value, what, pid])

    def ident(self, kind, value):
        if [kind, str(value)] not in self.ids:
            self.ids.append([kind, str(value)])

    def write(self):
        d = os.path.join(HERE, 'truth')
        os.makedirs(d, exist_ok=True)
        spec = [('patients.csv', 'patient_id,sex,age_years,etiology,died', self.patients),
                ('procedures.csv', 'patient_id,session,day,level,technique,cement_volume_ml,session_cement_volume_ml,cement_type,leakage', self.procs),
                ('assessments.csv', 'patient_id,session,measure,timepoint,value', self.assess),
                ('fractures.csv', 'patient_id,day,level', self.fx),
                ('errors.csv', 'sheet,cell,row,column_header,value,what_is_wrong,patient_id', self.errors),
                ('identifiers.csv', 'kind,value', self.ids)]
        for fn, hdr, rows in spec:
            with open(os.path.join(d, fn), 'w', newline='', encoding='utf-8') as fh:
                w = csv.writer(fh, lineterminator='\n')
                w.writerow(hdr.split(','))
                for r in rows:
                    w.writerow(r)


def col_letter(ci):  # 1-based
    s = ''
    while ci:
        ci, r = divmod(ci - 1, 26)
        s = chr(65 + r) + s
    return s
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# Najaf: Arabic right-to-left sheet, one row per operation
# ---------------------------------------------------------------------------
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment, Border, Side
from openpyxl.worksheet.views import SheetView

TPS = ['pre', '24h', '2w', '3m', '6m', '12m']
pts = gen_cohort(3103, 16, D(2021, 3, 1), D(2023, 3, 31), D(2024, 2, 29), TPS,
                 reop_ids=(2, 11), death_ids=(5, 9, 14), fx_ids=(7, 12),
                 kypho_frac=0.3, etio_w=(45, 28, 22, 5), miss_p=0.18)
rng = random.Random(31031)
T = Truth()
EAST = str.maketrans('0123456789.', '٠١٢٣٤٥٦٧٨٩٫')


def ea(x):
    return str(x).translate(EAST)


def num(x):
    return '%g' % x


def adate(d):
    return d.strftime('%d/%m/%Y')


NAMES_F = ['زينب عبد الأمير جاسم', 'فاطمة محمد حسن', 'كريمة جبار عبيد', 'رحيمة كاظم عودة',
           'سعاد عبد الرضا موسى', 'أمل جواد كاظم', 'نجاة حميد عبد', 'جميلة عبد الزهرة علي',
           'صبيحة مهدي صالح', 'خديجة سلمان داود', 'مريم عبد الكريم عباس']
NAMES_M = ['علي حسين كاظم', 'حسن عباس مهدي', 'عبد الحسين هادي ناصر', 'محمد جاسم حمزة',
           'كاظم عبيد شاكر', 'هاشم محسن جواد', 'جبار عليوي حسين', 'رزاق عبد علي حمود']
DIAG = {'osteoporosis': ['كسر هشاشة العظام', 'هشاشة عظام - كسر انضغاطي'],
        'meta_breast': ['ورم ثانوي - سرطان الثدي'], 'meta_prostate': ['ورم ثانوي - سرطان البروستات'],
        'meta_lung': ['ورم ثانوي - سرطان الرئة'], 'myeloma': ['ورم نقوي متعدد (مايلوما)'],
        'trauma': ['كسر رضي - حادث سير', 'كسر رضي - سقوط من مرتفع'],
        'haemangioma': ['ورم وعائي في الفقرة (هيمانجيوما)']}
LEAK_AR = {'disc': 'إلى القرص', 'venous': 'وريدي', 'paravertebral': 'حول الفقرة (الأنسجة الرخوة)'}
TP_HDR = {'pre': 'الألم قبل العملية', '24h': 'الألم بعد ٢٤ ساعة', '2w': 'الألم بعد أسبوعين',
          '3m': 'الألم بعد ٣ أشهر', '6m': 'الألم بعد ٦ أشهر', '12m': 'الألم بعد سنة'}
EAST_COLS = {'pre', '24h'}   # written on the ward in Arabic-Indic digits

HEAD = ['ت', 'رمز المريض', 'الاسم الثلاثي', 'رقم الهاتف', 'الجنس', 'العمر', 'التشخيص', 'العملية',
        'تاريخ العملية', 'الفقرات', 'نوع العملية', 'كمية الإسمنت (مل)', 'نوع الإسمنت', 'تسرب الإسمنت']
HEAD += [TP_HDR[t] for t in TPS]
HEAD += ['مؤشر أوزويستري قبل العملية %', 'مؤشر أوزويستري بعد ٣ أشهر %', 'كسر جديد', 'الحالة', 'ملاحظات']
C = {h: i + 1 for i, h in enumerate(HEAD)}

wb = Workbook()
ws = wb.active
ws.title = 'سجل المرضى'
ws.sheet_view.rightToLeft = True
ws['A1'] = 'مدينة الصدر الطبية - النجف الأشرف / وحدة جراحة العمود الفقري'
ws['A1'].font = Font(bold=True, size=13)
ws['A2'] = 'سجل عمليات حقن الإسمنت في الفقرات (رأب الفقرة / رأب الحدبة بالبالون) للفترة ٢٠٢١ - ٢٠٢٣'
ws['A2'].font = Font(bold=True)
ws.merge_cells('A1:J1'); ws.merge_cells('A2:J2')
HR = 4
thin = Side(style='thin', color='7F7F7F')
box = Border(left=thin, right=thin, top=thin, bottom=thin)
for h, ci in C.items():
    c = ws.cell(HR, ci, h)
    c.font = Font(bold=True); c.fill = PatternFill('solid', fgColor='C6E0B4')
    c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center'); c.border = box
ws.row_dimensions[HR].height = 45

cand = [p for p in pts if len(p['sessions']) == 1 and p['death_day'] is None
        and sum(1 for v in p['visits'] if not v['missed']) >= 4]
cand1 = [p for p in cand if len(p['sessions'][0]['levels']) == 1]
e_vol = cand1[0]['idx']
rest = [p['idx'] for p in cand if p['idx'] != e_vol]
# level error on a patient whose level is T12 if possible
e_lvl = next((i for i in rest if 'T12' in pts[i]['sessions'][0]['levels']), rest[0])
rest = [i for i in rest if i != e_lvl]
e_date = next(i for i in rest if pts[i]['op_date'].day > 12)
rest = [i for i in rest if i != e_date]
e_vas = rest[0]

r = HR + 1
serial = 0
fi = mi = 0
for p in pts:
    pid = 'NJ-%02d' % (p['idx'] + 1)
    if p['sex'] == 'female':
        name = NAMES_F[fi]; fi += 1
    else:
        name = NAMES_M[mi]; mi += 1
    phone = '07%s%d %s %s' % (rng.choice(['8', '7', '5']), rng.randint(0, 9), '%03d' % rng.randint(100, 999), '%04d' % rng.randint(0, 9999))
    T.ident('name', name); T.ident('phone', phone)
    died = p['death_day'] is not None
    T.patient(pid, p['sex'], p['age'], p['etiology'], died)
    diag = rng.choice(DIAG[p['sub']])
    for s in p['sessions']:
        n = s['session']
        serial += 1

        def put(h, v, fmt=None):
            c = ws.cell(r, C[h], v)
            if fmt:
                c.number_format = fmt
            return c
        put('ت', ea(serial))
        put('رمز المريض', pid)
        put('الاسم الثلاثي', name)
        if n == 1:
            put('رقم الهاتف', phone)
            put('الجنس', 'أنثى' if p['sex'] == 'female' else 'ذكر')
            put('العمر', ea(p['age']))
            put('التشخيص', diag)
            put('العملية', 'أولى')
        else:
            put('رقم الهاتف', '=')
            put('الجنس', '=')
            put('التشخيص', '=')
            put('العملية', 'ثانية (إعادة)')
        if p['idx'] == e_date and n == 1:
            bad = s['date'].strftime('%m/%d/%Y')   # typed month-first
            put('تاريخ العملية', ea(bad))
            T.error(ws.title, '%s%d' % (col_letter(C['تاريخ العملية']), r), r, 'تاريخ العملية', ea(bad),
                    'Impossible operation date %s (month > 12: day and month swapped); true date %s' % (bad, adate(s['date'])), pid)
        else:
            put('تاريخ العملية', ea(adate(s['date'])))
        lv = ' - '.join(s['levels'])
        if p['idx'] == e_lvl:
            bad = lv.replace('T12', 'L12') if 'T12' in lv else 'L12'
            put('الفقرات', bad)
            T.error(ws.title, '%s%d' % (col_letter(C['الفقرات']), r), r, 'الفقرات', bad,
                    'Impossible level L12 (only L1-L5 exist; T12 meant); true levels %s' % lv, pid)
        else:
            put('الفقرات', lv)
        put('نوع العملية', 'رأب الفقرة' if s['technique'] == 'vertebroplasty' else 'رأب الحدبة بالبالون')
        if len(s['levels']) == 1:
            v = s['vols'][0] * (10 if p['idx'] == e_vol else 1)
            put('كمية الإسمنت (مل)', ea(num(v)))
            if p['idx'] == e_vol:
                T.error(ws.title, '%s%d' % (col_letter(C['كمية الإسمنت (مل)']), r), r, 'كمية الإسمنت (مل)', ea(num(v)),
                        '%s ml of cement in one vertebra is impossible (decimal separator lost); should be %s' % (num(v), num(s['vols'][0])), pid)
        else:
            put('كمية الإسمنت (مل)', ' / '.join('%s: %s' % (l, ea(num(v))) for l, v in zip(s['levels'], s['vols'])))
        ctype = 'PMMA' if rng.random() < 0.75 else ''
        put('نوع الإسمنت', ctype)
        bits = [(l, k) for l, k in zip(s['levels'], s['leak']) if k != 'none']
        if not bits:
            put('تسرب الإسمنت', 'لا')
        elif len(s['levels']) == 1:
            put('تسرب الإسمنت', 'نعم - ' + LEAK_AR[bits[0][1]])
        else:
            put('تسرب الإسمنت', 'نعم - ' + '، '.join('%s (%s)' % (LEAK_AR[k], l) for l, k in bits))
        for l, v, k in zip(s['levels'], s['vols'], s['leak']):
            T.proc(pid, n, s['day'], l, s['technique'], v, None, ctype, k)
        # scores
        for v in p['visits']:
            if v['session'] != n:
                continue
            h = TP_HDR[v['tp']]
            if v['missed']:
                put(h, 'لم يراجع')
                continue
            vas = round(v['vas'] * 2) / 2 if v['tp'] in EAST_COLS else round(v['vas'])
            if p['idx'] == e_vas and v['tp'] == 'pre':
                put(h, ea('85'))
                T.error(ws.title, '%s%d' % (col_letter(C[h]), r), r, h, ea('85'),
                        'Pre-operative pain 85 is outside the 0-10 scale (written as if 0-100); true value %g' % vas, pid)
            elif v['tp'] in EAST_COLS:
                put(h, ea(num(vas)))
            else:
                put(h, int(vas))
            T.score(pid, n, 'pain_vas', v['tp'], vas)
            if v['tp'] in ('pre', '3m'):
                odi = 2 * int(round(v['odi'] / 2))
                put('مؤشر أوزويستري قبل العملية %' if v['tp'] == 'pre' else 'مؤشر أوزويستري بعد ٣ أشهر %', odi)
                T.score(pid, n, 'odi', v['tp'], odi)
        # visits after death marked
        if died and n == len(p['sessions']):
            for tp in TPS:
                a, b = TP_WIN[tp]
                due = s['day'] + (a + b) // 2
                if due >= p['death_day'] and (p['op_date'] + TD(days=due)) <= D(2024, 2, 29):
                    put(TP_HDR[tp], 'متوفى')
            dd = p['op_date'] + TD(days=p['death_day'])
            put('الحالة', 'متوفى ' + (ea(adate(dd)) if rng.random() < 0.5 else adate(dd)))
            for ci in range(1, len(HEAD) + 1):
                ws.cell(r, ci).fill = PatternFill('solid', fgColor='F2DCDB')
        elif n == len(p['sessions']):
            put('الحالة', 'حي')
        else:
            put('الحالة', 'حي')
        if n == 1 and p['fractures']:
            fday, flev = p['fractures'][0]
            put('كسر جديد', 'نعم - %s (رنين %s)' % (flev, ea(adate(p['op_date'] + TD(days=fday)))))
            T.fracture(pid, fday, flev)
        elif n == 1:
            put('كسر جديد', 'لا')
        notes = []
        if n == 2:
            notes.append('إعادة بسبب كسر جديد في %s' % s['levels'][0])
        if p['etiology'] == 'pathologic' and n == 1:
            notes.append(rng.choice(['أخذت خزعة', 'محال إلى الأورام', 'علاج شعاعي بعد العملية']))
        if notes:
            put('ملاحظات', '، '.join(notes))
        for ci in range(1, len(HEAD) + 1):
            ws.cell(r, ci).border = box
            ws.cell(r, ci).alignment = Alignment(horizontal='center')
        r += 1

ws.cell(r + 1, 1, 'ملاحظة: الألم حسب مقياس VAS من ٠ إلى ١٠. لم يراجع = لم يحضر للمتابعة. الخانة الفارغة = لم يحن موعد المتابعة بعد.')
ws.cell(r + 2, 1, 'آخر تحديث: ٢٩/٠٢/٢٠٢٤ - د. المقيم')
widths = {'الاسم الثلاثي': 22, 'التشخيص': 26, 'تسرب الإسمنت': 24, 'كسر جديد': 24, 'الحالة': 16,
          'ملاحظات': 26, 'كمية الإسمنت (مل)': 18, 'تاريخ العملية': 12, 'رقم الهاتف': 15, 'نوع العملية': 16}
for h, ci in C.items():
    ws.column_dimensions[col_letter(ci)].width = widths.get(h, 10)
ws.freeze_panes = 'D5'
wb.save(os.path.join(HERE, 'input.xlsx'))
T.write()
