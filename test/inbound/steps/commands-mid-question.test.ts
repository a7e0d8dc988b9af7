/**
 * A hunt found an open question taking other commands for its answer: a CHECK she sent to screen a client at
 * the door got the next question and went into her draft ("Person: CHECK 628-555-0188"), an alert every
 * other member's CHECK then found; a one-message REPORT became the note for moderators; a BUDDY at the
 * read-back sent no invitation; at the join question a one-message REPORT was refused as a bad area code.
 * A CHECK of something CHECK looks up, a REPORT with its text and a BUDDY that adds or takes off one now do
 * what they say, and the question stays open for her next answer, as READ and CHECKIN already did.
 */
import { catalog } from '../../../src/bot/catalog';
import type { BotWorld } from '../../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world, sms } from '../../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const CLIENT = '628-555-0188';

function refIn(text: string): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text)?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

/** Her guided report, asked "Who was he?" (what, when and where answered). */
function askedPerson(w: BotWorld): string {
  say(w, REPORTER, 'REPORT');
  say(w, REPORTER, '1');
  say(w, REPORTER, 'last night');
  return say(w, REPORTER, '415 Motel 6');
}

const reports = (w: BotWorld) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;

describe('CHECK in the middle of a guided report', () => {
  it('is answered as a CHECK, and the number never reaches the draft nor the alert', async () => {
    const w = await world();
    expect(askedPerson(w)).toBe(t.reportAsk('person'));
    expect(say(w, REPORTER, `CHECK ${CLIENT}`)).toBe(t.checkNone());
    // The question stays open: her next answer is the person's.
    expect(say(w, REPORTER, 'tall, beard')).toBe(t.reportAsk('vehicle'));
    say(w, REPORTER, 'SKIP');
    say(w, REPORTER, 'SKIP');
    const review = say(w, REPORTER, 'SKIP');
    expect(review).toContain('tall, beard');
    expect(review).not.toContain('0188');
    const ref = refIn(say(w, REPORTER, 'DONE'));
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, `CHECK ${CLIENT}`)).toBe(t.checkNone());
  });

  it.each(['VERIFICAR 628 555 0188', 'check @rick_sf', 'CHECK @rick_sf 628-555-0188', 'CHECK CA 7ABC123', 'CHECK https://example.com/rick'])('%s is a CHECK too', async (text) => {
    const w = await world();
    askedPerson(w);
    // VERIFICAR is Spanish and Portuguese alike: her English stays.
    expect(say(w, REPORTER, text)).toBe(t.checkNone());
  });

  it('"Check shirt, tall" names nothing CHECK looks up: it is her answer', async () => {
    const w = await world();
    askedPerson(w);
    expect(say(w, REPORTER, 'Check shirt, tall')).toBe(t.reportAsk('vehicle'));
  });
});

describe('REPORT with its text in the middle of a guided report', () => {
  it('files at once, and the guided report stays open', async () => {
    const w = await world();
    askedPerson(w);
    const filed = say(w, REPORTER, 'REPORT 415 another guy robbed me');
    expect(filed).toBe(t.reportReceived(`#${refIn(filed)}`, ['415']));
    expect(reports(w)).toBe(1);
    expect(w.queued(sms(MOD)).map((m) => m.text).join('\n')).toContain('another guy robbed me');
    expect(say(w, REPORTER, 'tall, beard')).toBe(t.reportAsk('vehicle'));
  });

  it('REPORT with only an area is still her answer, not a second guided report over hers', async () => {
    const w = await world();
    askedPerson(w);
    expect(say(w, REPORTER, 'REPORT 415')).toBe(t.reportAsk('vehicle'));
    expect(reports(w)).toBe(0);
  });
});

describe('BUDDY while the join question is open', () => {
  it('asks the buddy; the question still takes her area', async () => {
    const w = await world();
    const HIDDEN = '+447700900123';
    expect(say(w, HIDDEN, 'JOIN')).toBe(t.joinWhichArea());
    say(w, HIDDEN, 'BUDDY +14155550777 Rose');
    expect(w.direct('+14155550777')).toHaveLength(1);
    expect(say(w, HIDDEN, '415')).toBe(t.joined(['415']));
  });
});

/**
 * In a guided report, her answers are her own words about him, and may open with these commands' words: a
 * review found them taken for commands (his number got a buddy invitation, her note filed as a second report, a
 * CHECK run and the contact lost). A BUDDY is always her answer there, a REPORT only with area codes leading it,
 * a CHECK only of its identifiers alone.
 */
describe('answers that open like a command in a guided report', () => {
  it('Portuguese "Parceiro 628 555 0188 alto, barba" is the person, and no invitation goes to his number', async () => {
    const w = await world();
    const pt = catalog('pt');
    for (const a of ['DENUNCIAR', '1', 'ontem']) say(w, REPORTER, a);
    expect(say(w, REPORTER, '415 Motel 6')).toBe(pt.reportAsk('person'));
    expect(say(w, REPORTER, 'Parceiro 628 555 0188 alto, barba')).toBe(pt.reportAsk('vehicle'));
    expect(w.direct('+16285550188')).toHaveLength(0);
    expect(say(w, REPORTER, 'PULAR')).toBe(pt.reportAsk('contact'));
  });

  it('French "Signalement : grand, barbu, tatouage" is the person, not a second report', async () => {
    const w = await world();
    const fr = catalog('fr');
    for (const a of ['SIGNALER', '1', 'hier soir']) say(w, REPORTER, a);
    expect(say(w, REPORTER, '415 Motel 6')).toBe(fr.reportAsk('person'));
    expect(say(w, REPORTER, 'Signalement : grand, barbu, tatouage')).toBe(fr.reportAsk('vehicle'));
    expect(reports(w)).toBe(0);
  });

  it('"Report him to the cops too" is the note for the moderators, not a report of its own', async () => {
    const w = await world();
    askedPerson(w);
    for (const a of ['tall', 'SKIP']) say(w, REPORTER, a);
    expect(say(w, REPORTER, 'SKIP')).toBe(t.reportAsk('other'));
    say(w, REPORTER, 'Report him to the cops too, he is dangerous');
    expect(reports(w)).toBe(0);
    refIn(say(w, REPORTER, 'DONE'));
    expect(reports(w)).toBe(1);
    expect(w.queued(sms(MOD)).map((m) => m.text).join('\n')).toContain('Report him to the cops too');
  });

  it('"Check his number 628-555-0188 he texted me from it" is the contact, not a CHECK', async () => {
    const w = await world();
    askedPerson(w);
    expect(say(w, REPORTER, 'tall')).toBe(t.reportAsk('vehicle'));
    expect(say(w, REPORTER, 'SKIP')).toBe(t.reportAsk('contact'));
    expect(say(w, REPORTER, 'Check his number 628-555-0188 he texted me from it')).toBe(t.reportAsk('other'));
    expect(say(w, REPORTER, 'SKIP')).toContain('0188');
  });

  it.each(['Check plate 7ABC123', 'BUDDY +14155550777 Rose'])('"%s" is her answer too', async (text) => {
    const w = await world();
    askedPerson(w);
    expect(say(w, REPORTER, text)).toBe(t.reportAsk('vehicle'));
    expect(w.direct('+14155550777')).toHaveLength(0);
  });
});

describe('REPORT with its text while the join question is open', () => {
  it('files at once; the question still takes her area', async () => {
    const w = await world();
    const HIDDEN = '+447700900123';
    expect(say(w, HIDDEN, 'JOIN')).toBe(t.joinWhichArea());
    const filed = say(w, HIDDEN, `REPORT 415 tall guy grey sedan ${CLIENT} choked me`);
    expect(filed).toBe(t.reportReceived(`#${refIn(filed)}`, ['415']));
    expect(reports(w)).toBe(1);
    expect(say(w, HIDDEN, '415')).toBe(t.joined(['415']));
  });
});
