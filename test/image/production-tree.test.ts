/**
 * The image's tree, built without Docker: the Dockerfile is read and its
 * steps followed in temporary directories (the build stage's COPY and RUN
 * lines, apt-get aside; then only what the runtime stage copies), so this
 * test follows the Dockerfile as it changes. The tree is then started as the
 * image starts it, with NODE_ENV=production, and used as an operator would:
 * /healthz, `heads-up doctor`, `heads-up PENDING`.
 * Slow (a clean install compiles better-sqlite3): run by `npm run test:image`.
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FakeTwilio } from '../fakes/fake-twilio';
import { freePort } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

const ROOT = path.resolve(__dirname, '../..');

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's stages, each a list of instructions (continuation lines joined, comments dropped). */
function readDockerfile(): Instruction[][] {
  const joined = fs
    .readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: Instruction[][] = [];
  for (const line of joined.split('\n')) {
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [, op, args] = m as unknown as [string, string, string];
    if (op === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push({ op, args: args.trim() });
  }
  return stages;
}

/** The .dockerignore entries: what a COPY from the build context never sees. */
function ignored(): (name: string) => boolean {
  const entries = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  return (rel) =>
    rel.split(path.sep).some((seg) => entries.some((e) => (e.startsWith('*') ? seg.endsWith(e.slice(1)) : seg === e)));
}

/** Docker's COPY: several sources or a trailing slash copy into a folder; one source copies to the path. */
function copy(sources: string[], dest: string, fromDir: string, toDir: string, skip: (rel: string) => boolean = () => false): void {
  const into = sources.length > 1 || dest.endsWith('/') || dest === '.';
  for (const src of sources) {
    const from = path.join(fromDir, src);
    const to = into ? path.join(toDir, dest, path.basename(src)) : path.join(toDir, dest);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true, filter: (f) => !skip(path.relative(fromDir, f)) });
  }
}

function run(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.on('error', reject);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out: out.trim() });
    });
  });
}

describe('the production tree (as the Dockerfile builds it)', () => {
  const work = tempDir();
  const buildDir = path.join(work, 'build');
  const appDir = path.join(work, 'app');
  let runtimeEnv: Record<string, string> = {};
  let cmd: string[] = [];

  beforeAll(() => {
    const [build, runtime] = readDockerfile() as [Instruction[], Instruction[]];
    fs.mkdirSync(buildDir, { recursive: true });
    const skip = ignored();
    for (const { op, args } of build) {
      if (op === 'COPY') {
        const parts = args.split(/\s+/);
        copy(parts.slice(0, -1), parts[parts.length - 1] as string, ROOT, buildDir, skip);
      } else if (op === 'RUN' && !args.startsWith('apt-get')) {
        // The npm cache on this machine stands in for Docker's layer cache.
        const { NODE_ENV: _jestEnv, ...env } = process.env;
        execSync(args, { cwd: buildDir, stdio: 'pipe', env: { ...env, npm_config_prefer_offline: 'true' }, timeout: 900_000 });
      }
    }
    fs.mkdirSync(appDir, { recursive: true });
    for (const { op, args } of runtime) {
      if (op === 'COPY') {
        const parts = args.split(/\s+/);
        const from = parts[0]?.startsWith('--from=') ? buildDir : ROOT;
        const sources = parts.slice(from === buildDir ? 1 : 0, -1).map((s) => s.replace(/^\/app\/?/, ''));
        copy(sources, parts[parts.length - 1] as string, from, appDir, from === ROOT ? skip : undefined);
      } else if (op === 'ENV') {
        for (const m of args.matchAll(/(\w+)=(\S+)/g)) runtimeEnv[m[1] as string] = (m[2] as string).replace(/\/app\b/g, appDir).replace('$PATH', process.env.PATH ?? '');
      } else if (op === 'CMD') {
        cmd = JSON.parse(args) as string[];
      }
    }
  }, 900_000);

  // Two node_modules trees: hundreds of megabytes.
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds compiled code and runtime dependencies only', () => {
    expect(fs.existsSync(path.join(appDir, 'dist/src/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(appDir, 'src'))).toBe(false);
    for (const tool of ['tsx', 'typescript', 'esbuild', 'ts-jest', 'jest']) expect({ tool, present: fs.existsSync(path.join(appDir, 'node_modules', tool)) }).toEqual({ tool, present: false });
    expect(runtimeEnv.NODE_ENV).toBe('production');
    expect(runtimeEnv.PATH?.split(':')).toContain(path.join(appDir, 'bin'));
  });

  it('starts with NODE_ENV=production, answers /healthz, and runs heads-up doctor and heads-up PENDING from its PATH', async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ownedNumbers: [FROM_NUMBER], smsUrl: 'https://headsup.example.org/webhooks/twilio/sms' });
    await fake.start();
    const port = await freePort();
    const env: Record<string, string> = {
      ...runtimeEnv,
      // Loopback only, a temporary volume.
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: path.join(work, 'data'),
      HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
      PUBLIC_URL: 'https://headsup.example.org',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: FROM_NUMBER,
      TWILIO_API_BASE_URL: fake.url,
    };
    const [bin, ...args] = cmd as [string, ...string[]];
    const server = spawn(bin === 'node' ? process.execPath : bin, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', (d: Buffer) => (log += d.toString()));
    server.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      let healthy = false;
      for (let i = 0; i < 200 && !healthy && server.exitCode === null; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        if (!healthy) await new Promise((r) => setTimeout(r, 100));
      }
      expect({ healthy, log: healthy ? '' : log.slice(-2000) }).toEqual({ healthy: true, log: '' });
      const doctor = await run('heads-up', ['doctor'], { cwd: appDir, env });
      expect(doctor.out.split('\n').filter((l) => !l.startsWith('OK'))).toEqual([]);
      expect(doctor.code).toBe(0);
      const pending = await run('heads-up', ['PENDING'], { cwd: appDir, env });
      expect(pending).toEqual({ code: 0, out: 'Nothing pending.' });
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await fake.stop();
    }
  });
});
