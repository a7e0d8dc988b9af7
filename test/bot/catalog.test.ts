import type { Catalog, CheckResult, Stats } from '../../src/bot/catalog';
import { catalog, LANGS } from '../../src/bot/catalog';
import { en } from '../../src/bot/catalog-en';
import { es } from '../../src/bot/catalog-es';
import { CATEGORIES } from '../../src/bot/report-dialogue';
import { gsm7Length, smsSegments } from '../../src/bot/sms-segments';
import { inTimeZone } from '../helpers/time-zone';
import type { ReplyArgs } from './catalog-replies';
import { ENDS, everyReply } from './catalog-replies';

// Worst cases a real line meets: a member in a whole region plus more, the longest reference, long texts in
// plain ASCII, in accented Spanish (which forces UCS-2) and with emoji.
const AREAS = ['212', '332', '347', '415', '628', '646', '718', '917', '929'];
const REF = '#ABC234';
const LONG_ASCII = 'Grey van, tall white guy, said his name was Rick, number 415-555-0187. Refused to pay and grabbed my arm. '.repeat(16).slice(0, 1600);
const LONG_SPANISH = 'Él me golpeó, no pagó y se llevó mi teléfono. Camioneta gris, número 415-555-0187. Cuídense mucho, chicas. '.repeat(16).slice(0, 1600);
const LONG_EMOJI = '🚩🚩 DO NOT SEE 🚩🚩 grey van, 415-555-0187, aggressive 😡 '.repeat(30).slice(0, 1600);
const TEXTS = [LONG_ASCII, LONG_SPANISH, LONG_EMOJI];
// The longest list a reply shows of a line's own areas (codes of up to 8 letters or digits).
const OWN_AREAS = Array.from({ length: 12 }, (_, i) => `AREA${1000 + i}`);
const CHECK: CheckResult = {
  count: 12,
  latest: new Date('2024-12-31T23:00:00Z'),
  areas: AREAS,
  kind: 'handle',
  byCategory: { violence: 3, 'sexual-assault': 2, robbery: 2, threats: 1, 'time-waster': 3, other: 1, none: 2 },
};
const ALL_CATEGORIES = [...CATEGORIES];
const MATCHES = { alerts: ['ABC234', 'XYZ987', 'QWE456', 'RTY789', 'UIO123', 'PAS456'], alertCount: 9, pending: ['ZXC234', 'VBN456'] };
const STATS: Stats = {
  membersByArea: ['212', '213', '305', '310', '312', '323', '332', '347', '415', '628', '646', '718'].map((npa) => ({ npa, members: 12345 })),
  pendingReports: 1234,
  alertsIssued: 123456,
  alertsRetracted: 1234,
  pendingMembers: 1234,
  moreAreas: 1234,
  people: 123456,
};
const PENDING = [
  ...Array.from({ length: 10 }, (_, i) => ({ ref: `#ABC23${i}`, areas: AREAS.slice(0, 3), kind: 'report' as const })),
  ...Array.from({ length: 10 }, (_, i) => ({ ref: `#XYZ23${i}`, areas: AREAS.slice(0, 3), kind: 'member' as const })),
];

// Check-ins (issue 13): escalations carry the member's details whole, in at most three segments.
const NAME = 'Rose-Marie Anastasia Wellingto'.slice(0, 30);
const DETAILS = LONG_ASCII.slice(0, 200);
const THREE_SEGMENTS = new Set(['checkinEscalation', 'discreetBuddyEscalation', 'checkinEscalationModerators']);

/** The worst-case arguments (several variants where an argument is free text). */
const WORST: ReplyArgs = {
  areas: AREAS,
  ownAreas: OWN_AREAS,
  ref: REF,
  texts: TEXTS,
  tooLongReports: TEXTS,
  longText: LONG_ASCII,
  check: CHECK,
  // Five identifiers of the longest a reply names (40 characters).
  checkNamed: Array.from({ length: 5 }, (_, i) => `${i}`.repeat(40)),
  categories: ALL_CATEGORIES,
  matches: MATCHES,
  stats: STATS,
  pending: PENDING,
  showNote: 'x'.repeat(300),
  approveUnread: { text: 'x'.repeat(400), segments: 3 },
  // The longest name a BUDDY keeps, the longest details a CHECKIN takes.
  name: NAME,
  details: DETAILS,
  buddiesWaiting: 12,
  ends: ENDS,
};

/** Every reply of a catalogue, with the worst-case arguments. */
const replies = (t: Catalog): Record<keyof Catalog, string[]> => everyReply(t, WORST);

describe('the reply catalogues', () => {
  it('speak at least English, Spanish, French and Portuguese', () => {
    expect(LANGS).toEqual(expect.arrayContaining(['en', 'es', 'fr', 'pt']));
  });

  it.each(LANGS.filter((lang) => lang !== 'en'))('have every English reply in %s, and no other', (lang) => {
    expect(Object.keys(catalog(lang)).sort()).toEqual(Object.keys(en).sort());
    for (const name of Object.keys(en)) expect(typeof (catalog(lang) as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('test every reply of the catalogue interface with worst-case arguments', () => {
    expect(Object.keys(replies(en)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each([
    ['en', 'Left out to fit: When, Where, 5 categories, 12 contacts.'],
    ['es', '5 categorias, 12 contactos.'],
    ['fr', '5 catégories, 12 contacts.'],
    ['pt', '5 categorias, 12 contatos.'],
  ] as const)('tell the moderators (%s) how many categories the alert left out to fit', (lang, line) => {
    const t = catalog(lang);
    const leftOut = { fields: ['when', 'where'] as const, shortened: [], categories: 5, contacts: 12 };
    const notice = t.modReportNotice({ ref: REF, categories: ALL_CATEGORIES, areas: AREAS, alert: t.alert(AREAS, 'grey van'), segments: 3, matches: MATCHES, leftOut: { ...leftOut, fields: [...leftOut.fields] } });
    expect(notice).toContain(line);
  });

  it('are what catalog() returns for each language', () => {
    expect(catalog('en')).toBe(en);
    expect(catalog('es')).toBe(es);
  });

  for (const [lang, t] of LANGS.map((l) => [l, catalog(l)] as const)) {
    describe(lang, () => {
      it.each(Object.entries(replies(t)))('fits %s in at most two SMS segments with worst-case arguments', (_name, texts) => {
        for (const text of texts) expect(text.length).toBeGreaterThan(0);
        const preview = _name === 'modNotice' || _name === 'modShow' || _name === 'modShowTooLong' || _name === 'modReportNotice' || _name === 'modEditedNotice' || _name === 'modApproveUnread';
        expect(texts.filter((text) => smsSegments(text) > (preview ? 11 : THREE_SEGMENTS.has(_name) ? 3 : 2))).toEqual([]);
      });

      it('answers a retried APPROVE in one SMS segment', () => {
        expect(smsSegments(t.modApproveRetried(REF))).toBe(1);
      });

      it('fits a CHECK naming the most matches, and the others not checked, in three SMS segments', () => {
        const named = Array.from({ length: 5 }, (_, i) => `${i}`.repeat(40));
        expect(smsSegments(`${t.checkFoundAmong(CHECK, named)} ${t.checkUnchecked(4, true)}`)).toBeLessThanOrEqual(3);
      });

      it('writes every reply that quotes no member text in GSM-7, so it is not billed as UCS-2', () => {
        const quoting = new Set(['unknownArea', 'unknownAreaNamed', 'modNotice', 'modNoticeTooLong', 'modShowTooLong', 'modNoSuchRef', 'reportReview', 'modReportNotice', 'modAlertQueued']);
        const fixed = Object.entries(replies(t)).filter(([name]) => !quoting.has(name)).flatMap(([, texts]) => texts);
        expect(fixed.filter((text) => gsm7Length(text) === null)).toEqual([]);
      });

      it('gives an alert a frame of less than one segment around the report', () => {
        expect(smsSegments(t.alert(AREAS, ''))).toBe(1);
        expect(t.alert(['415'], 'grey van')).toContain('grey van');
      });

      it('frames an unread alert in READ with no more than its alert frame', () => {
        const day = new Date('2024-12-31T12:00:00Z');
        expect(t.readItem(AREAS, '', day).length).toBeLessThanOrEqual(t.alert(AREAS, '').length);
        expect(t.readItem(['415'], 'grey van', day)).toContain('grey van');
        expect(t.readItem(['415'], 'grey van', day)).toContain('2024-12-31');
      });

      it('lists the pending items given, and says how many more wait and which PENDING shows them', () => {
        const list = t.modPending(PENDING.slice(0, 3), 17, 2);
        expect(list.match(/#[A-Z0-9]{6}/g)).toEqual(['#ABC230', '#ABC231', '#ABC232']);
        expect(list).toMatch(/ \+17 [^:]+: PENDING 2$/);
        expect(t.modPending(PENDING.slice(0, 2))).not.toContain('+');
      });

      it('says how many areas STATS leaves out, and says nothing of it when none', () => {
        expect(t.modStats(STATS)).toContain('718:12345 +1234 ');
        expect(t.modStats({ ...STATS, moreAreas: 0 })).not.toContain('+');
      });

      it('says how many retracted alerts STATS leaves out, and says nothing of it when none', () => {
        expect(t.modStats(STATS)).toContain(' 1234 ');
        expect(t.modStats({ ...STATS, moreAreas: 0, alertsRetracted: 0 })).not.toMatch(/\(/);
      });

      it('tells the moderator the reference, how to approve, and the whole alert it would send', () => {
        const alert = t.alert(AREAS, LONG_ASCII.slice(0, 380));
        const notice = t.modNotice(REF, alert, 3);
        expect(notice).toContain(REF);
        expect(notice).toContain('APPROVE ABC234');
        expect(notice).toContain('REJECT ABC234');
        expect(notice).toContain(alert);
        expect(t.modShow(REF, alert, 3)).toContain(alert);
      });

      it('tells the other moderators of an EDIT the whole alert APPROVE now sends, or that it is too long', () => {
        const alert = t.alert(AREAS, LONG_ASCII.slice(0, 380));
        const notice = t.modEditedNotice(REF, alert, 3);
        expect(notice).toContain(alert);
        expect(notice).toContain('APPROVE ABC234');
        expect(smsSegments(notice)).toBeLessThanOrEqual(smsSegments(alert) + 1);
        expect(t.modEditedNotice(REF, null, 24)).toContain('EDIT ABC234');
        expect(t.modEditedNotice(REF, null, 24)).not.toContain('APPROVE');
      });

      it('tells the moderator of a report too long for an alert how to fix it, within two segments', () => {
        for (const text of TEXTS) {
          const notice = t.modNoticeTooLong(REF, AREAS, 24, text);
          expect(notice).toContain('EDIT ABC234');
          expect(notice).toContain(text.slice(0, 12));
        }
      });

      it('shows a long report whole, numbering its parts when it takes several messages', () => {
        expect(t.modShowTooLong(REF, 5, LONG_ASCII.slice(0, 900), 1)).toContain(LONG_ASCII.slice(0, 900));
        expect(t.modShowTooLong(REF, 5, 'grey van', 2)).toContain('(1/2): grey van');
        expect(t.modShowMore(REF, 2, 2, 'grey van')).toContain('(2/2): grey van');
      });
    });
  }

  describe('dates members read, on a line in America/Los_Angeles (TZ)', () => {
    inTimeZone('America/Los_Angeles');
    // 19:00 on 31 December there, already 1 January in UTC: the day is the line's, as check-in times are.
    const EVENING = new Date('2027-01-01T03:00:00Z');

    it.each(LANGS)('date an alert READ shows on the local day (%s)', (lang) => {
      expect(catalog(lang).readItem(['415'], 'grey van', EVENING)).toContain('2026-12-31');
    });

    it.each(LANGS)('date the latest alert CHECK names on the local day (%s)', (lang) => {
      expect(catalog(lang).checkFound({ count: 1, latest: EVENING, areas: ['415'] })).toContain('2026-12-31');
    });
  });

  describe("a check-in's end", () => {
    it.each([
      ['en', '21:30 on Wed 2'],
      ['es', '21:30 del miercoles 2'],
      ['fr', '21:30 le mercredi 2'],
      ['pt', '21:30 de quarta, dia 2'],
    ] as const)('names its day, briefly, when it is not today (%s)', (lang, text) => {
      expect(catalog(lang).checkinEnd({ time: '21:30', day: { weekday: 3, date: 2 } })).toBe(text);
      expect(catalog(lang).checkinEnd({ time: '21:30', day: null })).toBe('21:30');
    });
  });

  describe('the end of a READ answer in French', () => {
    it('agrees with the alerts it counts (une alerte: feminine), in the singular and the plural', () => {
      const fr = catalog('fr');
      expect(fr.readMore(1)).toBe('+1 alerte plus ancienne: écrivez LIRE à nouveau.');
      expect(fr.readMore(3)).toBe('+3 alertes plus anciennes: écrivez LIRE à nouveau.');
    });
  });

  describe('the JOIN reply', () => {
    it.each([
      ['en', en.joined(['415']), /STOP/, /HELP/],
      ['es', es.joined(['415']), /ALTO/, /AYUDA/],
      ['en (admitted after approval)', en.admitted(['415']), /STOP/, /HELP/],
      ['es (admitted after approval)', es.admitted(['415']), /ALTO/, /AYUDA/],
    ])('names the programme, the areas, how to stop and how to get help in %s', (_lang, text, stop, help) => {
      expect(text).toContain('Heads Up');
      expect(text).toContain('415');
      expect(text).toMatch(stop);
      expect(text).toMatch(help);
    });

    it.each([['en', en], ['es', es]] as const)('says how to stop while a join waits for a moderator (%s)', (_lang, t) => {
      expect(t.joinPending(['415'])).toMatch(/Heads Up.*415.*(STOP|ALTO)/);
    });

    it.each([
      ['fr', /STOP/, /AIDE/],
      ['pt', /PARAR/, /AJUDA/],
    ] as const)('names the programme, the areas, how to stop and how to get help in %s', (lang, stop, help) => {
      for (const text of [catalog(lang).joined(['415']), catalog(lang).admitted(['415']), catalog(lang).joinPending(['415'])]) {
        expect(text).toContain('Heads Up');
        expect(text).toContain('415');
        expect(text).toMatch(stop);
      }
      expect(catalog(lang).joined(['415'])).toMatch(help);
    });
  });

  describe('the notice that her escalation reached no one, once she has started another check-in', () => {
    it.each(LANGS)('asks for no OK, which would end the new one too, and says it still runs (%s)', (lang) => {
      const t = catalog(lang);
      const running = [t.checkinBuddiesUnreached(1, true, true), t.checkinBuddiesUnreachedModeratorsTold(2, false, true), t.checkinModeratorsUnreached(true, true), t.checkinNoOneReached(1, false, true)];
      const usual = [t.checkinBuddiesUnreached(1, true), t.checkinBuddiesUnreachedModeratorsTold(2, false), t.checkinModeratorsUnreached(true), t.checkinNoOneReached(1, false)];
      for (const text of running) expect(text).not.toMatch(/\bOK\b/);
      for (const text of usual) expect(text).toMatch(/\bOK\b/);
      // The same words but the last sentence: she still learns who was not reached.
      const stem = (text: string) => text.slice(0, text.lastIndexOf('. ') + 1);
      expect(running.map(stem)).toEqual(usual.map(stem));
    });
  });

  describe("STOP's, DELETE's and DISCREET's replies", () => {
    it.each(LANGS)('stays one GSM-7 segment on either channel, a check-in ended or not, and names the other channel (%s)', (lang) => {
      const t = catalog(lang);
      for (const [via, other] of [['sms', 'Signal'], ['signal', 'SMS']] as const) {
        for (const ended of [false, true]) {
          const r = t.stopped(via, ended);
          expect({ via, ended, segments: smsSegments(r), gsm7: gsm7Length(r) !== null, other: r.includes(other) }).toEqual({ via, ended, segments: 1, gsm7: true, other: true });
        }
      }
    });

    it.each(LANGS)("DISCREET's, on or off, stays one GSM-7 segment on either channel and names the other channel (%s)", (lang) => {
      const t = catalog(lang);
      for (const [via, other] of [['sms', 'Signal'], ['signal', 'SMS']] as const) {
        for (const r of [t.discreetOn(via), t.discreetOff(via)]) {
          expect({ via, segments: smsSegments(r), gsm7: gsm7Length(r) !== null, other: r.includes(other) }).toEqual({ via, segments: 1, gsm7: true, other: true });
        }
      }
    });

    it.each(LANGS)("DECLINE's, declined or asked by no one there, stays one GSM-7 segment on either channel and names the other channel (%s)", (lang) => {
      const t = catalog(lang);
      for (const [via, other] of [['sms', 'Signal'], ['signal', 'SMS']] as const) {
        for (const r of [t.buddyDeclined(via), t.buddyNotAskedHere(via)]) {
          expect({ via, segments: smsSegments(r), gsm7: gsm7Length(r) !== null, other: r.includes(other) }).toEqual({ via, segments: 1, gsm7: true, other: true });
        }
      }
    });

    it.each(LANGS)("ACCEPT's to one asked by no one there stays one GSM-7 segment on either channel and names the other channel (%s)", (lang) => {
      const t = catalog(lang);
      for (const [via, other] of [['sms', 'Signal'], ['signal', 'SMS']] as const) {
        const r = t.buddyNoInviteHere(via);
        expect({ via, segments: smsSegments(r), gsm7: gsm7Length(r) !== null, other: r.includes(other) }).toEqual({ via, segments: 1, gsm7: true, other: true });
      }
    });

    it.each(LANGS)("DELETE's stays one GSM-7 segment on either channel and names the other channel (%s)", (lang) => {
      const t = catalog(lang);
      for (const [via, other] of [['sms', 'Signal'], ['signal', 'SMS']] as const) {
        const r = t.deleted(via);
        expect({ via, segments: smsSegments(r), gsm7: gsm7Length(r) !== null, other: r.includes(other) }).toEqual({ via, segments: 1, gsm7: true, other: true });
      }
    });
  });

  describe('the guided report (issue 11)', () => {
    it.each(LANGS)('asks each question in one GSM-7 segment (%s)', (lang) => {
      const t = catalog(lang);
      for (const step of ['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other'] as const) {
        const q = t.reportAsk(step);
        expect({ step, segments: smsSegments(q), gsm7: gsm7Length(q) !== null }).toEqual({ step, segments: 1, gsm7: true });
      }
      // On a line of its own areas, "where" gives one of them (up to 8 letters) for its example.
      const where = t.reportAsk('where', 'AREA1000');
      expect({ segments: smsSegments(where), gsm7: gsm7Length(where) !== null, example: where.includes('AREA1000'), nanp: where.includes('415') }).toEqual({
        segments: 1,
        gsm7: true,
        example: true,
        nanp: false,
      });
    });

    it.each(LANGS)('offers all nine categories, numbered in order (%s)', (lang) => {
      const t = catalog(lang);
      const q = t.reportAsk('what');
      for (let i = 1; i <= 9; i++) expect(q).toMatch(new RegExp(`\\b${i} \\S`));
      expect(t.categoryNames(['violence', 'time-waster'])).not.toBe(t.categoryNames(['violence']));
    });

    it.each([['en', en], ['es', es]] as const)('counts CHECK results by category, danger named apart from time-wasters (%s)', (_lang, t) => {
      const text = t.checkFound({ ...CHECK, byCategory: { violence: 2, 'time-waster': 1 } });
      expect(text).toMatch(/2 \S+.*1 \S+/);
      expect(t.checkFound({ ...CHECK, byCategory: { violence: 2, 'time-waster': 1 } })).not.toBe(t.checkFound({ ...CHECK, byCategory: { violence: 3 } }));
    });

    it.each([['en', en], ['es', es]] as const)('reads the report back with how to send, change or drop it, within two segments (%s)', (_lang, t) => {
      for (const text of TEXTS) {
        const review = t.reportReview(['415'], text);
        expect(smsSegments(review)).toBeLessThanOrEqual(2);
        expect(review).toMatch(/(DONE|ENVIAR).*(BACK|ATRAS).*(DROP|DESCARTAR)/);
      }
    });

    it.each([['en', en], ['es', es]] as const)('never says "safe" of no record (%s)', (_lang, t) => {
      expect(t.checkNone()).toMatch(/(doesn't mean safe|no quiere decir seguro)/);
    });
  });
});
