/**
 * BLOCK of a report a moderator filed (she relays callers' reports taken by
 * phone): the block never silences a moderator nor discards her reports, so
 * it says so instead of "The sender of #K is blocked.", and writes no block
 * that would silence her once taken out of MODERATORS (found by a hunt of
 * moderators acting at once).
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, newBot } from '../helpers/bot-world';

const MOD_A = '+14155550191';
const MOD_B = '+14155550192';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refsIn = (text: string | null) => [...(text ?? '').matchAll(/#([A-Z0-9]{4,6})/g)].map((m) => m[1] as string);

describe("BLOCK of a moderator's relayed report", () => {
  it('says she filed it and no one is blocked; her reports stay pending', async () => {
    const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
    const [first] = refsIn(w.sms(MOD_A, 'REPORT 415 caller says grey van guy, Maria is a snitch').reply);
    const [second] = refsIn(w.sms(MOD_A, 'REPORT 415 caller 2: red car, did not pay').reply);
    const answer = w.bot.handle({ sender: sms(MOD_B), text: `BLOCK ${first}`, providerId: 'SMblock1' });
    expect(answer.reply).toBe(t.modBlockedModerator(`#${first}`));
    expect(refsIn(w.sms(MOD_B, 'PENDING').reply)).toEqual([first, second]);
  });

  it('leaves her unblocked once she is taken out of MODERATORS', async () => {
    const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
    const [ref] = refsIn(w.sms(MOD_A, 'REPORT 415 caller says grey van guy').reply);
    w.sms(MOD_B, `BLOCK ${ref}`);
    const after = newBot(w.db, w.vault, w.clock, { moderators: new Set([MOD_B]), moderatorContacts: [sms(MOD_B)] });
    const answer = after.handle({ sender: sms(MOD_A), text: 'REPORT 415 white sedan, took the money back', providerId: 'SMafter1' });
    expect(answer.dropped).toBeUndefined();
    expect(refsIn(answer.reply)).toHaveLength(1);
  });
});
