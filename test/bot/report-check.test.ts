/**
 * What CHECK finds once a report is approved, whichever way the report and
 * the CHECK wrote the same client: through the bot over a real SQLite file
 * and real crypto, a moderator approving, a member checking.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import { findProjectDir } from '../../src/store/find-up';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');

function refIn(text: string | null | undefined): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

/** A guided report with only what happened and how they made contact, approved. */
function approvedGuided(w: BotWorld, contact: string): void {
  let reply: string | null = null;
  for (const answer of ['REPORT 415', '1', 'SKIP', 'SKIP', 'SKIP', 'SKIP', contact, 'DONE']) reply = w.sms(REPORTER, answer).reply;
  const ref = refIn(reply);
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
}

const check = (w: BotWorld, query: string) => w.sms(MEMBER, `CHECK ${query}`).reply;

describe('CHECK after a guided report is approved', () => {
  it.each([
    ['a site with no path', 'his site https://www.rosegarden.com', 'https://rosegarden.com/'],
    ['a link whose domain is not a usual one', 'ad at https://rose.escort/profile/22', 'https://www.rose.escort/profile/22/'],
  ])('finds the contact link when it is %s', async (_what, contact, query) => {
    const w = await world();
    approvedGuided(w, contact);
    expect(check(w, query)).toMatch(/^Heads Up: that link is in 1 alert \(1 violence\)/);
  });

  it('finds a plate named in the contact answer', async () => {
    const w = await world();
    approvedGuided(w, 'picked me up, plate CA 7ABC123');
    expect(check(w, '7ABC-123')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(check(w, '7ABC124')).toBe(t.checkNone());
  });
});

/** A one-message report, approved. */
function approved(w: BotWorld, text: string): void {
  const ref = refIn(w.sms(REPORTER, `REPORT 415 ${text}`).reply);
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
}

describe('CHECK of a number the report wrote in groups right after its area', () => {
  it.each([
    ['plain', '628 555 0177 choked me'],
    ['with its area code in brackets', '(628) 555 0177 choked me'],
  ])('finds it (%s): the groups are not read as areas', async (_what, text) => {
    const w = await world();
    approved(w, text);
    expect(check(w, '+16285550177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});

describe('a report or alert that starts with the client\'s number in its usual formats', () => {
  it.each([['(628) 555-0177 choked me, grey van'], ['628 555-0177 choked me, grey van'], ['415 (628) 555-0177 choked me, grey van']])(
    'REPORT %s: CHECK finds the number once approved (its area code is not an area)',
    async (text) => {
      const w = await world();
      const ref = refIn(w.sms(REPORTER, `REPORT ${text}`).reply);
      expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
      expect(check(w, '+16285550177')).toMatch(/^Heads Up: that number is in 1 alert/);
      expect(check(w, '628-555-0177')).toMatch(/^Heads Up: that number is in 1 alert/);
    },
  );

  it('goes to the reporter\'s areas, not to the area code of the number', async () => {
    const w = await world();
    const ref = refIn(w.sms(REPORTER, 'REPORT (212) 555-0177 choked me, grey van').reply);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
  });

  it('ALERT 415 (628) 555-0188 …: the number stays in the text and in screening', async () => {
    const w = await world();
    expect(w.sms(MOD, 'ALERT 415 (628) 555-0188 choked a worker, grey van').reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to 415\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "[^"]*"$/);
    expect(check(w, '(628) 555-0188')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('REPORT 020 7946 0958 … on a UK line is filed, not refused as an unknown area "020"', async () => {
    const regions = Regions.forLine(path.join(findProjectDir('config'), 'areas.uk.example.json'), 'GB');
    const w = await botWorld({ regions });
    w.sms('+442079460123', 'JOIN');
    const reply = w.sms('+442079460123', 'REPORT 020 7946 0958 grabbed me, black cab').reply;
    expect(reply).toBe(t.reportReceived(`#${refIn(reply)}`, ['LDN']));
  });
});

describe('CHECK of a value written without its "@" or its scheme', () => {
  it('finds a site checked as its bare domain', async () => {
    const w = await world();
    approved(w, 'robbed me, his ad was on https://www.rosegarden.com');
    expect(check(w, 'rosegarden.com')).toMatch(/^Heads Up: that link is in 1 alert/);
    expect(check(w, 'RoseGarden.com')).toMatch(/^Heads Up: that link is in 1 alert/);
    expect(check(w, 'garden.com')).toBe(t.checkNone());
  });

  it('finds a handle with digits or an underscore checked without its "@"', async () => {
    const w = await world();
    approved(w, 'robbed me, insta @rick_sf99 and snap @jdoe77');
    expect(check(w, 'rick_sf99')).toMatch(/^Heads Up: that handle is in 1 alert/);
    expect(check(w, 'JDOE77')).toMatch(/^Heads Up: that handle is in 1 alert/);
    expect(check(w, 'jdoe7')).toBe(t.checkNone());
  });

  it('still reads a plate as the plate, and counts an alert once when it names the value as both', async () => {
    const w = await world();
    approved(w, 'grey van plate 7ABC123');
    approved(w, 'his insta is @7abc123, plate 7ABC123');
    expect(check(w, '7abc123')).toMatch(/^Heads Up: that plate is in 2 alerts/);
  });
});

describe('CHECK in French and Portuguese', () => {
  it.each([
    ['fr', 'FRANCAIS', 'VERIFIER'],
    ['pt', 'PORTUGUES', 'VERIFICAR'],
  ] as const)('(%s) says what can be checked, and answers a plate or a handle without calling it a number', async (lang, name, keyword) => {
    const w = await world();
    w.sms(MEMBER, `LANG ${name}`);
    const c = catalog(lang);
    const ask = (query: string) => w.sms(MEMBER, `${keyword} ${query}`).reply ?? '';
    const help = ask('');
    expect(help).toBe(c.checkNeedsNumber());
    for (const kind of [/plaque|placa/, /email/, /@/, /lien|link/]) expect(help).toMatch(kind);
    for (const query of ['7ABC123', '@rose', 'rose@example.com']) {
      const none = ask(query);
      expect(none).toBe(c.checkNone());
      expect(none).not.toMatch(/num[ée]ro/);
    }
  });
});

describe('CHECK of a number written with letters for digits', () => {
  it('finds a number a report wrote with O for 0 or I and l for 1, and the other way round', async () => {
    const w = await world();
    approved(w, 'robbed me, texted from 415-555-O177');
    approved(w, 'no-show, calls from (628) 555-0188');
    expect(check(w, '415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, '628-555-Ol88')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, '4I5 555 OI77')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('never lets CHECK find the reporter’s own number written that way', async () => {
    const w = await world();
    approved(w, 'kept calling me on 4I5-555-OIO5 from 415 555 0177');
    expect(check(w, REPORTER)).toBe(t.checkNone());
    expect(check(w, '415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});

describe('a report listing numbers with commas', () => {
  it('names each of them to CHECK, not only the first (a comma is no extension)', async () => {
    const w = await world();
    approved(w, 'robbed me, texts from 415 555 0177, 628-555-0188; 510.555.0199, grey van');
    for (const n of ['415 555 0177', '628 555 0188', '510 555 0199']) expect(check(w, n)).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('masks the reporter’s own number before a comma without eating the next one', async () => {
    const w = await world();
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 numbers: mine 415-555-0105, 628-555-0188 his').reply);
    expect(w.sms(MOD, `SHOW ${ref}`).reply).toContain('mine [-], 628-555-0188 his');
  });
});

describe('an international number written with 00', () => {
  it('is the same number as with +, in a report and in CHECK', async () => {
    const w = await world();
    approved(w, 'no pago, su whatsapp 0052 55 1234 5678');
    approved(w, 'robbed me, uk number +44 20 7946 0958');
    expect(check(w, '+52 55 1234 5678')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, '0044 20 7946 0958')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('is the same number with a space after the 00, as it is usually written', async () => {
    const w = await world();
    approved(w, 'grey van, calls from 00 44 7911 123456');
    approved(w, 'no-show, calls from 00 44 20 7946 0958');
    expect(check(w, '+44 7911 123456')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, '00 44 20 7946 0958')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('leaves 00 inside a number as it is', async () => {
    const w = await world();
    approved(w, 'no-show, calls from 415 555 0012');
    expect(check(w, '415-555-0012')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, '(415) 555 0012')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});

describe('a WhatsApp link (wa.me, api.whatsapp.com/send?phone=)', () => {
  it.each([
    ['his whatsapp wa.me/14155550177', '415-555-0177', 'wa.me/14155550177'],
    ['ad says api.whatsapp.com/send?phone=14155550177', '(415) 555-0177', 'https://api.whatsapp.com/send?phone=14155550177'],
  ])('in a report ("%s") is found by CHECK of its number (%s) and of the link', async (text, number, link) => {
    const w = await world();
    approved(w, `grey van, ${text}`);
    expect(check(w, number)).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, link)).toMatch(/^Heads Up: that link is in 1 alert/);
  });

  it('finds a report that wrote the number when CHECK names the link', async () => {
    const w = await world();
    approved(w, 'grey van, texts from 415 555 0177');
    expect(check(w, 'wa.me/14155550177')).toMatch(/^Heads Up: that number is in 1 alert/);
    expect(check(w, 'wa.me/14155550178')).toBe(t.checkNone());
  });
});

describe('CHECK by category, when an alert has none', () => {
  it.each([
    ['ENGLISH', 'CHECK', /^Heads Up: that number is in 2 alerts \(1 robbery or didn't pay, 1 time-waster, 1 not categorised\)/],
    ['ESPANOL', 'VERIFICAR', /en 2 alertas \(.*1 sin categoria\)/],
    ['FRANCAIS', 'VERIFIER', /dans 2 alertes \(.*1 sans catégorie\)/],
    ['PORTUGUES', 'VERIFICAR', /em 2 alertas \(.*1 sem categoria\)/],
  ])('%s: counts a one-message alert no one categorised apart, never as "other" (the list\'s "none of these")', async (lang, keyword, expected) => {
    const w = await world();
    w.sms(MOD, `APPROVE ${refIn(w.sms(REPORTER, 'REPORT 415 choked me, 415-555-0177').reply)}`);
    for (const a of ['REPORT', '3 7', 'SKIP', '415 bar', 'SKIP', 'SKIP', '(415) 555-0177', 'SKIP']) w.sms(REPORTER, a);
    w.sms(MOD, `APPROVE ${refIn(w.sms(REPORTER, 'DONE').reply)}`);
    w.sms(MEMBER, `LANG ${lang}`);
    expect(w.sms(MEMBER, `${keyword} 415.555.0177`).reply).toMatch(expected);
  });

  it('says nothing by category when no alert it counts has one', async () => {
    const w = await world();
    w.sms(MOD, `APPROVE ${refIn(w.sms(REPORTER, 'REPORT 415 choked me, 415-555-0177').reply)}`);
    expect(check(w, '415.555.0177')).toMatch(/^Heads Up: that number is in 1 alert, latest/);
  });

  it('names the list\'s own "other" when a reporter picked it', async () => {
    const w = await world();
    for (const a of ['REPORT', '9', 'SKIP', '415 bar', 'SKIP', 'SKIP', '(415) 555-0177', 'SKIP']) w.sms(REPORTER, a);
    w.sms(MOD, `APPROVE ${refIn(w.sms(REPORTER, 'DONE').reply)}`);
    expect(check(w, '415.555.0177')).toMatch(/^Heads Up: that number is in 1 alert \(1 other\), latest/);
  });
});
