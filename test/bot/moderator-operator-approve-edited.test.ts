/**
 * SPEC: SHOW ref carries the exact alert text; APPROVE sends exactly that.
 * The operator at the console is exempt from the "never shown" rule (no
 * notice goes to her), not from the edit rule: an APPROVE of a report another
 * moderator EDITed since her SHOW would send words she never read. It is
 * refused, quoting the text as it now reads, and her next APPROVE sends that
 * (found by a hunt of moderators acting at once).
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const t = catalog('en');
const MOD = '+14155550192';
const MEMBER = '+14155550120';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refIn = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

async function reported(): Promise<{ w: BotWorld; ref: string }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(MEMBER, 'JOIN 415');
  return { w, ref: refIn(w.sms('+14155550130', 'REPORT 415 grey van, punched a worker, plate ABC1234').reply) };
}

describe("the operator's APPROVE of a report edited since her SHOW", () => {
  it('is refused, quoting the new text; her next APPROVE sends it', async () => {
    const { w, ref } = await reported();
    expect(w.bot.operate(`SHOW ${ref}`).reply).toContain('punched a worker');
    expect(w.sms(MOD, `EDIT ${ref} grey van, paid fine, nice guy`).reply).toContain('edited');
    const refused = w.bot.operate(`APPROVE ${ref}`);
    expect(refused.failed).toBe(true);
    expect(refused.reply).toContain('paid fine, nice guy');
    expect(refused.reply).not.toBe(t.modApproved(`#${ref}`, ['415']));
    expect(w.bot.operate(`APPROVE ${ref}`)).toEqual({ reply: t.modApproved(`#${ref}`, ['415']), failed: false });
  });

  it('approves at once once she SHOWed the edited text', async () => {
    const { w, ref } = await reported();
    w.sms(MOD, `EDIT ${ref} grey van, aggressive`);
    expect(w.bot.operate(`SHOW ${ref}`).reply).toContain('aggressive');
    expect(w.bot.operate(`APPROVE ${ref}`)).toEqual({ reply: t.modApproved(`#${ref}`, ['415']), failed: false });
  });

  it('approves at once what she wrote herself with EDIT, and an unedited report she never SHOWed', async () => {
    const { w, ref } = await reported();
    w.bot.operate(`EDIT ${ref} grey van, aggressive`);
    expect(w.bot.operate(`APPROVE ${ref}`)).toEqual({ reply: t.modApproved(`#${ref}`, ['415']), failed: false });
    const other = refIn(w.sms('+14155550131', 'REPORT 415 red car, robbed a worker').reply);
    expect(w.bot.operate(`APPROVE ${other}`)).toEqual({ reply: t.modApproved(`#${other}`, ['415']), failed: false });
  });
});
