/**
 * Step 5, dispatch, driven through the bot over a real SQLite file: what a
 * message means while the sender is in the middle of a conversation. A
 * CANCEL the carrier answered is the opt-out it made of it; CANCEL ends a
 * report or a question, each in its own words; a moderator can moderate in
 * the middle of their own report, while a member's moderator word is just
 * an answer; a check-in's OK and LATER keep their meaning, and every other
 * answer goes to the report.
 */
import { catalog } from '../../../src/bot/catalog';
import { clockTime } from '../../../src/bot/clock-time';
import type { BotDeps } from '../../../src/bot/context';
import type { Sender } from '../../../src/phone/identity';
import { hasCheckin } from '../../../src/store/checkins';
import { findMember } from '../../../src/store/members';
import { listAreas } from '../../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const LENA = '+14155550102';
const ABROAD = '+448000000000'; // no North American area: JOIN asks which area
const MIN = 60_000;
const t = catalog('en');
const es = catalog('es');
const WHAT = t.reportAsk('what');
const WHEN = t.reportAsk('when');

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

function world(deps: Partial<BotDeps> = {}): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], ...deps });
}

function membership(w: BotWorld, who: string): { status: string; areas: string[] } | undefined {
  const member = findMember(w.db, w.vault, sms(who));
  return member && { status: member.status, areas: listAreas(w.db, member.id) };
}

describe('CANCEL in the middle of a conversation', () => {
  it('is the opt-out the carrier made of it when the carrier answered it: the member is unsubscribed, and not answered twice', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    expect(w.sms(ROSA, 'REPORT').reply).toBe(WHAT);
    const r = w.bot.handle({ sender: sms(ROSA), text: 'CANCEL', providerId: 'SMcarrier1', answered: true });
    expect(r.reply).toBeNull();
    expect(membership(w, ROSA)).toEqual({ status: 'stopped', areas: [] });
    // The report went with it: "1" is no answer any more.
    expect(w.sms(ROSA, '1').reply).toBe(t.hint());
  });

  it('drops a report in the report’s own words, and ends a question in its own', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'REPORT');
    expect(w.sms(ROSA, 'CANCEL').reply).toBe(t.reportCancelled());
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });
    expect(w.sms(ABROAD, 'JOIN').reply).toBe(t.joinWhichArea());
    expect(w.sms(ABROAD, 'CANCEL').reply).toBe(t.conversationEnded());
    // In Spanish too: CANCELAR was read as an area, and the question stayed open for the hour.
    expect(w.sms(ABROAD, 'UNIRSE').reply).toBe(es.joinWhichArea());
    expect(w.sms(ABROAD, 'CANCELAR').reply).toBe(es.conversationEnded());
    expect(w.sms(ABROAD, '415').reply).toBe(t.joinWith(['415']));
  });
});

describe('moderator commands in the middle of a report', () => {
  it('lets a moderator moderate in the middle of their own report, which then goes on', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(LENA, 'REPORT 415 red truck, no condom').reply ?? '')?.[1];
    expect(w.sms(MOD, 'REPORT').reply).toBe(WHAT);
    expect(w.sms(MOD, 'PENDING').reply).toContain(`#${ref}`);
    // An answer is still an answer.
    expect(w.sms(MOD, '1').reply).toBe(WHEN);
  });

  it('takes a member’s moderator word as their answer, not as a command', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    expect(w.sms(ROSA, 'REPORT').reply).toBe(WHAT);
    expect(w.sms(ROSA, 'PENDING').reply).toBe(t.reportAskAgain());
    expect(w.sms(ROSA, '1').reply).toBe(WHEN);
  });
});

describe('a check-in in the middle of a report', () => {
  it('keeps OK and LATER for the check-in, and gives every other answer to the report', async () => {
    const w = await world({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSA, 'JOIN');
    expect(w.sms(ROSA, 'CHECKIN 90 blue Honda').reply).toContain('moderators');
    expect(w.sms(ROSA, 'REPORT').reply).toBe(WHAT);
    expect(w.sms(ROSA, '1').reply).toBe(WHEN);
    expect(w.sms(ROSA, 'LATER 30').reply).toBe(t.checkinExtended(clockTime(w.clock.now + 120 * MIN)));
    expect(w.sms(ROSA, 'SKIP').reply).toBe(t.reportAsk('where'));
    expect(w.sms(ROSA, 'OK').reply).toBe(t.checkinOk());
    expect(w.sms(ROSA, 'SKIP').reply).toBe(t.reportAsk('person'));
  });

  it('takes "Safe" alone as the end of the check-in, and "safe house on 5th" as an answer', async () => {
    const w = await world({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'CHECKIN 90 blue Honda');
    w.sms(ROSA, 'REPORT');
    expect(w.sms(ROSA, '1').reply).toBe(WHEN);
    expect(w.sms(ROSA, 'safe house on 5th').reply).toBe(t.reportAsk('where'));
    expect(w.sms(ROSA, 'Safe').reply).toBe(t.checkinOk());
    expect(w.sms(ROSA, 'SKIP').reply).toBe(t.reportAsk('person'));
  });

  /** Rosa, in Spanish, with a check-in running, one answer into a guided report. */
  async function spanishReport(): Promise<BotWorld> {
    const w = await world({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSA, 'UNIRSE');
    w.sms(ROSA, 'SEGURA 90 Honda azul');
    expect(w.sms(ROSA, 'REPORTE').reply).toBe(es.reportAsk('what'));
    expect(w.sms(ROSA, '1 3').reply).toBe(es.reportAsk('when'));
    return w;
  }
  const running = (w: BotWorld) => hasCheckin(w.db, findMember(w.db, w.vault, sms(ROSA))!.id);

  it("files the report on Spanish LISTO (a report's word for 'send it now', and a check-in's OK), leaving the check-in running", async () => {
    const w = await spanishReport();
    expect(w.sms(ROSA, 'LISTO').reply).toMatch(/^Heads Up: gracias\. Reporte #[A-Z0-9]{4,6}|#[A-Z0-9]{4,6}/);
    expect(running(w)).toBe(true);
    // Out of the report, LISTO is OK again.
    expect(w.sms(ROSA, 'LISTO').reply).toBe(es.checkinOk());
    expect(running(w)).toBe(false);
  });

  it('takes an answer that opens with LATER and minutes but goes on ("Después 30 min de llegar") as the answer', async () => {
    const w = await spanishReport();
    expect(w.sms(ROSA, 'Después 30 min de llegar, como a las 11pm').reply).toBe(es.reportAsk('where'));
    expect(w.sms(ROSA, 'Después 30').reply).toBe(es.checkinExtended(clockTime(w.clock.now + 120 * MIN)));
  });
});

describe('"Safe" alone while a check-in runs', () => {
  it('is only a word that means safe: CHECKIN alone tells how to start one, and the check-in runs on', async () => {
    const w = await world({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'CHECKIN 90 blue Honda');
    expect(w.sms(ROSA, 'CHECKIN').reply).toBe(t.checkinUsage(10, 720));
    expect(hasCheckin(w.db, findMember(w.db, w.vault, sms(ROSA))!.id)).toBe(true);
  });

  it.each([
    ['SEGURA', 'UNIRSE', 'es'],
    ['Segura!', 'UNIRSE', 'es'],
    ['Safe', 'JOIN', 'en'],
  ] as const)('%s says she is: it ends the check-in instead of explaining how to start one', async (word, join, lang) => {
    const w = await world({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSA, join);
    w.sms(ROSA, `${word.replace('!', '')} 90 blue Honda`);
    expect(w.sms(ROSA, word).reply).toBe(catalog(lang).checkinOk());
    expect(hasCheckin(w.db, findMember(w.db, w.vault, sms(ROSA))!.id)).toBe(false);
    // With none running, it is how to start one.
    expect(w.sms(ROSA, word).reply).toBe(catalog(lang).checkinUsage(10, 720));
  });
});

describe('a photo, voice note or file with no words', () => {
  const media = (w: BotWorld, who: string, text = '') => w.bot.handle({ sender: sms(who), text, providerId: `MM${Math.random().toString(16).slice(2)}`, media: true });

  it('is told that only text reaches the line, as a hint: once an hour, and after a hint none', async () => {
    let now = Date.UTC(2026, 0, 5, 12);
    const w = await world({ now: () => now });
    // An empty message with nothing attached gets the usual hint.
    expect(w.sms(MOD, '').reply).toBe(t.hint());
    expect(media(w, ROSA).reply).toBe(t.mediaNotRead(false));
    expect(media(w, ROSA).reply).toBeNull();
    expect(w.sms(ROSA, 'blah').reply).toBeNull();
    now += 61 * MIN;
    expect(media(w, ROSA).reply).toBe(t.mediaNotRead(false));
    // Words with the photo are read as ever, even words that are no command (the usual hint).
    expect(media(w, LENA, 'JOIN 415').reply).toBe(`${t.joined(['415'])} ${t.mediaNotKept()}`);
    expect(media(w, LENA, 'this guy again').reply).toBe(`${t.hint()} ${t.mediaNotKept()}`);
    // A reply the hint's limit holds back stays held back.
    expect(media(w, LENA, 'him again').reply).toBeNull();
  });

  it("a moderator's is told each time, as her typos are (at most 20 an hour, with them), not the members' hourly hint", async () => {
    const w = await world();
    const replies = Array.from({ length: 19 }, () => media(w, MOD).reply);
    expect(replies).toEqual(Array(19).fill(t.mediaNotRead(false)));
    expect(w.sms(MOD, 'APROVE K7Q2').reply).toBe(t.modHint());
    // The bound ends a loop with an auto-reply; a member's hint is still hers.
    expect(media(w, MOD).reply).toBeNull();
    expect(media(w, ROSA).reply).toBe(t.mediaNotRead(false));
  });

  it('leaves the open question open: it is not an empty answer that skips it', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    expect(w.sms(ROSA, 'REPORT').reply).toBe(WHAT);
    expect(w.sms(ROSA, '1').reply).toBe(WHEN);
    expect(media(w, ROSA).reply).toBe(t.mediaNotRead(true));
    // Asked every time while the question is open, and the question is still "when".
    expect(media(w, ROSA).reply).toBe(t.mediaNotRead(true));
    expect(w.sms(ROSA, 'Fri 11pm').reply).toBe(t.reportAsk('where'));
    // An empty answer with nothing attached still skips, as SKIP does.
    expect(w.sms(ROSA, '').reply).toBe(t.reportAsk('person'));
    expect(w.sms(ABROAD, 'JOIN').reply).toBe(t.joinWhichArea());
    expect(media(w, ABROAD).reply).toBe(t.mediaNotRead(true));
    expect(w.sms(ABROAD, '415').reply).toBe(t.joined(['415']));
  });
});
