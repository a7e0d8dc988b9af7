/**
 * BUDDY must not tell a member who once used the line (980493a, README
 * "BUDDY cannot tell anyone who once used the line"). Someone who texted
 * STOP and then DELETE has their stop erased at the line, but the carrier's
 * opt-out stands at Twilio: the invitation is sent and refused with 21610.
 * That marked the link 'stopped', which the member's BUDDY list then showed
 * ("stopped"), unlike any other number ("waiting").
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { buddyIndex } from '../../src/store/buddies';
import { buddyStopped } from '../../src/store/buddy-stops';
import { botWorld } from '../helpers/bot-world';
import { FakeSender, settle } from '../helpers/fake-sender';

const ROSE = '+14155550100';
const PAT = '+14155550177'; // once texted STOP (the carrier keeps the opt-out), then DELETE
const NEW = '+12125550142'; // never used the line
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');

/** Twilio as it answers: a number that replied STOP to the line's number is refused with 21610 for good. */
class Carrier extends FakeSender {
  constructor(private readonly optedOut: Set<string>) {
    super();
  }
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    if (this.optedOut.has(to)) {
      this.calls.push({ to, body, ref: opts?.ref });
      return Promise.reject(new SendError('stopped', '21610'));
    }
    return super.send(to, body, opts);
  }
}

describe('BUDDY and a carrier opt-out the line has forgotten', () => {
  let lane: Lane | null = null;
  afterEach(async () => {
    await lane?.stop();
    lane = null;
  });

  it('answers the member the same for that number as for any other', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(PAT, 'JOIN');
    w.sms(PAT, 'STOP');
    w.sms(PAT, 'DELETE');
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, `BUDDY ${PAT} Rose`);
    w.sms(ROSE, `BUDDY ${NEW} Rose`);
    // Before anything is sent, the two look alike.
    const before = w.sms(ROSE, 'BUDDY').reply;
    expect(before).toBe(t.buddyList([{ ending: '0177', status: 'invited' }, { ending: '0142', status: 'invited' }]));

    const log = createLogger('silent', { write: () => undefined });
    const now = () => w.clock.now;
    const writer = new OutcomeWriter(w.db, log, now);
    const sender = new Carrier(new Set([PAT]));
    lane = new Lane(sender, { db: w.db, vault: w.vault, log, now, opts: { ...DEFAULT_DISPATCHER, pollMs: 3_600_000 }, writer, renderer: new AlertRenderer(w.db, w.vault) });
    lane.start();
    await settle();
    writer.flush();
    expect(sender.calls.map((c) => c.to).sort()).toEqual([NEW, PAT].sort());

    // After: still alike (neither has answered), as for any number.
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(before);
    // The opt-out is kept all the same: nothing more goes to that number.
    expect(buddyStopped(w.db, w.vault, PAT, 'sms')).toBe(true);
  });
});
