/** Runs src/main.ts (its built copy: built-src.ts) as a child process (one node process, so SIGKILL really kills the server). */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { builtScript } from './built-src';

const ROOT = path.resolve(__dirname, '../..');

/** A free loopback port (there is a small race, acceptable in tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the server with `env` and waits (bounded) until /healthz answers.
 * With `cwd`, it runs from that folder (it reads the `.env` there), as an
 * operator's `npm start` would from theirs.
 */
export async function startChild(env: Record<string, string>, timeoutMs = 20_000, cwd?: string): Promise<Child> {
  const port = await freePort();
  const proc = spawn(process.execPath, [builtScript('src/main.ts')], {
    cwd: cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  proc.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  // 'close', not 'exit': by then everything the process wrote has been read into output.
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited early: ${output.join('').slice(-2000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { proc, url, output, exited };
    } catch {
      // not listening yet
    }
    // Asked often: each test that starts a child waits for this answer.
    await new Promise((r) => setTimeout(r, 25));
  }
  proc.kill('SIGKILL');
  throw new Error('server did not become healthy in time');
}

/**
 * Runs src/main.ts with `env` (as `user`, when given: see operator-user.ts)
 * until it exits: for a start that must fail. Its exit code and what it printed.
 */
export async function startToFail(env: Record<string, string>, user?: { uid: number; gid: number } | null): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const proc = spawn(process.execPath, [builtScript('src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'fatal', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  });
  let stderr = '';
  let stdout = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  // 'close', not 'exit': by then everything the process wrote has been read.
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  return { code, stderr, stdout };
}
