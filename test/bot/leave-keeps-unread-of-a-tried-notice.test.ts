/**
 * A discreet member's notice whose try got no answer in time (Twilio or
 * signal-cli may have taken it: the row waits for a retry) may be on her
 * phone saying "READ to see it". LEAVE withdraws the retry but keeps the
 * alert readable, as it does for a notice known to have gone.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');

function alert415(w: BotWorld): void {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
}

/** Her notice's try timed out: the row waits for a retry, the notice perhaps on her phone. */
function triedWithoutAnswer(w: BotWorld, channel: 'sms' | 'signal'): void {
  const rows = claimLane(w.db, channel, w.clock.now, 10, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
  expect(rows).toHaveLength(1);
  recordOutcomes(w.db, [{ id: rows[0]!.id, kind: 'retry', dueAt: w.clock.now + 5_000, error: 'connection:ETIMEDOUT' }], w.clock.now);
}

describe('LEAVE after a discreet notice was tried without an answer', () => {
  it('by SMS: READ still shows the alert', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    expect(w.sms(ROSA, 'JOIN 415 212').reply).toBe(t.joined(['212', '415']));
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    triedWithoutAnswer(w, 'sms');
    w.sms(ROSA, 'LEAVE 415');
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });

  it('over Signal: READ still shows the alert', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    expect(signal('JOIN 415 212')).toBe(t.joined(['212', '415']));
    signal('DISCREET');
    alert415(w);
    triedWithoutAnswer(w, 'signal');
    signal('LEAVE 415');
    expect(signal('READ')).toContain('grey van, knife');
  });

  it('never tried: READ has nothing unread', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    w.sms(ROSA, 'JOIN 415 212');
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    w.sms(ROSA, 'LEAVE 415');
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });
});
