/**
 * BUDDY number name on a line outside the US reads a national number as
 * DEFAULT_COUNTRY writes it. Read as a US number, "55 1234 5678" (a Mexico
 * City mobile, as Mexicans write it) invited +1 551-234-5678, a stranger in
 * New Jersey, with the name she gave, and she was told "the number ending
 * 5678" was asked, as if it were her friend's.
 */
import path from 'node:path';
import { findProjectDir } from '../../src/store/find-up';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness } from '../helpers/harness';

const MEMBER = '+525555550131';
const FRIEND = '+525512345678';
const STRANGER = '+15512345678';
const UK_MEMBER = '+447700900131';

describe('BUDDY with a national number on a line whose DEFAULT_COUNTRY is not US', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  describe('a Mexican line', () => {
    beforeAll(async () => {
      ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.mx.example.json'), DEFAULT_COUNTRY: 'MX', SEND_RATE: '1000' } }));
    });
    afterAll(() => stop());

    it('invites the Mexican number the member wrote, never a US stranger', async () => {
      expect((await h.sms(MEMBER, 'UNIRSE')).message).toMatch(/en CDMX\./);
      const r = await h.sms(MEMBER, 'AMIGA 55 1234 5678 Rosa');
      expect(r.message).toContain('5678');
      await waitFor(() => fake.to(FRIEND).length + fake.to(STRANGER).length > 0, 5_000, 'the invitation');
      expect(fake.to(STRANGER)).toEqual([]);
      expect(fake.to(FRIEND).map((m) => m.body).join('\n')).toContain('Rosa');
    });
  });

  describe('a UK line', () => {
    beforeAll(async () => {
      ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.uk.example.json'), DEFAULT_COUNTRY: 'GB', SEND_RATE: '1000' } }));
    });
    afterAll(() => stop());

    it('reads "07911 123456" as the UK mobile it is', async () => {
      await h.sms(UK_MEMBER, 'JOIN LDN');
      const r = await h.sms(UK_MEMBER, 'BUDDY 07911 123456 Rose');
      expect(r.message).toContain('ending 3456');
      await waitFor(() => fake.to('+447911123456').length > 0, 5_000, 'the invitation');
      expect((await h.sms(UK_MEMBER, 'BUDDY OFF 07911 123456')).message).toBe('Heads Up: removed 1 buddy.');
    });
  });
});
