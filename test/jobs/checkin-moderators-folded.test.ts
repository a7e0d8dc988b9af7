/**
 * CHECKIN_FALLBACK=moderators: one sender's missed check-ins reach the
 * moderators in full three times in 24 hours; each further one is a line
 * with its reference, her first one's and the count, without her words
 * (one hostile number could otherwise text every moderator 200 characters
 * of its own every ten minutes). Every miss is still told: one may be real.
 * SHOW gives a moderator the details while they are kept.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import { openBody } from '../../src/store/outbox';
import { clockTime } from '../../src/bot/clock-time';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const MIN = 60_000;
const HOUR = 60 * MIN;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';
const toModerator = (w: BotWorld) => w.queued(sms(MOD)).map((m) => m.text);
/** A moderator over Signal, whose answers go through the outbox. */
const SIG_MOD = '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a';
let n = 0;
const fromSignalModerator = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: SIG_MOD }, text, providerId: `${SIG_MOD}:${1_700_000_000_000 + ++n}` }, 'outbox');
/** Every message text the outbox still holds. */
const outboxTexts = (w: BotWorld) =>
  (w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>).map((r) =>
    openBody(w.vault, r),
  );

async function line(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD, SIG_MOD]) });
  w.sms(ROSE, 'JOIN');
  return w;
}

/** Rose starts a 10-minute check-in and misses it; returns when it was due. */
function miss(w: BotWorld, details = 'room 12 at the motel'): number {
  w.sms(ROSE, `CHECKIN 10 ${details}`);
  w.clock.now += 10 * MIN;
  if (timers(w, MODERATORS).escalated !== 1) throw new Error('the check-in was not escalated');
  return w.clock.now;
}

describe("one sender's missed check-ins told to the moderators", () => {
  it('come in full three times in 24 hours, then each as one line without her words', async () => {
    const w = await line();
    const due = [1, 2, 3, 4, 5].map(() => miss(w));

    const texts = toModerator(w);
    expect(texts).toHaveLength(5);
    const refs = texts.map(refIn);
    expect(new Set(refs).size).toBe(5);
    expect(texts.slice(0, 3).every((x) => x.includes('room 12 at the motel'))).toBe(true);
    expect(texts.slice(3)).toEqual([
      t.checkinEscalationModeratorsFolded(refs[3]!, clockTime(due[3]!), refs[0]!, 4),
      t.checkinEscalationModeratorsFolded(refs[4]!, clockTime(due[4]!), refs[0]!, 5),
    ]);
  });

  it('are still folded, without her words, when she DELETEs after each one (the count outlives DELETE, as the limits do)', async () => {
    const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
    const spam = 'BUY CHEAP PILLS AT spam.example NOW';
    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) {
      const due = miss(w, spam);
      const lane = await sendPass(w, 'sms');
      bodies.push(...lane.calls.filter((c) => c.to === MOD).map((c) => c.body));
      if (i === 3) expect(bodies[3]).toBe(t.checkinEscalationModeratorsFoldedErased(refIn(bodies[3]), clockTime(due)));
      w.sms(ROSE, 'DELETE');
    }
    expect(bodies).toHaveLength(4);
    expect(bodies.slice(0, 3).every((x) => x.includes(spam))).toBe(true);
    expect(bodies[3]).not.toContain(spam);
  });

  it('come in full again once a day has passed since the earlier ones', async () => {
    const w = await line();
    [1, 2, 3, 4].forEach(() => miss(w));
    w.clock.now += 25 * HOUR;
    miss(w, 'room 30 tonight');

    expect(toModerator(w).at(-1)).toContain('room 30 tonight');
  });

  it('SHOW of a folded one gives its details while they are kept, and says when they are not', async () => {
    const w = await line();
    [1, 2, 3].forEach(() => miss(w));
    const due = miss(w, 'room 44 with a tall man');
    const ref = refIn(toModerator(w).at(-1));

    expect(w.sms(MOD, `SHOW ${ref.slice(1)}`).reply).toBe(t.checkinEscalationModerators(ref, clockTime(due), 'room 44 with a tall man'));
    w.sms(ROSE, 'OK');
    expect(w.sms(MOD, `SHOW ${ref.slice(1)}`).reply).toBe(t.modCheckinNoDetails(ref));
  });

  it('SHOW of a folded one she gave no details says so while it runs, and that they are no longer kept a day on', async () => {
    const w = await line();
    [1, 2, 3].forEach(() => miss(w));
    const due = miss(w, '');
    const ref = refIn(toModerator(w).at(-1));

    expect(w.sms(MOD, `SHOW ${ref.slice(1)}`).reply).toBe(t.checkinEscalationModerators(ref, clockTime(due), ''));
    w.clock.now += 25 * HOUR;
    runRetention(w.db, 90, w.clock.now);
    expect(w.sms(MOD, `SHOW ${ref.slice(1)}`).reply).toBe(t.modCheckinNoDetails(ref));
  });

  it("SHOW's answer over Signal goes with her details: her DELETE leaves it nowhere", async () => {
    const w = await line();
    miss(w, 'room 44 with a tall man');
    const ref = refIn(toModerator(w)[0]);
    fromSignalModerator(w, `SHOW ${ref.slice(1)}`);
    expect(outboxTexts(w).filter((x) => x.includes('room 44'))).toHaveLength(2);

    w.sms(ROSE, 'DELETE');

    expect(outboxTexts(w).filter((x) => x.includes('room 44'))).toEqual([]);
  });
});
