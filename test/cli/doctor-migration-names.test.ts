/**
 * doctor reads the migrations a database records by name, as the server
 * matches them: by number alone it said "schema 57, up to date" of a line
 * whose 0043 never ran (bb2f3fc's reverted 0043 held the number: no missed
 * check-in escalated), and "newer than this version" of one that recorded
 * write_check under its first number. A name this version does not know,
 * which the server refuses at start, fails naming it.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { BLOCKS_OF_ONE_CHANNEL, filesFrom, lineOfBefore, sqlOf, type RanAs } from '../store/line-of-before';

/** Any key: nothing in these databases is sealed. */
const KEY = Buffer.alloc(32, 9).toString('base64');

async function migrationsCheck(file: string) {
  const checks = await runDoctor({ DATA_DIR: path.dirname(file), HEADSUP_MASTER_KEY: KEY });
  const found = checks.find((c) => c.name === 'migrations');
  return { ok: found?.ok, detail: found?.detail };
}

describe("doctor's migrations check", () => {
  it('counts the migration a line of bb2f3fc, started by a version since, never ran', async () => {
    const ran: RanAs[] = [['0043_blocks_of_one_channel.sql', BLOCKS_OF_ONE_CHANNEL], ...filesFrom('0044').map((f): RanAs => [f, sqlOf(f)])];
    const latest = Number(filesFrom('0000').at(-1)!.slice(0, 4));
    expect(await migrationsCheck(lineOfBefore('0043', ran))).toEqual({ ok: true, detail: `schema ${latest}; the server applies 1 newer migration at start` });
  });

  it('takes write_check recorded as 0058 for the 0054 it is now', async () => {
    const file = lineOfBefore('0054', [['0058_write_check.sql', sqlOf('0054_write_check.sql')]]);
    expect(await migrationsCheck(file)).toEqual({ ok: true, detail: `schema 54; the server applies ${filesFrom('0055').length} newer migrations at start` });
  });

  it('fails naming a migration this version does not know', async () => {
    const file = lineOfBefore('0057', [['0057_something_else.sql', 'SELECT 1;']]);
    expect(await migrationsCheck(file)).toEqual({
      ok: false,
      detail:
        'the database records migration 0057_something_else.sql, which this version of Heads Up does not know: it was made by another version; run that version, or restore a backup made by this one (the server refuses to start on it)',
    });
  });
});
