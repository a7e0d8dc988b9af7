/**
 * DELETE and check-ins (issue 13): after a check-in ran out and the buddy
 * was told, the member's DELETE leaves nothing of the check-in or the buddy
 * link in the database or its WAL: no details, no name, no buddy index, no
 * sealed value that opens to them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buddyIndex } from '../../src/store/buddies';
import { openBody } from '../../src/store/outbox';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness } from '../helpers/harness';
import { findNeedles, numberForms } from '../helpers/needles';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';

describe('DELETE after a check-in ran out', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  // The server's clock is moved on past a check-in's end (0.05 minutes, 3 s) rather than waited for.
  let ahead = 0;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { CHECKIN_MIN_MINUTES: '0.05', TWILIO_REDACT: 'off' }, now: () => Date.now() + ahead }));
  });
  afterAll(() => stop());

  const files = () => {
    const db = path.join(h.dataDir, 'heads-up.db');
    return [db, `${db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  };
  const sqlite = () => h.server.db.sqlite;

  it('erases the check-in, the messages that carried its details and the buddy link, in the files too', async () => {
    await h.sms(ROSE, 'JOIN');
    await h.sms(ROSE, 'BUDDY 415-555-0177 Rosalind');
    await waitFor(() => fake.to(BUDDY).length === 1, 10_000, 'the invitation');
    await h.sms(BUDDY, 'ACCEPT');
    await h.sms(ROSE, 'CHECKIN 0.05 orange hatchback');
    ahead += 3_000;
    await waitFor(() => fake.to(BUDDY).some((m) => m.body.includes('orange hatchback')), 15_000, 'the escalation');
    const sealed = [
      ...(sqlite().prepare('SELECT name_ct AS ct FROM buddies UNION ALL SELECT address_ct FROM buddies').all() as Array<{ ct: Buffer }>),
      ...(sqlite().prepare('SELECT details_ct AS ct FROM checkins WHERE details_ct IS NOT NULL').all() as Array<{ ct: Buffer }>),
    ].map((r) => r.ct.subarray(0, 32));
    expect(sealed).toHaveLength(3);
    const needles = [...sealed, buddyIndex(h.server.vault, BUDDY)];
    const present = () => files().some((bytes) => needles.some((n) => bytes.includes(n)));
    expect(present()).toBe(true);

    expect((await h.sms(ROSE, 'DELETE')).message).toContain('erased');
    await waitFor(() => !present(), 5_000, 'the check-in and the link to leave the files');
    for (const bytes of files()) expect(findNeedles(bytes, ['orange hatchback', 'Rosalind', ...numberForms(ROSE)])).toEqual([]);
    expect(sqlite().prepare('SELECT (SELECT count(*) FROM buddies) + (SELECT count(*) FROM checkins) + (SELECT count(*) FROM checkin_messages) AS n').get()).toEqual({ n: 0 });
    const bodies = (sqlite().prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>).map(
      (r) => openBody(h.server.vault, r),
    );
    expect(bodies.filter((b) => b.includes('orange hatchback') || b.includes('Rosalind'))).toEqual([]);
  }, 40_000);
});

describe('a check-in replaced by another', () => {
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ h, stop } = await startTwilioLine({ env: { TWILIO_REDACT: 'off' } }));
    // A database truncates its WAL once after opening (a kill may have interrupted an erase): let that pass first.
    await new Promise((r) => setTimeout(r, 1_500));
  });
  afterAll(() => stop());

  it('leaves nothing of the first one’s details in the files, as OK would', async () => {
    const sqlite = h.server.db.sqlite;
    await h.sms(ROSE, 'JOIN');
    await h.sms(ROSE, 'BUDDY 415-555-0177 Rosalind');
    await h.sms(BUDDY, 'ACCEPT');
    expect((await h.sms(ROSE, 'CHECKIN 60 orange hatchback')).message).toMatch(/check-in/i);
    const first = (sqlite.prepare('SELECT details_ct AS ct FROM checkins').get() as { ct: Buffer }).ct.subarray(0, 32);
    const db = path.join(h.dataDir, 'heads-up.db');
    const holds = () => [db, `${db}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(first));
    expect(holds()).toBe(true);

    expect((await h.sms(ROSE, 'CHECKIN 90 blue van')).message).toMatch(/check-in/i);
    await waitFor(() => !holds(), 5_000, 'the first details to leave the files').catch(() => undefined);
    expect(holds()).toBe(false);
  });
});
