/**
 * A guided report's draft outlives a restart of any length: retention runs
 * first at start, and leaves it to the report-draft job, which files it (and
 * tells its sender); it was erased silently after about 40 minutes down.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir } from '../helpers/harness';

const REPORTER = '+14155550105';

it('files a draft that lapsed while the server was down for an hour', async () => {
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await fake.start();
  const dataDir = tempDir();
  let offset = 0;
  const opts = { twilioApiBaseUrl: fake.url, dataDir, env: { MODERATORS: '+14155550199', TWILIO_REDACT: 'off' }, now: () => Date.now() + offset };
  const h = await startHarness(opts);
  await h.sms(REPORTER, 'JOIN 415');
  expect((await h.sms(REPORTER, 'REPORT')).message).toContain('What happened?');
  expect((await h.sms(REPORTER, '1')).message).toContain('When did it happen?');
  await h.close();
  // The server is down for an hour (an upgrade, a backup, a reboot).
  offset += 60 * 60_000;
  const h2 = await startHarness(opts);
  try {
    const drafts = (h2.server.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
    // What the report-drafts job (first run 60 s after start) then does:
    const done = h2.server.expireDrafts();
    expect({ drafts, ...done }).toEqual({ drafts: 1, filed: 1, dropped: 0 });
  } finally {
    await h2.close();
    await fake.stop();
  }
});
