/**
 * An error as it reaches the log, read back from the JSON line: its type, code and first frames, and nothing a
 * person could be known by. Two faults it had: a message's own line shaped like a frame ("…\n    at Rick's
 * place") was kept as one, and every frame of the stack went into the line, each with the absolute path of the
 * checkout (a home directory names its user), making an error line some kilobytes long.
 */
import path from 'node:path';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { MAX_FRAMES, safeError } from '../../src/log/safe-error';
import { collectingLogger } from '../helpers/collecting-logger';
import { tempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '..', '..');

/** The err of the one line logged with `err`, and the line as written. */
function logged(err: unknown): { err: { type: string; code?: string; stack?: string }; raw: string } {
  const { log, lines, raw } = collectingLogger();
  log.error({ err: safeError(err) }, 'background job failed');
  expect(lines).toHaveLength(1);
  return { err: (lines[0] as unknown as { err: { type: string; code?: string; stack?: string } }).err, raw: raw[0] as string };
}

function frames(stack: string | undefined): string[] {
  return (stack ?? '').split('\n').filter((l) => l !== '');
}

describe('an error in the log line', () => {
  it("a SQLite constraint error: type, code and its first frames, this file's named from the project, no value", () => {
    const db = new Database(path.join(tempDir(), 'constraint.db'));
    db.exec('CREATE TABLE members (id INTEGER PRIMARY KEY, number_index TEXT UNIQUE NOT NULL, note TEXT)');
    const insert = db.prepare('INSERT INTO members (number_index, note) VALUES (?, ?)');
    insert.run('+14155550100', 'Rick grey van');
    let caught: unknown;
    try {
      insert.run('+14155550100', 'Rick grey van');
    } catch (e) {
      caught = e;
    }
    db.close();
    const { err, raw } = logged(caught);
    expect({ type: err.type, code: err.code }).toEqual({ type: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const kept = frames(err.stack);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(MAX_FRAMES);
    for (const frame of kept) expect(frame).toMatch(/^\s+at \S/);
    expect(err.stack).toContain(`at ${path.join('test', 'log', 'safe-error-logged.test.ts')}:`);
    expect(raw).not.toContain(ROOT + path.sep);
    expect(raw).not.toMatch(/Rick|grey|5550100|constraint failed|members\.number_index/);
  });

  it("drops a message's lines that look like frames, and keeps the real ones", () => {
    const err = new TypeError('bad answer\n    at Rick grey van (pier 39:1:1)\n    at +14155550100:2:2');
    const { err: out, raw } = logged(err);
    expect(raw).not.toMatch(/Rick|grey|pier|5550100|bad answer/);
    expect(frames(out.stack)[0]).toMatch(/^\s+at .*safe-error-logged\.test\.ts:\d+:\d+$/);
  });

  it(`keeps at most ${MAX_FRAMES} frames, the one that threw first`, () => {
    const throwLine = Number(/:(\d+):\d+\)?\n/.exec(new Error().stack ?? '')?.[1]) + 2;
    const deep = (n: number): never => {
      if (n === 0) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return deep(n - 1);
    };
    let caught: unknown;
    try {
      deep(30);
    } catch (e) {
      caught = e;
    }
    const { err } = logged(caught);
    const kept = frames(err.stack);
    expect(kept).toHaveLength(MAX_FRAMES);
    expect(kept[0]).toMatch(new RegExp(`^ {4}at test[/\\\\]log[/\\\\]safe-error-logged\\.test\\.ts:${throwLine}:\\d+$`));
    expect(err.code).toBe('SQLITE_FULL');
  });

  it('never throws, whatever the stack, name or message were made into: the catch that logs it must go on', () => {
    const odd = [
      Object.defineProperty(new Error('x'), 'stack', { value: 42 }),
      Object.defineProperty(new Error('x'), 'message', { value: Symbol('Rick') }),
      Object.assign(new Error('x'), { name: Symbol('grey van') }),
      vm.runInNewContext("Object.defineProperty(new Error('x'), 'message', { value: Symbol('Rick') })") as unknown,
    ];
    for (const err of odd) {
      const { err: out, raw } = logged(err);
      expect(out.type).toEqual(expect.any(String));
      expect(raw).not.toMatch(/Rick|grey/);
    }
  });

  it("drops a message's line shaped like a frame when the message changed after its stack was read", () => {
    const err = new Error('send to\n    at +14155550100 (pier 39:1:1)');
    void err.stack;
    err.message = `wrapped: ${err.message}`;
    const { err: out, raw } = logged(err);
    expect(raw).not.toMatch(/5550100|pier/);
    expect(frames(out.stack)[0]).toMatch(/^ {4}at test[/\\]log[/\\]safe-error-logged\.test\.ts:\d+:\d+$/);
  });

  it("keeps where a frame ran, never its function's name, which data may make (an object's key called)", () => {
    const calls: Record<string, () => Error> = { ['+14155550100']: () => new Error('x') };
    const { err: out, raw } = logged(calls['+14155550100']!());
    expect(raw).not.toMatch(/5550100/);
    expect(frames(out.stack)[0]).toMatch(/^ {4}at test[/\\]log[/\\]safe-error-logged\.test\.ts:\d+:\d+$/);
  });

  it('cuts a frame in a package to node_modules/, wherever it is installed (through a symlink too)', () => {
    const err = new Error('x');
    err.stack = 'Error: x\n    at run (/home/rose/heads-up/node_modules/jest-circus/build/run.js:1:2)\n    at /home/rose/other/thing.js:3:4';
    const { err: out, raw } = logged(err);
    expect(out.stack).toBe('    at node_modules/jest-circus/build/run.js:1:2');
    expect(raw).not.toMatch(/rose/);
  });

  it('never throws for a throwing code or name getter, nor a revoked Proxy', () => {
    const throws = () => {
      throw new Error('Rick');
    };
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(safeError(Object.defineProperty(new Error('x'), 'code', { get: throws }))).toEqual({ type: 'Error' });
    expect(safeError(Object.defineProperty(new Error('x'), 'name', { get: throws }))).toEqual({ type: 'Error' });
    // Nothing can be read of it, not even whether it is an Error.
    expect(safeError(revocable.proxy)).toEqual({ type: 'object' });
  });
});
