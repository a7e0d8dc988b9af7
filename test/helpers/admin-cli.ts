/** Runs the command-line tools (src/cli/admin.ts, src/cli/sim.ts) as child processes, as an operator would. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { builtScript } from './built-src';

const ROOT = path.resolve(__dirname, '../..');

export interface AdminRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run admin -- ...args` (without npm's noise) with exactly `env` (plus PATH); bounded in time. */
export function runAdminCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<AdminRun> {
  return runCli('src/cli/admin.ts', args, env, timeoutMs);
}

/** Runs `npm run admin -- ...args` as `user` (see operator-user.ts); as the tests' own user when null. */
export function runAdminCliAs(user: { uid: number; gid: number } | null, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<AdminRun> {
  return runCli('src/cli/admin.ts', args, env, timeoutMs, user ?? undefined);
}

/** Runs one of src/cli's scripts with `args` and exactly `env` (plus PATH); bounded in time. */
export function runCli(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000, user?: { uid: number; gid: number }): Promise<AdminRun> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [builtScript(script), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...user,
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} ${args[0] ?? ''} did not finish in time`));
    }, timeoutMs);
    // 'close', not 'exit': a process may exit before its piped output has all been read (CI once saw an empty stderr).
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}
