/**
 * A hunt fed every reply's instruction back to the line. The CHECKIN and
 * LATER examples were fixed at 90 and 30 whatever CHECKIN_MIN_MINUTES and
 * CHECKIN_MAX_MINUTES said: under a 60-minute maximum the usage reply said
 * "(10 to 60) e.g. CHECKIN 90 ..." and sending the example got the usage
 * again (no check-in started); under 30, her reminder said "LATER 30" and
 * LATER 30 was refused ten minutes before her buddies were told. Each
 * example here is taken from the reply and sent back: it must do what it says.
 */
import { catalog } from '../../src/bot/catalog';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550100';
const ROSE = '+14155550177';
const MIN = 60_000;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function line(minMinutes: number, maxMinutes: number): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes, maxMinutes, buddyChannels: ['sms'] } });
  w.sms(ROSA, 'JOIN 415');
  w.sms(ROSA, 'BUDDY 415-555-0177 Rose');
  w.sms(ROSE, 'ACCEPT');
  return w;
}

/** The minutes of the first "WORD n" in a reply. */
function example(reply: string | null | undefined, word: string): string {
  const found = new RegExp(`\\b${word} (\\d+)`).exec(reply ?? '');
  if (!found) throw new Error(`no ${word} example in: ${reply}`);
  return found[1]!;
}

describe('CHECKIN examples within CHECKIN_MAX_MINUTES', () => {
  it('the usage reply gives one that starts a check-in', async () => {
    const w = await line(10, 60);
    const usage = w.sms(ROSA, 'CHECKIN 90 blue Honda').reply;
    expect(example(usage, 'CHECKIN')).toBe('60');
    expect(w.sms(ROSA, `CHECKIN ${example(usage, 'CHECKIN')} blue Honda`).reply).toMatch(/^Heads Up: check-in until /);
  });

  it('so do HELP and the reply to OK with no check-in running', async () => {
    const w = await line(10, 60);
    expect(example(w.sms(ROSA, 'HELP').reply, 'CHECKIN')).toBe('60');
    const none = w.sms(ROSA, 'OK').reply;
    expect(none).toBe(t.checkinNone(60));
    expect(w.sms(ROSA, `CHECKIN ${example(none, 'CHECKIN')}`).reply).toMatch(/^Heads Up: check-in until /);
  });

  it('under a shortest check-in above 90 minutes, gives that shortest, not the longest', async () => {
    const w = await line(120, 720);
    const usage = w.sms(ROSA, 'CHECKIN 30 blue Honda').reply;
    expect(example(usage, 'CHECKIN')).toBe('120');
    expect(w.sms(ROSA, `CHECKIN ${example(usage, 'CHECKIN')} blue Honda`).reply).toMatch(/^Heads Up: check-in until /);
  });

  it('stays at 90 under the default bounds', async () => {
    const w = await line(10, 720);
    expect(w.sms(ROSA, 'OK').reply).toBe('Heads Up: you have no check-in running. CHECKIN and minutes starts one, e.g. CHECKIN 90.');
  });
});

describe('LATER examples that fit what is left to CHECKIN_MAX_MINUTES', () => {
  it('the reminder under a 30-minute maximum gives a LATER that extends it', async () => {
    const w = await line(10, 30);
    const start = w.clock.now;
    w.sms(ROSA, 'CHECKIN 30');
    w.clock.now = start + 20 * MIN;
    runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [], checkins: { minMinutes: 10, maxMinutes: 30 } }, w.clock.now);
    const reminder = w.queued(sms(ROSA)).map((m) => m.text).find((text) => text.includes('check-in ends at'));
    expect(example(reminder, 'LATER')).toBe('20');
    expect(w.sms(ROSA, `LATER ${example(reminder, 'LATER')}`).reply).toMatch(/^Heads Up: check-in extended to /);
  });

  it('gives none where no LATER fits: right after CHECKIN 720, and in LATER\'s own refusal', async () => {
    const short = await line(10, 30);
    expect(short.sms(ROSA, 'CHECKIN 30').reply).not.toMatch(/LATER/);
    const w = await line(10, 720);
    expect(w.sms(ROSA, 'CHECKIN 720').reply).not.toMatch(/LATER/);
    const refused = w.sms(ROSA, 'LATER 30').reply;
    expect(refused).toBe(t.laterUsage(720, 10, null));
    expect(refused).not.toMatch(/LATER \d/);
  });

  it('fits the room left after a long check-in, and the not-understood reply gives one that works', async () => {
    const w = await line(10, 60);
    const started = w.sms(ROSA, 'CHECKIN 45').reply;
    expect(example(started, 'LATER')).toBe('15');
    const still = w.sms(ROSA, 'hello there').reply;
    expect(example(still, 'LATER')).toBe('15');
    expect(w.sms(ROSA, `LATER ${example(still, 'LATER')}`).reply).toMatch(/^Heads Up: check-in extended to /);
  });

  it('LATER refused for too many minutes quotes one that fits', async () => {
    const w = await line(10, 60);
    w.sms(ROSA, 'CHECKIN 20');
    const refused = w.sms(ROSA, 'LATER 50').reply;
    expect(example(refused, 'LATER')).toBe('30');
    expect(w.sms(ROSA, `LATER ${example(refused, 'LATER')}`).reply).toMatch(/^Heads Up: check-in extended to /);
  });
});
