/**
 * The same REPORT again within the hour is not filed twice and gets the first
 * one's answer ("Report #X … is with a moderator"), but only while that report
 * is still pending: once a moderator decided it (REJECT discarded its text,
 * APPROVE sent it), that answer would be false and nothing would be filed. A
 * moderator relaying two callers' reports in the same words files both (found
 * by a hunt of moderators acting at once).
 */
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550191';
const MEMBER = '+14155550120';
const REPORTER = '+14155550130';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const refsIn = (text: string | null) => [...(text ?? '').matchAll(/#([A-Z0-9]{4,6})/g)].map((m) => m[1] as string);
const TEXT = 'REPORT 415 grey van, punched a worker on 5th';

async function line(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(MEMBER, 'JOIN 415');
  return w;
}

describe('the same REPORT again within the hour', () => {
  it('while the first is pending, is answered with its reference and not filed again', async () => {
    const w = await line();
    const first = w.sms(REPORTER, TEXT).reply;
    const [ref] = refsIn(first);
    expect(w.sms(REPORTER, TEXT).reply).toBe(first);
    expect(refsIn(w.sms(MOD, 'PENDING').reply)).toEqual([ref]);
  });

  for (const decision of ['REJECT', 'APPROVE']) {
    it(`after ${decision} of the first, is filed as a new report`, async () => {
      const w = await line();
      const [ref] = refsIn(w.sms(REPORTER, TEXT).reply);
      w.sms(MOD, `${decision} ${ref}`);
      const [again] = refsIn(w.sms(REPORTER, TEXT).reply);
      expect(again).not.toBe(ref);
      expect(refsIn(w.sms(MOD, 'PENDING').reply)).toEqual([again]);
    });
  }

  it("from a moderator relaying two callers' reports in the same words, files both", async () => {
    const w = await line();
    const relay = 'REPORT 415 caller says: white sedan, took money back, threatened with knife';
    const [a] = refsIn(w.sms(MOD, relay).reply);
    const [b] = refsIn(w.sms(MOD, relay).reply);
    expect(b).not.toBe(a);
    expect(refsIn(w.sms(MOD, 'PENDING').reply)).toEqual([a, b]);
  });
});
