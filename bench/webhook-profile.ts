/**
 * `npm run bench:profile`: where the server's time goes per signed webhook
 * (HELP and JOIN), step by step. The real server (bench/webhook/target.ts)
 * runs under `node --cpu-prof`; after a warm-up and a pause, a bounded load
 * is posted, and the event loop's samples from that load alone are put
 * under the step of the webhook path they were taken in (the deepest step
 * on their stack), or under Fastify/Node when in none.
 *
 * A profile, not a measure: sampling costs time, and the socket's writes
 * cost more when the load generator sleeps between answers (a slower server
 * wakes it more often). Compare trees with bench:cpu; read this to know what
 * to look at. `BENCH_PROFILE_DIR=dir` keeps the .cpuprofile files there (open
 * them in Chrome's DevTools). Loopback only; every load is bounded in count.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fmt, spawnTs, table, tempDir, WEBHOOK_PATH } from './common';
import { postWebhooks, signedWebhooks } from './webhook/bodies';

const TEXTS = (process.env.BENCH_TEXTS ?? 'HELP,JOIN').split(',');
const WARM = Number(process.env.BENCH_WARM ?? 30_000);
const COUNT = Number(process.env.BENCH_COUNT ?? 20_000);
/** The driver's pause between warm-up and load, which is how the load's samples are told apart. */
const PAUSE_MS = 2_500;

/** A step: the first that matches a frame, from the sampled function outwards, names the sample. */
const STEPS: Array<[RegExp, string]> = [
  [/^matches src\/channels\/twilio\/signature/, 'signature check (HMAC)'],
  [/ src\/http\/form-body/, 'body parse (form fields)'],
  [/^(parseInboundSms|recut|signedFields) /, 'webhook fields checked'],
  [/^(carrierAction|actedText|keywordAction) /, 'carrier keywords'],
  [/^parse src\/bot\/parser/, 'command parse'],
  [/^twimlReply /, 'TwiML'],
  [/^(deleteInbound|writeInbound) /, "Twilio's copy queued for deletion"],
  [/ node_modules\/(pino|sonic-boom)\/| src\/log\//, 'logging'],
  [/^recogniseRetry /, 'de-dup look-up (provider id)'],
  [/^remember src\/store\/inbound-log/, 'de-dup record (provider id, sealed reply)'],
  [/^identifySender /, 'sender identified (blind indexes, member)'],
  [/^blockAndLimit /, 'block and limit'],
  [/^(turnFor|rememberLanguage) /, 'turn and language (conversation)'],
  [/^dispatch src\/inbound/, "dispatch (the command's handler)"],
  [/^(answerAgain|reportAgain) /, 'repeat marks'],
  [/^(handleNow|flush) src\/inbound/, 'inbound path: other'],
  [/^tick src\/store\/wal-upkeep/, 'WAL checkpoint (timer)'],
  [/ src\/http\/twilio-routes/, 'route: other (reply sent)'],
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which step a sample's stack (sampled function first) was taken in. */
function stepOf(stack: string[]): string {
  const leaf = stack[0] ?? '';
  if (leaf.startsWith('writev ')) return 'socket writes (kernel)';
  if (leaf.startsWith('(garbage collector)')) return 'garbage collection';
  if (leaf.startsWith('(program)')) return 'V8 and native, unattributed';
  // better-sqlite3's own frame, sampled: BEGIN, COMMIT (the WAL written) and a batch's savepoints.
  if (leaf.startsWith('sqliteTransaction ')) return 'SQLite BEGIN/COMMIT/SAVEPOINT';
  for (const frame of stack) for (const [re, step] of STEPS) if (re.test(frame)) return step;
  return 'Fastify and Node HTTP';
}

/** Microseconds per step over the load's samples: those after the last quiet stretch (the pause), until the next. */
function breakdown(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const idle = profile.nodes.find((n) => n.callFrame.functionName === '(idle)')?.id;
  const BUCKET = 500_000;
  const at: number[] = [];
  let t = 0;
  for (const d of profile.timeDeltas) at.push((t += d));
  const busy = new Map<number, number>();
  profile.samples.forEach((s, i) => {
    if (s === idle) return;
    const b = Math.floor((at[i] as number) / BUCKET);
    busy.set(b, (busy.get(b) ?? 0) + (profile.timeDeltas[i] as number));
  });
  const quietBucket = (b: number) => (busy.get(b) ?? 0) < BUCKET / 10;
  const buckets = Math.floor(t / BUCKET) + 1;
  let start = 0;
  let quiet = 0;
  for (let b = 0; b < buckets; b++) {
    if (quietBucket(b)) quiet++;
    else {
      if (quiet >= 3) start = b;
      quiet = 0;
    }
  }
  let end = buckets;
  for (let b = start + 1; b < buckets; b++) {
    if (quietBucket(b)) {
      end = b;
      break;
    }
  }
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}`;
  const steps = new Map<string, number>();
  profile.samples.forEach((s, i) => {
    const b = Math.floor((at[i] as number) / BUCKET);
    if (s === idle || b < start || b >= end) return;
    const stack: string[] = [];
    for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) stack.push(name(byId.get(id) as ProfileNode));
    const step = stepOf(stack);
    steps.set(step, (steps.get(step) ?? 0) + (profile.timeDeltas[i] as number));
  });
  return steps;
}

async function profileText(text: string, silentApi: string, dir: string): Promise<Map<string, number>> {
  process.env.BENCH_CHILD_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=200`;
  const pool = signedWebhooks(WEBHOOK_PATH, text, WARM + COUNT, 1);
  const child = spawnTs<{ type: string; url?: string }>(path.join(__dirname, 'webhook/target.ts'), ['real'], { BENCH_TWILIO_API_BASE_URL: silentApi });
  try {
    const { url } = await child.next<{ type: string; url: string }>('ready', 120_000);
    await postWebhooks(url, pool, 0, WARM, 30);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    await postWebhooks(url, pool, WARM, COUNT, 30);
  } finally {
    await child.stop();
  }
  // The event loop's profile: thread 0 of the server's process (a worker writes its own).
  const file = fs.readdirSync(dir).find((f) => f.includes(`.${child.proc.pid}.0.`) && f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile of the server in ${dir}`);
  if (process.env.BENCH_PROFILE_DIR) console.log(`${text}: ${path.join(dir, file)}`);
  return breakdown(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Profile);
}

async function main(): Promise<void> {
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentApi = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  const dir = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : tempDir('profile');
  fs.mkdirSync(dir, { recursive: true });
  const rows = [['text', 'step', 'share', 'µs per webhook (sampled)']];
  for (const text of TEXTS) {
    const steps = await profileText(text, silentApi, dir);
    const total = [...steps.values()].reduce((a, b) => a + b, 0);
    for (const [step, us] of [...steps].sort((a, b) => b[1] - a[1])) {
      rows.push([text, step, `${((100 * us) / total).toFixed(1)} %`, (us / COUNT).toFixed(1)]);
    }
    rows.push([text, 'all', '100 %', (total / COUNT).toFixed(1)]);
  }
  silent.close();
  console.log(table(rows));
  console.log(`(the event loop's samples over ${fmt.int(COUNT)} webhooks after ${fmt.int(WARM)}; TWILIO_REDACT=${process.env.TWILIO_REDACT ?? 'on'}; a profile, not a measure: compare trees with bench:cpu)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
