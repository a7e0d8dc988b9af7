/**
 * A guided report's "anything else" is for the moderators only. Its notice
 * clips it to 160 characters, and an EDIT withdraws the notice: SHOW is where
 * a moderator reads it whole.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const t = catalog('en');
const MOD = '+14155550199';
const REPORTER = '+14155550105';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const NOTE =
  'I know his real name from a friend who saw him at the clinic on Valencia last month, he also goes by Mike, ' +
  'and he told me he works at the port; please call me before you send anything, I am scared he will know it was me who told you';

describe('SHOW of a guided report', () => {
  it('shows the reporter’s note whole, also after an EDIT', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    let reply: string | null = null;
    for (const answer of ['REPORT 415', '1', 'SKIP', 'SKIP', 'tall, grey beard', 'SKIP', 'SKIP', NOTE, 'DONE']) reply = w.sms(REPORTER, answer).reply;
    const ref = /#([A-Z0-9]{4,6})/.exec(reply ?? '')![1]!;
    expect(NOTE.length).toBeGreaterThan(160);
    expect(w.queued(sms(MOD)).map((q) => q.text).join('\n')).not.toContain(NOTE);
    expect(w.sms(MOD, `SHOW ${ref}`).reply).toContain(`\nNote: ${NOTE}`);
    w.sms(MOD, `EDIT ${ref} tall man, grey beard, violent`);
    expect(w.sms(MOD, `SHOW ${ref}`).reply).toBe(t.modShow(`#${ref}`, t.alert(['415'], 'tall man, grey beard, violent'), 1, NOTE));
  });
});
