/**
 * LEAVE over Signal with a copy of an alert waiting again after a try that
 * had no answer (a restart released its lease): Signal may have delivered
 * it. It must not go to her SMS membership as well (twice on one phone),
 * and a RETRACT later must correct her where she may have it.
 */
import { SendError } from '../../src/channels/types';
import { claimLane, releaseLeases } from '../../src/store/outbox';
import { followUpRetractions } from '../../src/store/retractions';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sendPass } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const P = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
let n = 0;
const signal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: P }, text, providerId: `${UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const ALERT_TEXT = 'grey van, knife, Elm St';

async function leftAfterRestart(unanswered: boolean): Promise<{ w: BotWorld; ref: string }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
  signal(w, 'JOIN 415');
  w.sms(P, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, `ALERT 415 ${ALERT_TEXT}`).reply ?? '')![1]!;
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  if (unanswered) {
    // Her Signal copy was at signal-cli when the server was killed: the restart releases it, its answer unknown.
    expect(claimLane(w.db, 'signal', w.clock.now, 10, w.clock.now + 120_000).filter((r) => r.alert_id !== null)).toHaveLength(1);
    releaseLeases(w.db, w.clock.now);
  }
  w.clock.now += 1_000;
  signal(w, 'LEAVE 415');
  return { w, ref };
}

/** The alert copies due by SMS to anyone (her SMS membership is the only SMS member). */
const smsCopies = (w: BotWorld) => claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 120_000).filter((r) => r.alert_id !== null);

describe('LEAVE over Signal, her SMS membership keeping the area', () => {
  it('sends a copy never tried to her SMS membership instead', async () => {
    const { w } = await leftAfterRestart(false);
    expect(smsCopies(w)).toHaveLength(1);
  });

  it('does not send by SMS a copy whose Signal try had no answer, and a RETRACT corrects her on Signal', async () => {
    const { w, ref } = await leftAfterRestart(true);
    expect(smsCopies(w)).toEqual([]);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toContain('retracted');
    const her = { channel: 'signal' as const, address: UUID, phone: P };
    const before = w.queued(her).length;
    expect(followUpRetractions(w.db, w.vault, w.clock.now, 50).corrected).toBe(1);
    expect(w.queued(her).slice(before).map((m) => m.text)).toEqual([expect.stringContaining('withdrawn')]);
  });
});

describe('over Signal, her SMS membership keeping the area, after signal-cli refused the connection (Signal surely never took it)', () => {
  it.each(['STOP', 'LEAVE 415'])('%s sends the copy to her SMS membership', async (command) => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    signal(w, 'JOIN 415');
    w.sms(P, 'JOIN 415');
    w.sms(MOD, `ALERT 415 ${ALERT_TEXT}`);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    expect(smsCopies(w)).toEqual([]);
    await sendPass(w, 'signal', { [UUID]: new SendError('connection', 'ECONNREFUSED') });
    w.clock.now += 1_000;
    signal(w, command);
    expect(smsCopies(w)).toHaveLength(1);
  });
});

describe('LEAVE over Signal after a try with no answer, then one a stop refused unissued', () => {
  it('still counts the first try as maybe delivered: not sent by SMS', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    signal(w, 'JOIN 415');
    w.sms(P, 'JOIN 415');
    w.sms(MOD, `ALERT 415 ${ALERT_TEXT}`);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    await sendPass(w, 'signal', { [UUID]: new SendError('connection', 'ETIMEDOUT') });
    w.clock.now += 3_600_000;
    await sendPass(w, 'signal', { [UUID]: new SendError('connection', 'ESHUTDOWN') });
    w.clock.now += 1_000;
    signal(w, 'LEAVE 415');
    expect(smsCopies(w)).toEqual([]);
  });
});

describe('STOP over Signal, her SMS membership keeping the area', () => {
  it('still sends by SMS a copy whose Signal try had no answer: STOP leaves it no correction over Signal, so SMS carries it', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    signal(w, 'JOIN 415');
    w.sms(P, 'JOIN 415');
    w.sms(MOD, `ALERT 415 ${ALERT_TEXT}`);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    expect(claimLane(w.db, 'signal', w.clock.now, 10, w.clock.now + 120_000).filter((r) => r.alert_id !== null)).toHaveLength(1);
    releaseLeases(w.db, w.clock.now);
    w.clock.now += 1_000;
    signal(w, 'STOP');
    expect(smsCopies(w)).toHaveLength(1);
  });
});
