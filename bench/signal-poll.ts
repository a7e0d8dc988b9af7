/**
 * `npm run bench:signal-poll`: how soon a member is answered over Signal when
 * Heads Up polls (issue 15 item 1: the default, lossless mode). A fake
 * signal-cli-rest-api in native mode on loopback; the server in process with
 * the production receive and dispatch tuning (a poll of `timeout=1` every
 * second). Each sample: a member's HELP arrives at a random moment, and the
 * time until the reply reaches the fake is measured. Figures only; bounded in
 * count and time. Loopback hides signal-cli's own start-up per request in
 * native mode (add it on a real server).
 */
import { FakeSignal, textEnvelope } from '../test/fakes/fake-signal';
import { readConfig } from '../src/config/env';
import { createLogger } from '../src/log/logger';
import { createServer } from '../src/server';
import { BENCH_MASTER_KEY, fmt, removeDir, table, tempDir } from './common';

const SIGNAL_NUMBER = '+15005550199';
const SAMPLES = 40;
const SAMPLE_TIMEOUT_MS = 15_000;
/** The README's promise: a member is answered within this at the median. */
export const TARGET_MEDIAN_MS = 3_000;

const uuid = (n: number) => `5d4c3b2a-1908-4f7e-8d6c-${String(n).padStart(12, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export interface PollFigures {
  samples: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
}

export async function runSignalPollBench(): Promise<PollFigures> {
  const signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
  await signal.start();
  const dataDir = tempDir('signal-poll');
  const { config, secrets } = readConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    HEADSUP_MASTER_KEY: BENCH_MASTER_KEY,
    SIGNAL_API_URL: signal.url,
    SIGNAL_NUMBER,
    LOG_LEVEL: 'warn',
  });
  if (config.signal?.receiveMode !== 'poll') throw new Error('expected polling to be the default');
  const server = await createServer({ config, secrets, log: createLogger('warn', { write: () => undefined }) });
  await server.start();
  const times: number[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      // Arrive anywhere in the poll cycle.
      await sleep(Math.floor(Math.random() * 1_500));
      const who = { uuid: uuid(i), number: null };
      const t0 = performance.now();
      signal.push(textEnvelope(SIGNAL_NUMBER, who, 'HELP'));
      const deadline = Date.now() + SAMPLE_TIMEOUT_MS;
      while (signal.to(who.uuid).length === 0 && Date.now() < deadline) await sleep(2);
      if (signal.to(who.uuid).length === 0) throw new Error(`sample ${i}: no reply within ${SAMPLE_TIMEOUT_MS} ms`);
      times.push(performance.now() - t0);
    }
  } finally {
    await server.close();
    await signal.stop();
    removeDir(dataDir);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const figures = { samples: sorted.length, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), maxMs: sorted.at(-1) as number };
  console.log('\n== Signal polling: a member\'s HELP to its reply (loopback, fake signal-cli-rest-api, native mode) ==');
  console.log(
    table([
      ['samples', 'median', 'p90', 'max', 'median vs 3 s target'],
      [String(figures.samples), fmt.ms(figures.medianMs), fmt.ms(figures.p90Ms), fmt.ms(figures.maxMs), `${fmt.pct(figures.medianMs / TARGET_MEDIAN_MS)} (${figures.medianMs <= TARGET_MEDIAN_MS ? 'met' : 'NOT met'})`],
    ]),
  );
  return figures;
}

if (require.main === module) {
  runSignalPollBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
