/**
 * Shared pieces of the benchmarks: the fake account they sign with, temp
 * directories, child processes run through tsx (with IPC, killed on exit),
 * and number formatting. Benchmarks print figures; they never assert.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import twilio from 'twilio';

export const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const FROM_NUMBER = '+15005550006';
/** Twilio signs against the public URL; the requests really go to loopback, as behind a proxy. */
export const PUBLIC_URL = 'https://headsup.example.org';
/** The inbound SMS webhook path. */
export const WEBHOOK_PATH = '/webhooks/twilio/sms';
/** A fixed master key (base64 of 32 bytes): benchmarks need no secrecy. */
export const BENCH_MASTER_KEY = Buffer.alloc(32, 9).toString('base64');

/** Area codes libphonenumber accepts as geographic NANP codes (checked when this list was written). */
export const AREA_CODES = [
  '205', '212', '213', '305', '312', '404', '415', '503', '512', '602',
  '617', '702', '713', '718', '720', '804', '808', '816', '901', '919',
];
const EXCHANGES = ['555', '201', '312', '987', '246', '358', '469', '573', '684', '795'];

/** The i-th of 2,000,000 distinct, valid NANP numbers, spread over AREA_CODES. */
export function benchNumber(i: number): string {
  const npa = AREA_CODES[i % AREA_CODES.length] as string;
  const rest = Math.floor(i / AREA_CODES.length);
  const exchange = EXCHANGES[rest % EXCHANGES.length] as string;
  const line = Math.floor(rest / EXCHANGES.length) % 10_000;
  return `+1${npa}${exchange}${String(line).padStart(4, '0')}`;
}

const dirs = new Set<string>();
const children = new Set<ChildProcess>();
// Whatever happens, children are killed and temporary directories removed on the way out.
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Makes a temporary directory; remove it with removeDir (or it goes when this process exits). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `headsup-bench-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** A child process running a TypeScript file through tsx, with an IPC channel. */
export interface Child<Msg> {
  proc: ChildProcess;
  /** Resolves with the next message whose `type` is `type` (rejects if the child exits first or time runs out). */
  next<T extends Msg>(type: string, timeoutMs?: number): Promise<T>;
  send(msg: unknown): void;
  /** Asks the child to stop (SIGTERM), then kills it if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `file` (a .ts path) in a fresh Node process. */
export function spawnTs<Msg extends { type: string }>(file: string, args: string[] = [], env: Record<string, string> = {}): Child<Msg> {
  const proc = fork(file, args, {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CHILD_NODE_ARGS ? process.env.BENCH_CHILD_NODE_ARGS.split(' ') : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(proc);
  const queue: Msg[] = [];
  const waiters: Array<() => void> = [];
  proc.on('message', (m) => {
    queue.push(m as Msg);
    for (const w of waiters.splice(0)) w();
  });
  proc.on('exit', () => {
    children.delete(proc);
    for (const w of waiters.splice(0)) w();
  });
  const child: Child<Msg> = {
    proc,
    async next<T extends Msg>(type: string, timeoutMs = 600_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = queue.findIndex((m) => m.type === type);
        if (i >= 0) return queue.splice(i, 1)[0] as T;
        const err = queue.find((m) => m.type === 'error') as (Msg & { message?: string }) | undefined;
        if (err) throw new Error(`${path.basename(file)} failed: ${err.message}`);
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${path.basename(file)} exited (${proc.exitCode ?? proc.signalCode}) before sending ${type}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${path.basename(file)}: timed out waiting for ${type}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    send(msg) {
      proc.send(msg as object);
    },
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
  return child;
}

/** In a child: reports to the parent; resolves once the message is handed over. */
export function report(msg: { type: string; [k: string]: unknown }): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

/** In a child: runs main, reporting a failure to the parent and exiting non-zero. */
export function childMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const e = err as Error;
    process.stderr.write(`${e.stack ?? String(e)}\n`);
    void report({ type: 'error', message: e.message }).finally(() => process.exit(1));
  });
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function rssMb(): number {
  return process.memoryUsage.rss() / 1024 / 1024;
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`,
  s: (ms: number) => `${(ms / 1000).toFixed(2)} s`,
  mb: (n: number) => `${n.toFixed(0)} MB`,
  pct: (r: number) => `${(r * 100).toFixed(0)}%`,
};

/** A fixed-width table for the console. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')).join('\n');
}

let clockTicks: number | null = null;
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds used so far by a process (Linux /proc; NaN elsewhere). */
export function processCpuS(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] and fields[12] are utime and stime (fields 14 and 15 of proc(5)).
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return NaN;
  }
}

/** CPU seconds the whole machine spent busy so far, over all cores (Linux /proc; NaN elsewhere). */
export function machineBusyS(): number {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const busy = (v[0] ?? 0) + (v[1] ?? 0) + (v[2] ?? 0) + (v[5] ?? 0) + (v[6] ?? 0) + (v[7] ?? 0);
    return busy / ticksPerSecond();
  } catch {
    return NaN;
  }
}

/** Measures CPU use of some processes, this one and the whole machine between start and stop. */
export class CpuMeter {
  private start = { wall: 0, pids: [] as number[], self: 0, machine: 0 };
  constructor(private readonly pids: number[]) {}
  begin(): void {
    this.start = { wall: performance.now(), pids: this.pids.map(processCpuS), self: selfCpuS(), machine: machineBusyS() };
  }
  /** Per-process CPU as a fraction of one core; `other` is every other process on the machine. */
  end(): { pids: number[]; self: number; other: number; cores: number } {
    const wall = (performance.now() - this.start.wall) / 1000;
    const pids = this.pids.map((p, i) => (processCpuS(p) - (this.start.pids[i] ?? 0)) / wall);
    const self = (selfCpuS() - this.start.self) / wall;
    const machine = (machineBusyS() - this.start.machine) / wall;
    return { pids, self, other: Math.max(0, machine - self - pids.reduce((a, b) => a + b, 0)), cores: os.cpus().length };
  }
}

function selfCpuS(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** A free loopback port (for a server started in another process). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Posts one signed inbound SMS to the server at `url`; resolves with the TwiML answer. */
export async function signedSms(url: string, from: string, body: string): Promise<string> {
  const fields = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: ACCOUNT_SID, From: from, To: FROM_NUMBER, Body: body };
  const res = await fetch(`${url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${WEBHOOK_PATH}`, fields),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return res.text();
}

/** Waits until `check` holds or `ms` pass (polling every 20 ms); resolves with whether it held. */
export async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/**
 * A fake Twilio Messages endpoint on loopback: every create is answered after
 * `latencyMs`, with 201 and a message sid, or with Twilio's 429 body when
 * `onCreate` (called as each arrives, with its body) returns 'throttle'.
 */
export function fakeMessagesApi(latencyMs: number, onCreate: (body: string) => 'throttle' | void) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const body = form.get('Body') ?? '';
      const refuse = onCreate(body) === 'throttle';
      setTimeout(() => {
        res.writeHead(refuse ? 429 : 201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            refuse
              ? { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }
              : { sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued', to: form.get('To'), body, account_sid: ACCOUNT_SID, api_version: '2010-04-01', num_segments: '1' },
          ),
        );
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 30_000;
  return {
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits (at most 30 s) until the server at `url` answers /healthz. */
export async function serverUp(url: string): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
