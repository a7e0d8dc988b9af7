/**
 * Dispatch throughput against the fake provider: first the raw rate (the
 * TwilioSender's own twilio SDK client doing messages.create at a fixed
 * concurrency), then the real Dispatcher draining a planned alert's outbox
 * through that same client at the same concurrency, in the same process.
 * Args: <db file with a planned alert> <fake url> <concurrency> <batch size> <raw count> <fake pid> <rounds>.
 * The two alternate in rounds; each dispatcher round is a fresh Dispatcher
 * stopped once its share is sent (its ramp-down is counted against it).
 * Each phase reports the CPU (in cores) this client and the fake used.
 */
import { catalog } from '../../src/bot/catalog';
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { Metrics } from '../../src/metrics';
import { DEFAULT_DISPATCHER, Dispatcher, type DispatchObserver } from '../../src/outbox/dispatcher';
import { outboxCounts } from '../../src/store/outbox';
import { ACCOUNT_SID, AUTH_TOKEN, childMain, CpuMeter, FROM_NUMBER, peakRssMb, PUBLIC_URL, report } from '../common';
import { ALERT_TEXT, AREA, memberNumber, openStore, quietLogger } from './shared';

const WARMUP = 2_000;

/** CPU-seconds from cores over `ms`. */
function weigh(c: Cpu, ms: number): Cpu {
  return { client: (c.client * ms) / 1000, fake: (c.fake * ms) / 1000, other: (c.other * ms) / 1000 };
}

/** Cores on average from CPU-seconds over `ms`. */
function sumCpu(list: Cpu[], ms: number): Cpu {
  const s = (k: keyof Cpu) => list.reduce((a, c) => a + c[k], 0) / (ms / 1000);
  return { client: s('client'), fake: s('fake'), other: s('other') };
}

type Cpu = { client: number; fake: number; other: number };

/** Starts measuring CPU; the function returned gives cores used by this process, the fake, and everything else. */
function startCpu(fakePid: number): () => Cpu {
  const meter = new CpuMeter([fakePid]);
  meter.begin();
  return () => {
    const m = meter.end();
    return { client: m.self, fake: m.pids[0] ?? NaN, other: m.other };
  };
}

childMain(async () => {
  const [file, fakeUrl, c, b, rawCount, fakePid, roundsArg] = process.argv.slice(2) as [string, string, string, string, string, string, string];
  const rounds = Number(roundsArg);
  const concurrency = Number(c);
  const batchSize = Number(b);
  const { db, vault } = await openStore(file);
  const log = await quietLogger();
  const sender = new TwilioSender({
    config: { accountSid: ACCOUNT_SID, fromNumber: FROM_NUMBER, apiBaseUrl: fakeUrl, redact: false },
    authToken: AUTH_TOKEN,
    statusCallbackUrl: `${PUBLIC_URL}/webhooks/twilio/status`,
  });

  // Raw: the same client, the same body the dispatcher sends, distinct recipients, `concurrency` sends in flight.
  const body = catalog('en').alert([AREA], ALERT_TEXT);
  const raw = async (from: number, count: number): Promise<{ ms: number; sent: number; failed: number }> => {
    let next = from;
    let sent = 0;
    let failed = 0;
    const end = from + count;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < end) {
          const to = memberNumber(next++);
          try {
            await sender.send(to, body);
            sent++;
          } catch {
            failed++;
          }
        }
      }),
    );
    return { ms: performance.now() - t0, sent, failed };
  };
  await raw(5_000_000, WARMUP);

  // The dispatcher: production options but no rate limit, tuned concurrency and batch size, real metrics.
  const pending = outboxCounts(db).pending ?? 0;
  const metrics = new Metrics(db);
  let done = 0;
  const observer: DispatchObserver = {
    outcome(channel, kind, reason) {
      metrics.outcome(channel, kind, reason);
      if (kind !== 'retry') done++;
    },
  };
  // batchSize is kept in the arguments for older runs; lanes claim only what they can send at once.
  void batchSize;
  const options = { ...DEFAULT_DISPATCHER, sendRate: Infinity, maxInFlight: concurrency };
  const dispatchUntil = async (target: number): Promise<number> => {
    const dispatcher = new Dispatcher(db, vault, new Map([['sms', sender]]), log, options, observer);
    const deadline = Date.now() + 300_000;
    const t0 = performance.now();
    dispatcher.start();
    while (done < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    await dispatcher.stop();
    return performance.now() - t0;
  };

  // Rounds taken in turn (raw slice, dispatcher slice, …) so a passing load on the machine weighs on both.
  const totals = { rawMs: 0, rawSent: 0, rawFailed: 0, dispatchMs: 0 };
  const rawCpu: Cpu[] = [];
  const dispatchCpu: Cpu[] = [];
  const rawTotal = Number(rawCount);
  for (let r = 1; r <= rounds; r++) {
    let cpu = startCpu(Number(fakePid));
    const slice = await raw(6_000_000 + totals.rawSent + totals.rawFailed, Math.round((rawTotal * r) / rounds) - Math.round((rawTotal * (r - 1)) / rounds));
    rawCpu.push(weigh(cpu(), slice.ms));
    totals.rawMs += slice.ms;
    totals.rawSent += slice.sent;
    totals.rawFailed += slice.failed;
    cpu = startCpu(Number(fakePid));
    const ms = await dispatchUntil(r === rounds ? pending : Math.round((pending * r) / rounds));
    dispatchCpu.push(weigh(cpu(), ms));
    totals.dispatchMs += ms;
  }
  const counts = outboxCounts(db);
  await report({ type: 'raw', ms: totals.rawMs, sent: totals.rawSent, failed: totals.rawFailed, cpu: sumCpu(rawCpu, totals.rawMs) });
  await sender.close();
  db.close();
  await report({ type: 'dispatched', ms: totals.dispatchMs, pending, counts, peakRssMb: peakRssMb(), cpu: sumCpu(dispatchCpu, totals.dispatchMs) });
  process.exit(0);
});
