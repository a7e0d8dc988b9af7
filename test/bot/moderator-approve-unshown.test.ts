/**
 * Moderators approve exactly what goes out, having read it. Past the cap on
 * report notices (5 a quarter hour) a report is only counted into a digest
 * ("1 more report waiting; text PENDING"), and PENDING lists references and
 * areas, not texts: a flood of junk reports could push a malicious one there
 * to be approved unread. APPROVE of a report whose text was never shown to
 * that moderator (no notice of it queued to her, no SHOW, not her EDIT) is
 * refused until she SHOWs it.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const t = catalog('en');
const MOD_A = '+14155550198';
const MOD_B = '+14155550199';
// A member in 415: an approval no one would get is answered otherwise (moderator-alert-to-empty-area).
const MEMBER = '+14155550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refIn = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

/** Six reports from six numbers in one quarter hour: the sixth is only counted into the digest. Returns the refs. */
async function flooded(): Promise<{ w: BotWorld; refs: string[] }> {
  const alerts: number[] = [];
  const w = await botWorld({ moderators: new Set([MOD_A, MOD_B]), moderatorContacts: [sms(MOD_A), sms(MOD_B)], onAlert: (id) => alerts.push(id) });
  w.sms(MEMBER, 'JOIN 415');
  const refs = Array.from({ length: 6 }, (_, i) => refIn(w.sms(`+1415555012${i}`, `REPORT 415 report number ${i}, grey van`).reply));
  expect(w.sms(MOD_A, 'PENDING').reply).toContain(`#${refs[5]}`);
  return { w, refs };
}

describe('APPROVE of a report no notice showed', () => {
  it('is refused until she SHOWs it, then approves it', async () => {
    const { w, refs } = await flooded();
    const ref = refs[5] as string;
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modShowFirst(`#${ref}`));
    expect(w.sms(MOD_A, `SHOW ${ref}`).reply).toContain('report number 5');
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
  });

  it("is refused to a moderator though another SHOWed it: she has not read it", async () => {
    const { w, refs } = await flooded();
    const ref = refs[5] as string;
    w.sms(MOD_B, `SHOW ${ref}`);
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modShowFirst(`#${ref}`));
  });

  it('approves at once a report whose own notice was queued to her', async () => {
    const { w, refs } = await flooded();
    const ref = refs[4] as string;
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
  });

  it('approves at once what she wrote herself with EDIT', async () => {
    const { w, refs } = await flooded();
    const ref = refs[5] as string;
    expect(w.sms(MOD_A, `EDIT ${ref} grey van, aggressive`).reply).toContain('edited');
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
  });

  it('approves from SMS what she SHOWed over Signal: listed by number and by Signal UUID, one person on one phone', async () => {
    const uuid = '0b6c1a52-3f0e-4a51-9a0e-5c1f6f2d7a11';
    const signal: Sender = { channel: 'signal', address: uuid, phone: MOD_A };
    const w = await botWorld({ moderators: new Set([MOD_A, uuid, MOD_B]), moderatorContacts: [sms(MOD_A), signal, sms(MOD_B)] });
    w.sms(MEMBER, 'JOIN 415');
    const refs = Array.from({ length: 6 }, (_, i) => refIn(w.sms(`+1415555012${i}`, `REPORT 415 report number ${i}, grey van`).reply));
    const ref = refs[5] as string;
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modShowFirst(`#${ref}`));
    expect(w.bot.handle({ sender: signal, text: `SHOW ${ref}`, providerId: 'sig-show-1' }).reply).toContain('report number 5');
    expect(w.sms(MOD_A, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
  });
});
