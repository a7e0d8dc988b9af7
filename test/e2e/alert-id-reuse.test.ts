/**
 * Alert ids are reused once retention erases the newest alert (a new row
 * takes max(id) + 1), and the sender keeps opened alerts in memory: the next
 * alert, on a server that has run that long, goes out with its own text.
 */
import { runRetention } from '../../src/jobs/retention';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const ROSA = '+14155550101';

describe('an alert after the last one aged out, on a server that has run that long', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' } }));
    await h.sms(ROSA, 'JOIN 415');
  });
  afterAll(() => stop());

  it('is sent with its own text', async () => {
    expect((await h.sms(MOD, 'ALERT 415 grey van, old news')).message).toMatch(/Alert #[A-Z0-9]{4,6} going to 415/);
    await waitFor(() => fake.to(ROSA).some((m) => m.body.includes('grey van')), 5000, 'first alert');
    const ids = () => (h.server.db.sqlite.prepare('SELECT id FROM alerts').all() as Array<{ id: number }>).map((r) => r.id);
    const first = ids();
    // Ninety-one days on, retention erases it (the server still running).
    runRetention(h.server.db, 90, Date.now() + 91 * 86_400_000);
    expect(ids()).toEqual([]);
    const before = fake.to(ROSA).length;
    expect((await h.sms(MOD, 'ALERT 415 red truck, knife, today')).message).toMatch(/Alert #[A-Z0-9]{4,6} going to 415/);
    await waitFor(() => fake.to(ROSA).length > before, 5000, 'second alert');
    expect(ids()).toEqual(first); // the id was reused
    expect(fake.to(ROSA).slice(before).map((m) => m.body)).toEqual([expect.stringContaining('red truck, knife, today')]);
  });
});
