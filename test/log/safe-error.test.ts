import vm from 'node:vm';
import { safeError } from '../../src/log/safe-error';

describe('safeError', () => {
  it('keeps the type, the code and the call stack', () => {
    const err = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const safe = safeError(err);
    expect(safe.type).toBe('Error');
    expect(safe.code).toBe('SQLITE_FULL');
    expect(safe.stack).toMatch(/^\s+at .*safe-error\.test\.ts/);
  });

  it('drops the message, even a many-line one, and every other property', () => {
    let err: Error;
    try {
      JSON.parse('{"text": "grey van near the pier, driver called Rick" +1 415');
      throw new Error('unreachable');
    } catch (e) {
      err = e as Error;
    }
    Object.assign(err, { config: { data: 'To=%2B14155550100&Body=grey+van' } });
    const multi = new TypeError('first line\nREPORT 415 tall man, grey pickup');
    for (const e of [err, multi]) {
      const text = JSON.stringify(safeError(e));
      expect(text).not.toMatch(/grey|pier|Rick|415|first line/);
      expect(text).toContain('at ');
    }
  });

  it('keeps the code of an error made in another context (a native module loaded by an earlier test file)', () => {
    const err = vm.runInNewContext("Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })") as unknown;
    expect(err instanceof Error).toBe(false);
    expect(safeError(err)).toMatchObject({ type: 'Error', code: 'SQLITE_BUSY' });
    expect(JSON.stringify(safeError(err))).not.toContain('locked');
  });

  it('describes what is not an Error by its type only', () => {
    expect(safeError('+14155550100 said hi')).toEqual({ type: 'string' });
  });
});
