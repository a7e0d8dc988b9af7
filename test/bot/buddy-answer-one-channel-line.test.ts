/**
 * ACCEPT or DECLINE from someone nobody asked, on a line that sends on one
 * channel only: the reply says no one asked, and no longer tells them to
 * answer on a channel the line does not have ("If you were asked by SMS,
 * text ACCEPT there" on a Signal-only line). Found by a hostile review of
 * 5a09658, which fixed the hidden-number reply alone.
 */
import { catalog } from '../../src/bot/catalog';
import { otherSends } from '../../src/bot/buddy-answers';

const LANGS = ['en', 'es', 'fr', 'pt'] as const;

describe('the no-invitation replies on a line with one channel', () => {
  it.each(LANGS)('%s: name no other channel when the line does not send on it', (lang) => {
    const t = catalog(lang);
    for (const via of ['sms', 'signal'] as const) {
      const other = via === 'sms' ? 'Signal' : 'SMS';
      for (const reply of [t.buddyNoInviteHere(via, false), t.buddyNotAskedHere(via, false)]) {
        expect(reply).not.toContain(other);
        expect(reply.startsWith('Heads Up:')).toBe(true);
      }
      // Where the line has both, the other channel is still named, as before.
      for (const reply of [t.buddyNoInviteHere(via, true), t.buddyNotAskedHere(via, true)]) expect(reply).toContain(other);
    }
  });

  it('knows which lines send on the other channel', () => {
    expect(otherSends(['signal'], 'signal')).toBe(false);
    expect(otherSends(['sms'], 'sms')).toBe(false);
    expect(otherSends(['sms', 'signal'], 'signal')).toBe(true);
    expect(otherSends(['sms', 'signal'], 'sms')).toBe(true);
  });
});
