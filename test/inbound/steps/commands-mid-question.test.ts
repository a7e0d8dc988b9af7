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

  it.each(['VERIFICAR 628 555 0188', 'check @rick_sf', 'Check plate 7ABC123'])('%s is a CHECK too', async (text) => {
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

describe('BUDDY at the read-back', () => {
  it('asks the buddy, and the read-back still waits for DONE', async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night', '415 Motel 6', 'SKIP', 'SKIP', 'SKIP']) say(w, REPORTER, a);
    expect(say(w, REPORTER, 'SKIP')).toContain('last night');
    expect(say(w, REPORTER, 'BUDDY +14155550777 Rose')).toBe(t.buddyAsked('0777'));
    expect(w.direct('+14155550777')).toHaveLength(1);
    const done = say(w, REPORTER, 'DONE');
    expect(done).toBe(t.reportReceived(`#${refIn(done)}`, ['415']));
    expect(reports(w)).toBe(1);
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
