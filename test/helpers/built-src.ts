/**
 * The child processes the tests start (the server, the admin command) run a
 * JavaScript copy of src/, built here by esbuild, the compiler tsx runs on the
 * fly: a child then starts in about half the time of `node --import tsx`, and
 * the e2e tests start hundreds of them.
 *
 * The copy is named by a hash of src/, so the first test that starts a child
 * after an edit builds it again (`npx jest one.test.ts` tests the edit), and a
 * copy is renamed into place whole: two jest workers, or two runs, never see
 * one half-written. It is plain transpiling, as tsx does: `tsc --noEmit` in
 * `npm test` checks the types.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
/** Gitignored. Under the project folder, so the copy finds migrations/, config/ and node_modules/ as src/ does. */
const BUILDS = path.join(ROOT, '.test-build');
/** Older copies than this are removed when a new one is built (a run still using one is long over by then). */
const KEEP_MS = 60 * 60 * 1000;

function tsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...tsFiles(full));
    else if (entry.name.endsWith('.ts')) found.push(full);
  }
  return found.sort();
}

function removeOldBuilds(keep: string): void {
  for (const name of fs.readdirSync(BUILDS)) {
    const dir = path.join(BUILDS, name);
    try {
      if (dir !== keep && Date.now() - fs.statSync(dir).mtimeMs > KEEP_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another run.
    }
  }
}

/** Whether the copy `dir` is there; marked in use, so a run of other source that builds its own does not remove it as old. */
function touched(dir: string): boolean {
  try {
    const now = new Date();
    fs.utimesSync(dir, now, now);
    return true;
  } catch {
    return false;
  }
}

let built: string | undefined;

/** The folder holding the copy of src/ as it is now (built when missing). */
function builtRoot(): string {
  if (built !== undefined) return built;
  const files = tsFiles(SRC);
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  const dir = path.join(BUILDS, hash.digest('hex').slice(0, 16));
  if (!touched(dir)) {
    const staging = `${dir}.${process.pid}.tmp`;
    buildSync({ entryPoints: files, outdir: path.join(staging, 'src'), outbase: SRC, format: 'cjs', platform: 'node', target: `node${process.versions.node}`, logLevel: 'error' });
    try {
      fs.renameSync(staging, dir);
    } catch (err) {
      // Another worker renamed the same copy into place first.
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(dir)) throw err;
    }
    removeOldBuilds(dir);
  }
  built = dir;
  return dir;
}

/** The built JavaScript of a script of src/, by its path in the project: 'src/main.ts' → an absolute path to main.js. */
export function builtScript(script: string): string {
  if (!/^src\/.+\.ts$/.test(script)) throw new Error(`not a script of src/: ${script}`);
  return path.join(builtRoot(), script.replace(/\.ts$/, '.js'));
}
