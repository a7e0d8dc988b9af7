/** A start with a misspelled setting (RETENTION_DAY) logs one warning naming the one meant, never the value, and still starts. */
import path from 'node:path';
import { startChild, type Child } from '../helpers/child-server';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';

describe('a start with a name the line does not read', () => {
  let child: Child | undefined;
  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await child?.exited;
  });

  it('logs a warning naming the setting meant, and serves', async () => {
    child = await startChild({ NODE_ENV: 'test', DATA_DIR: path.join(tempDir(), 'data'), HEADSUP_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'warn', RETENTION_DAY: 'thirty-days-qzx' });
    expect((await fetch(`${child.url}/healthz`)).ok).toBe(true);
    const logged = child.output
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    // One line, at warn; the start's own names (PATH, PORT, HOST...) give none.
    expect(logged.filter((l) => l.msg.includes('not a Heads Up setting'))).toEqual([expect.objectContaining({ level: 40, msg: 'RETENTION_DAY is not a Heads Up setting (RETENTION_DAYS?)' })]);
    expect(child.output.join('')).not.toContain('qzx');
  });
});
