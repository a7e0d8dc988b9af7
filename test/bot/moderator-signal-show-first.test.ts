/**
 * Over Signal a moderator's replies are queued (the outbox), and a queued
 * reply quoting a report counts as showing it to her. APPROVE of a report
 * held in the digest (past the notice cap) is refused with "SHOW it first",
 * which quotes nothing: that refusal, or an APPROVE refused for a mistyped
 * area, must not count as her having read it, or her next APPROVE sends a
 * report she never saw (a hunt of moderators acting at once).
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const t = catalog('en');
const MOD: Sender = { channel: 'signal', address: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544' };
const MEMBER = '+14155550101';
const refIn = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;
let ids = 0;
const fromMod = (w: BotWorld, text: string): string => {
  w.bot.handle({ sender: MOD, text, providerId: `sig-${++ids}` }, 'outbox');
  const queued = w.queued(MOD);
  return queued[queued.length - 1]?.text as string;
};

/** Six reports in one quarter hour: the sixth is only counted into the digest. */
async function flooded(): Promise<{ w: BotWorld; held: string }> {
  const w = await botWorld({ moderators: new Set([MOD.address]), moderatorContacts: [MOD] });
  w.sms(MEMBER, 'JOIN 415');
  const refs = Array.from({ length: 6 }, (_, i) => refIn(w.sms(`+1415555012${i}`, `REPORT 415 report number ${i}, grey van`).reply));
  return { w, held: refs[5] as string };
}

describe('APPROVE over Signal of a report no notice showed her', () => {
  it('is refused again on a second APPROVE: the first refusal showed her nothing', async () => {
    const { w, held } = await flooded();
    expect(fromMod(w, `APPROVE ${held}`)).toBe(t.modShowFirst(`#${held}`));
    expect(fromMod(w, `APPROVE ${held}`)).toBe(t.modShowFirst(`#${held}`));
  });

  it('is refused after an APPROVE refused for a mistyped area', async () => {
    const { w, held } = await flooded();
    expect(fromMod(w, `APPROVE ${held} 999`)).toContain('999');
    expect(fromMod(w, `APPROVE ${held}`)).toBe(t.modShowFirst(`#${held}`));
  });

  it('approves once she SHOWed it', async () => {
    const { w, held } = await flooded();
    expect(fromMod(w, `APPROVE ${held}`)).toBe(t.modShowFirst(`#${held}`));
    expect(fromMod(w, `SHOW ${held}`)).toContain('report number 5');
    expect(fromMod(w, `APPROVE ${held}`)).toBe(t.modApproved(`#${held}`, ['415']));
  });
});
