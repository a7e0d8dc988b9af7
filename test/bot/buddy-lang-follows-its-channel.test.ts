/**
 * What a buddy is sent comes in the language she chose on the channel it
 * goes over: LANG by SMS from her number (spoofed, or the new holder of a
 * recycled number her Signal account still shows) leaves in its language
 * what she gets as a buddy over Signal, and the reverse.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const BUDDY_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };

/** Rose asks her over `via` (an invitation is answered over the channel it went by). */
async function world(via: 'sms' | 'signal'): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ checkins: RULES });
  let sid = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: BUDDY }, text, providerId: `sig-${++sid}` }).reply;
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `BUDDY ${via.toUpperCase()} 415-555-0177 Rose`);
  return { w, signal };
}

/** Rose misses a check-in: the escalation her buddy is sent. */
function escalation(w: BotWorld): string {
  const start = w.clock.now;
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now = start + 31 * MIN;
  expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(1);
  const sent = w.direct(BUDDY).filter((m) => m.includes('blue Honda'));
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

const opening = (lang: 'en' | 'es' | 'fr') => (catalog(lang).checkinEscalation('Rose', 'XX', 'blue Honda').split('XX')[0] ?? '').slice(0, 30);

describe('a buddy on SMS and Signal with the same number', () => {
  it('accepted over Signal: LANG FR by SMS leaves her escalation over Signal in the language of Signal', async () => {
    const { w, signal } = await world('signal');
    expect(signal('ACEPTAR')).toBe(catalog('es').buddyAccepted());
    expect(w.sms(BUDDY, 'LANG FR').reply).toBe(catalog('fr').langSet());
    expect(escalation(w)).toContain(opening('es'));
  });

  it('accepted by SMS: LANG FR over Signal leaves her escalation by SMS in English', async () => {
    const { w, signal } = await world('sms');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(catalog('en').buddyAccepted());
    expect(signal('LANG FR')).toBe(catalog('fr').langSet());
    expect(escalation(w)).toContain(opening('en'));
  });

  it('accepted over Signal: LANG FR over Signal sets the language of her escalation', async () => {
    const { w, signal } = await world('signal');
    signal('ACCEPT');
    signal('LANG FR');
    expect(escalation(w)).toContain(opening('fr'));
  });
});
