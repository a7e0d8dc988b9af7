/**
 * SUBSCRIBE_MODE=approval: REJECT of a join request erases the applicant as
 * DELETE would, but not her link to the reports she filed that are still
 * pending: those are still to be decided, and a moderator who finds them to
 * be doxxing must be able to BLOCK her by one, which discards the others
 * (before, BLOCK said falsely she had erased her data with DELETE, and her
 * other reports stayed approvable; found by a hunt of moderators acting at once).
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
const TROLL = '+14155550166';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refIn = (text: string | null, re = /#([A-Z0-9]{4,6})/) => re.exec(text ?? '')?.[1] as string;

describe('BLOCK of a report whose sender was refused as an applicant since', () => {
  it('blocks her and discards her other pending reports', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)] });
    w.sms(TROLL, 'JOIN 415');
    const join = refIn(w.sms(MOD_B, 'PENDING').reply, /#([A-Z0-9]{4,6}) join/);
    const first = refIn(w.sms(TROLL, 'REPORT 415 Maria on 5th st is a snitch, her number is 415 555 0177').reply);
    const second = refIn(w.sms(TROLL, 'REPORT 415 Jess at the motel steals clients, 415 555 0178').reply);
    expect(w.sms(MOD_A, `REJECT ${join}`).reply).toBe(t.modRejected(`#${join}`));
    expect(w.sms(MOD_A, `BLOCK ${first}`).reply).toBe(t.modBlockedDiscarded(`#${first}`, 2));
    expect(w.sms(MOD_B, `APPROVE ${second}`).reply).toBe(t.modAlreadyDecided(`#${second}`));
    // Blocked: what she sends now is dropped unanswered.
    expect(w.sms(TROLL, 'REPORT 415 more lies').reply).toBeNull();
  });

  it('leaves the link to a report decided before the refusal erased, as DELETE does', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD_A]), moderatorContacts: [sms(MOD_A)] });
    w.sms(TROLL, 'JOIN 415');
    const join = refIn(w.sms(MOD_A, 'PENDING').reply, /#([A-Z0-9]{4,6}) join/);
    const decided = refIn(w.sms(TROLL, 'REPORT 415 grey van, driver shouted').reply);
    expect(w.sms(MOD_A, `REJECT ${decided}`).reply).toBe(t.modRejected(`#${decided}`));
    expect(w.sms(MOD_A, `REJECT ${join}`).reply).toBe(t.modRejected(`#${join}`));
    expect(w.sms(MOD_A, `BLOCK ${decided}`).reply).toBe(t.modSenderErased(`#${decided}`));
  });
});
