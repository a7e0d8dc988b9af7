/**
 * Step 6, the same message again: an auto-reply that starts with a keyword
 * is answered twice an hour at most, so it cannot loop with the line; the
 * same REPORT again within the hour is not filed twice; an answer that
 * changes (AREAS after a JOIN), STOP, DELETE and a check-in's words are
 * answered as ever. Through the bot, over a real SQLite file.
 */
import { catalog } from '../../../src/bot/catalog';
import type { CheckinRules } from '../../../src/bot/line-rules';
import type { Sender } from '../../../src/phone/identity';
import { botWorld, type BotWorld } from '../../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const AUTO = '+12125550142';
const MIN = 60_000;
const HOUR = 3_600_000;
const CHECKINS: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

function world(): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], checkins: CHECKINS });
}

/** Sends `text` from `from` `times` times, a minute apart; the answers it got. */
function over(w: BotWorld, from: string, text: string, times: number): Array<string | null> {
  return Array.from({ length: times }, () => {
    const r = w.sms(from, text).reply;
    w.clock.now += MIN;
    return r;
  });
}

describe('the same message again and again', () => {
  it.each([
    'Info: this number is not monitored. Please call 212-555-0100 for service.',
    'Status: away. Back at 5pm.',
    "OK, I'll call you later",
  ])('from an auto-responder the line invited as a buddy is answered twice an hour at most: "%s"', async (auto) => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'BUDDY +12125550142 Rose');
    const answered = over(w, AUTO, auto, 20).filter((r) => r !== null);
    expect(answered).toHaveLength(2);
    expect(answered[1]).toBe(answered[0]);
    w.clock.now += HOUR;
    expect(w.sms(AUTO, auto).reply).toBe(answered[0]);
  });

  it('is answered again when the answer changes', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    expect(over(w, ROSA, 'AREAS', 3)).toEqual([t.areas(['415']), t.areas(['415']), null]);
    w.sms(ROSA, 'JOIN 628');
    expect(over(w, ROSA, 'AREAS', 3)).toEqual([t.areas(['415', '628']), t.areas(['415', '628']), null]);
  });

  it('files the same REPORT once within the hour, answering the repeat with its reference, and again after it', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    const text = 'REPORT 415 white sedan, fake badge, took cash';
    const [first, ...rest] = over(w, ROSA, text, 4);
    expect(first).toMatch(/#[A-Z0-9]{4,6}/);
    // She may not have had the first answer: the second gets it again; an auto-reply's third and fourth get nothing.
    expect(rest).toEqual([first, null, null]);
    expect(w.sms(MOD, 'PENDING').reply?.match(/#[A-Z0-9]{4,6}/g)).toHaveLength(1);
    w.clock.now += HOUR;
    expect(w.sms(ROSA, text).reply).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(MOD, 'PENDING').reply?.match(/#[A-Z0-9]{4,6}/g)).toHaveLength(2);
  });

  it('counts a run per channel: what went unanswered by SMS is answered over Signal', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    const sms = over(w, ROSA, 'HELP', 3);
    expect(sms.filter((r) => r !== null)).toHaveLength(2);
    const uuid = '3b9c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    const signal = w.bot.handle({ sender: { channel: 'signal', address: uuid, phone: ROSA }, text: 'HELP', providerId: `${uuid}:1700000000001` }, 'outbox');
    expect(signal.reply).toBe(sms[0]);
  });

  it("files the same REPORT sent by SMS then over Signal once, answering the second with the first one's reference", async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    const text = 'REPORT 415 white sedan, fake badge, took cash';
    const first = w.sms(ROSA, text).reply;
    expect(first).toMatch(/#[A-Z0-9]{4,6}/);
    const uuid = '3b9c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    const second = w.bot.handle({ sender: { channel: 'signal', address: uuid, phone: ROSA }, text, providerId: `${uuid}:1700000000002` }, 'outbox');
    expect(second.reply).toBe(first);
    expect(w.sms(MOD, 'PENDING').reply?.match(/#[A-Z0-9]{4,6}/g)).toHaveLength(1);
  });

  it('is forgotten with DELETE', async () => {
    const w = await world();
    expect(over(w, ROSA, 'HELP', 3).filter((r) => r !== null)).toHaveLength(2);
    expect(w.sms(ROSA, 'DELETE').reply).toBe(t.deleted('sms'));
    expect(w.sms(ROSA, 'HELP').reply).toBe(over(w, AUTO, 'HELP', 1)[0]);
  });

  it("never holds back a check-in's LATER while she has one, nor STOP", async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'BUDDY 415-555-0177 Rosa');
    w.sms('+14155550177', 'ACCEPT');
    w.sms(ROSA, 'CHECKIN 30 blue Honda');
    // Refused the same way each time (no more than 720 minutes from now): the same answer, and she must read it.
    expect(over(w, ROSA, 'LATER 719', 4).filter((r) => r !== null)).toHaveLength(4);
    expect(over(w, ROSA, 'STOP', 3).filter((r) => r !== null)).toHaveLength(3);
  });
});
