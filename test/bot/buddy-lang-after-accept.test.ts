/** A buddy who chose a language after accepting (LANG ES) is sent the escalation in it: the link kept the language of her ACCEPT. */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };

describe('a buddy who changed language after accepting', () => {
  it('a buddy who chose LANG ES after accepting gets the escalation in Spanish', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    expect(w.sms(BUDDY, 'LANG ES').reply).toBe(catalog('es').langSet());
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(1);
    const esc = w.direct(BUDDY).find((m) => m.includes('blue Honda')) ?? '';
    // Spanish, as she chose: not the English of her ACCEPT.
    expect(esc).toContain((catalog('es').checkinEscalation('Rose', 'XX', 'blue Honda').split('XX')[0] ?? '').slice(0, 30));
    expect(esc).not.toContain("hasn't checked in");
  });
});
