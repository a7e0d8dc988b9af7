/**
 * Time to alert (issue 8): N members, the real server in a child process,
 * a fake Twilio in this process answering after 250 ms (Twilio's API takes
 * 150–400 ms). A moderator's ALERT is timed from its webhook to the last
 * send reaching the fake, against the ideal N / SEND_RATE, at SEND_RATE 10,
 * 100 and 500, then at 100 with 5 % of sends answered 429. During each
 * fan-out a report is made; its moderator notice's delay is timed too.
 * N is sized so each run's ideal is BENCH_ALERT_SECONDS (10 s by default).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { ACCOUNT_SID, AUTH_TOKEN, BENCH_MASTER_KEY, FROM_NUMBER, fmt, PUBLIC_URL, removeDir, table, tempDir, fakeMessagesApi, freePort, serverUp, signedSms, until } from '../common';
import { AREA, memberNumber, openStore } from '../fanout/shared';

const LATENCY_MS = 250;
const MOD = '+14155550199';
const REPORTER = '+14155550188';

export interface AlertRun {
  rate: number;
  throttledShare: number;
  members: number;
  idealMs: number;
  ms: number;
  /** ideal / measured. */
  ratio: number;
  /** Delay from a report (made mid fan-out) to its notice reaching the fake. */
  noticeMs: number;
  throttled: number;
}

/** The fake Twilio of this benchmark: latency and a share of 429s; records when each create arrived. */
function fakeTwilio(throttledShare: number) {
  // Counted as they arrive: the driver polls these, and must not slow the fake down.
  const seen = { alerts: 0, lastAlertAt: 0, noticeAt: 0, perSecond: [] as number[] };
  let t0 = 0;
  let throttled = 0;
  const api = fakeMessagesApi(LATENCY_MS, (body) => {
    const at = Date.now();
    if (throttledShare > 0 && Math.random() < throttledShare) {
      throttled++;
      return 'throttle';
    }
    if (body.includes('bench alert')) {
      seen.alerts++;
      seen.lastAlertAt = at;
      const sec = Math.floor((at - t0) / 1000);
      seen.perSecond[sec] = (seen.perSecond[sec] ?? 0) + 1;
    } else if (body.includes('bench report') && !seen.noticeAt) seen.noticeAt = at;
  });
  return { ...api, seen, startClock: (t: number) => (t0 = t), throttled: () => throttled };
}

async function seed(dir: string, n: number): Promise<void> {
  const { db, vault } = await openStore(path.join(dir, 'heads-up.db'));
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const phone = memberNumber(i);
      const m = ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', now);
      subscribe(db, m.id, [AREA], now);
    }
  });
  db.close();
}

async function runOnce(rate: number, throttledShare: number, seconds: number): Promise<AlertRun> {
  const members = Math.max(20, Math.round(rate * seconds));
  const dir = tempDir('alert');
  await seed(dir, members);
  const fake = fakeTwilio(throttledShare);
  const fakeUrl = await fake.start();
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATA_DIR: dir,
      HEADSUP_MASTER_KEY: BENCH_MASTER_KEY,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: FROM_NUMBER,
      TWILIO_API_BASE_URL: fakeUrl,
      MODERATORS: MOD,
      SEND_RATE: String(rate),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const up = await serverUp(url);
    if (!up) throw new Error('the server did not start');
    const t0 = Date.now();
    fake.startClock(t0);
    await signedSms(url, MOD, `ALERT ${AREA} bench alert: red sedan`);
    // The report, a fifth of the way through the fan-out.
    await until(() => fake.seen.alerts >= members / 5, seconds * 10_000);
    await signedSms(url, REPORTER, `REPORT ${AREA} bench report: blue truck`);
    const reportedAt = Date.now();
    const done = await until(() => fake.seen.alerts >= members, Math.max(60_000, seconds * 20_000));
    const idealMs = (members / rate) * 1000;
    const ms = done ? fake.seen.lastAlertAt - t0 : NaN;
    if (process.env.BENCH_ALERT_DIAG) console.log(`per second: ${Array.from(fake.seen.perSecond, (x) => x ?? 0).join(' ')}`);
    const noticeMs = fake.seen.noticeAt ? fake.seen.noticeAt - reportedAt : NaN;
    return { rate, throttledShare, members, idealMs, ms, ratio: idealMs / ms, noticeMs, throttled: fake.throttled() };
  } finally {
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    await fake.stop();
    removeDir(dir);
  }
}

export interface AlertFigures {
  runs: AlertRun[];
}

export async function runAlertBench(): Promise<AlertFigures> {
  const seconds = Number(process.env.BENCH_ALERT_SECONDS ?? 10);
  console.log(`\n== time to alert: ideal ${seconds} s per run, fake Twilio answering after ${LATENCY_MS} ms ==`);
  const runs: AlertRun[] = [];
  for (const [rate, share] of [
    [10, 0],
    [100, 0],
    [500, 0],
    [100, 0.05],
  ] as const) {
    const r = await runOnce(rate, share, seconds);
    runs.push(r);
    console.log(
      `SEND_RATE ${rate}${share ? `, ${share * 100}% 429s` : ''}: ${fmt.int(r.members)} members in ${fmt.s(r.ms)} (ideal ${fmt.s(r.idealMs)}) = ${fmt.pct(r.ratio)}; notice during fan-out ${fmt.ms(r.noticeMs)}${share ? `; ${r.throttled} answered 429` : ''}`,
    );
  }
  console.log(
    table([
      ['run', 'members', 'time to last send', 'ideal', '% of ideal', 'notice delay'],
      ...runs.map((r) => [
        `SEND_RATE ${r.rate}${r.throttledShare ? ` + ${r.throttledShare * 100}% 429` : ''}`,
        fmt.int(r.members),
        fmt.s(r.ms),
        fmt.s(r.idealMs),
        fmt.pct(r.ratio),
        fmt.ms(r.noticeMs),
      ]),
    ]),
  );
  return { runs };
}
