/**
 * Check-in escalation during a large fan-out (issue 13): the real server in
 * a child process, a fake Twilio answering after 250 ms. A moderator's
 * ALERT starts a fan-out that lasts about BENCH_CHECKIN_FANOUT_S seconds
 * (40 by default) at SEND_RATE 100; a member's 15-second check-in (the
 * bound is lowered with NODE_ENV=test) runs out in the middle of it. Prints
 * the delay from the deadline to the escalation reaching the fake, against
 * the 30 s the issue allows, and how far the fan-out was. Figures only.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureMember } from '../src/store/members';
import { subscribe } from '../src/store/subscriptions';
import { ACCOUNT_SID, AUTH_TOKEN, BENCH_MASTER_KEY, FROM_NUMBER, fmt, PUBLIC_URL, removeDir, table, tempDir, fakeMessagesApi, freePort, serverUp, signedSms, until } from './common';
import { AREA, memberNumber, openStore } from './fanout/shared';

const LATENCY_MS = 250;
const MOD = '+14155550199';
const ROSE = '+12065550100';
const BUDDY = '+12065550177';
const CHECKIN_S = 15;
const BUDGET_MS = 30_000;

/** The fake Twilio of this benchmark: records when the fan-out, the escalation and the member's notice arrive. */
function fakeTwilio() {
  const seen = { alerts: 0, escalationAt: 0, toldAt: 0, alertsAtEscalation: 0 };
  const api = fakeMessagesApi(LATENCY_MS, (body) => {
    if (body.includes('bench alert')) seen.alerts++;
    else if (body.includes('bench details') && !seen.escalationAt) {
      seen.escalationAt = Date.now();
      seen.alertsAtEscalation = seen.alerts;
    } else if (body.includes("didn't check in") && !seen.toldAt) seen.toldAt = Date.now();
  });
  return { ...api, seen };
}

async function main(): Promise<void> {
  const rate = Number(process.env.BENCH_CHECKIN_RATE ?? 100);
  const members = Math.round(rate * Number(process.env.BENCH_CHECKIN_FANOUT_S ?? 40));
  const dir = tempDir('checkin');
  const { db, vault } = await openStore(path.join(dir, 'heads-up.db'));
  const seededAt = Date.now();
  db.transaction(() => {
    for (let i = 0; i < members; i++) {
      const phone = memberNumber(i);
      subscribe(db, ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', seededAt).id, [AREA], seededAt);
    }
  });
  db.close();
  const fake = fakeTwilio();
  const fakeUrl = await fake.start();
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATA_DIR: dir,
      HEADSUP_MASTER_KEY: BENCH_MASTER_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: FROM_NUMBER,
      TWILIO_API_BASE_URL: fakeUrl,
      TWILIO_REDACT: 'off',
      MODERATORS: MOD,
      SEND_RATE: String(rate),
      CHECKIN_MIN_MINUTES: '0.05',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    if (!(await serverUp(url))) throw new Error('the server did not start');
    await signedSms(url, ROSE, 'JOIN 206');
    await signedSms(url, ROSE, 'BUDDY 206-555-0177 Rose');
    await signedSms(url, BUDDY, 'ACCEPT');
    await signedSms(url, MOD, `ALERT ${AREA} bench alert: red sedan`);
    await until(() => fake.seen.alerts >= rate, 30_000);
    // The deadline is at most this late: the check-in starts while its webhook is handled.
    const deadline = Date.now() + CHECKIN_S * 1000;
    await signedSms(url, ROSE, `CHECKIN ${CHECKIN_S / 60} bench details: grey van`);
    await until(() => fake.seen.escalationAt > 0 && fake.seen.toldAt > 0, CHECKIN_S * 1000 + 60_000);
    const delay = fake.seen.escalationAt - deadline;
    const told = fake.seen.toldAt - deadline;
    console.log(`\n== check-in escalation during a fan-out: ${fmt.int(members)} members at SEND_RATE ${rate}, fake Twilio answering after ${LATENCY_MS} ms ==`);
    console.log(
      table([
        ['figure', 'measured'],
        ['deadline to escalation at the fake', fmt.ms(delay)],
        ['delay / 30 s allowed', fmt.pct(delay / BUDGET_MS)],
        ['deadline to the member told', fmt.ms(told)],
        ['fan-out sent when the escalation arrived', `${fmt.int(fake.seen.alertsAtEscalation)} of ${fmt.int(members)} (${fmt.pct(fake.seen.alertsAtEscalation / members)})`],
      ]),
    );
  } finally {
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    await fake.stop();
    removeDir(dir);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
