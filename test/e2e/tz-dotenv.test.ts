/**
 * TZ in `.env` (the README tells operators to put the members' time zone
 * there): check-in times follow it under the real `src/main.ts`, which reads
 * `.env` only once its modules are loaded. The server runs from a folder of
 * its own holding that `.env`, on loopback, against a fake Twilio.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeTwilio } from '../fakes/fake-twilio';
import { startChild, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, smsTo, tempDir, TEST_MASTER_KEY, waitFor } from '../helpers/harness';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const HOUR = 3_600_000;


/** "21:30" in Los Angeles. */
const inLosAngeles = (ms: number) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/Los_Angeles' }).format(ms);
const dayInLosAngeles = (ms: number) => new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', timeZone: 'America/Los_Angeles' }).formatToParts(ms);
/** A check-in's end as the reply writes it: "21:30", or "00:03 on Sun 6" once past midnight there. */
const endInLosAngeles = (end: number) => {
  const part = (ms: number, type: string) => dayInLosAngeles(ms).find((p) => p.type === type)?.value;
  const sameDay = part(end, 'day') === part(end - HOUR, 'day');
  return sameDay ? inLosAngeles(end) : `${inLosAngeles(end)} on ${part(end, 'weekday')} ${part(end, 'day')}`;
};

describe('TZ set in .env', () => {
  let fake: FakeTwilio;
  let child: Child | undefined;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
  });

  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await child?.exited;
    await fake.stop();
  });

  it('writes check-in times in that zone', async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, '.env'), 'TZ=America/Los_Angeles\n', { mode: 0o600 });
    child = await startChild(
      {
        NODE_ENV: 'test',
        DATA_DIR: path.join(cwd, 'data'),
        HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
        PUBLIC_URL,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_FROM_NUMBER: FROM_NUMBER,
        TWILIO_API_BASE_URL: fake.url,
        LOG_LEVEL: 'warn',
      },
      20_000,
      cwd,
    );
    await smsTo(child.url, ROSE, 'JOIN');
    await smsTo(child.url, ROSE, 'BUDDY 415-555-0177 Rose');
    await waitFor(() => fake.to(BUDDY).length === 1, 10_000, 'the invitation');
    await smsTo(child.url, BUDDY, 'ACCEPT');
    const before = Date.now() + HOUR;
    const reply = await smsTo(child.url, ROSE, 'CHECKIN 60');
    const after = Date.now() + HOUR;
    expect(reply).toMatch(new RegExp(`check-in until (${endInLosAngeles(before)}|${endInLosAngeles(after)})\\.`));
  });
});
