/**
 * The join dialogue: a sender whose number names no area (one outside North
 * America, a Signal member with a hidden number) is asked which area, and the
 * answer completes the join. While the question is open, STOP, HELP and
 * DELETE keep their meaning and CANCEL ends it. Real server, real webhooks.
 */
import { conversationKey } from '../../src/store/conversations';
import { memberIndex } from '../../src/store/members';
import { startHarness, tempDir, type Harness } from '../helpers/harness';

const LONDON = '+442079460123';
const PARIS = '+33612345678';

describe('JOIN from a number with no area code', () => {
  let h: Harness;
  beforeAll(async () => {
    // The simulator's server: no carrier answers, so every word is ours to answer (CANCEL too).
    h = await startHarness({ twilio: false });
  });
  afterAll(() => h.close());

  const open = () => (h.server.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;

  it('asks which area, and the answer completes the join', async () => {
    expect((await h.sms(LONDON, 'JOIN')).message).toContain('which area code');
    expect((await h.sms(LONDON, '415')).message).toContain('alerts for 415');
    expect((await h.sms(LONDON, 'AREAS')).message).toContain('415');
    expect(open()).toBe(0);
  });

  it('says what it did not understand and keeps asking; HELP is answered without ending the question', async () => {
    expect((await h.sms(PARIS, 'UNIRSE')).message).toContain('codigo de area');
    expect((await h.sms(PARIS, 'near the station')).message).toContain('"near"');
    expect((await h.sms(PARIS, 'HELP')).message).toContain('JOIN 415');
    // The conversation's language holds for the answer, which names a region.
    expect((await h.sms(PARIS, 'san-francisco')).message).toMatch(/415, 628/);
    expect((await h.sms(PARIS, 'AREAS')).message).toContain('415, 628');
  });

  it('ends on CANCEL, after which the area answer joins nothing: she is told the JOIN that does', async () => {
    const who = '+33612345679';
    await h.sms(who, 'JOIN');
    expect((await h.sms(who, 'cancel')).message).toContain('cancelled');
    expect(open()).toBe(0);
    expect((await h.sms(who, '415')).message).toContain('text JOIN 415');
    expect((await h.sms(who, 'AREAS')).message).toContain('not subscribed');
  });

  it('keeps STOP and DELETE, which end the question too', async () => {
    const a = '+33612345680';
    const b = '+33612345681';
    await h.sms(a, 'JOIN');
    expect((await h.sms(a, 'STOP')).message).toContain('unsubscribed');
    await h.sms(b, 'JOIN');
    expect((await h.sms(b, 'DELETE')).message).toContain('erased');
    expect(open()).toBe(0);
    expect((await h.sms(b, '415')).message).toContain('text JOIN 415');
  });

  it('takes "JOIN 415" as the answer as well', async () => {
    const who = '+33612345682';
    await h.sms(who, 'JOIN');
    expect((await h.sms(who, 'join 212')).message).toContain('alerts for 212');
  });
});

describe('the join question', () => {
  it('survives a restart and lapses after an hour', async () => {
    const dataDir = tempDir();
    let h = await startHarness({ twilio: false, dataDir });
    try {
      expect((await h.sms(LONDON, 'JOIN')).message).toContain('which area code');
      await h.close();
      h = await startHarness({ twilio: false, dataDir });
      expect((await h.sms(LONDON, '312')).message).toContain('alerts for 312');
      // A question left open lapses: its row is gone once the hour has passed.
      await h.sms(PARIS, 'JOIN');
      const key = conversationKey(h.server.vault, memberIndex(h.server.vault, { channel: 'sms', address: PARIS }));
      h.server.db.sqlite.prepare('UPDATE conversations SET expires_at = ? WHERE sender_bidx = ?').run(Date.now() - 1, key);
      const lapsed = (await h.sms(PARIS, '312')).message;
      expect(lapsed).toContain('text JOIN 312');
      expect(lapsed).not.toContain("you'll get");
      expect(h.server.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
    } finally {
      await h.close();
    }
  });
});

describe('with Twilio answering its own keywords', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('takes a bare CANCEL as the opt-out Twilio made of it', async () => {
    await h.sms(LONDON, 'JOIN');
    const r = await h.sms(LONDON, 'CANCEL');
    expect(r.message).toBeNull();
    // Stopped, and no longer asked: a later "415" is not an answer.
    expect((await h.sms(LONDON, '415')).message).toContain('text JOIN 415');
    expect((await h.sms(LONDON, 'AREAS')).message).toContain('not subscribed');
  });
});
