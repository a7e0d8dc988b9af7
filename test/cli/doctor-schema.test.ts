/**
 * doctor finds what a line's database lacks of this version's schema though
 * it records every migration applied: migrations were edited after they had
 * run on main (0052_checkins_restored gained expected_at and
 * restored_question, 0051 a trigger, ...), and the code using them failed as
 * the line ran while doctor said "up to date". What the server makes at
 * start (store/edited-migrations.ts) it says so; anything else fails.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { runDoctor } from '../../src/cli/doctor';
import { lineOfBefore } from '../store/line-of-before';

/** Any key: nothing in these databases is sealed. */
const KEY = Buffer.alloc(32, 9).toString('base64');

/** A line this version migrated, then `sql` run on it (as an earlier edit of a migration left it). */
function lineWithout(sql: string): string {
  const file = lineOfBefore('9999', []);
  const db = new Database(file);
  db.exec(sql);
  db.close();
  return file;
}

async function migrationsCheck(file: string) {
  const checks = await runDoctor({ DATA_DIR: path.dirname(file), HEADSUP_MASTER_KEY: KEY });
  const found = checks.find((c) => c.name === 'migrations');
  return { ok: found?.ok, detail: found?.detail };
}

describe("doctor's migrations check of the schema", () => {
  it('fails naming what a line lacks that no migration makes at start', async () => {
    const found = await migrationsCheck(lineWithout('DROP INDEX decided_requests_at;'));
    expect(found).toEqual({
      ok: false,
      detail: expect.stringMatching(/^schema \d+, but the database lacks index decided_requests_at, which its migrations make now \(one was changed after it ran here\): what uses them fails as the line runs; report this line to the Heads Up project$/),
    });
  });

  it('says the server makes at start what later edits added, where a line ran their first edits (0052 of f2e1078, 0051 of aee7e87)', async () => {
    const found = await migrationsCheck(lineWithout('ALTER TABLE checkins DROP COLUMN restored_question; DROP TRIGGER read_quotes_settled;'));
    expect(found).toEqual({
      ok: true,
      detail: expect.stringMatching(/^schema \d+; the server makes at start what later edits of 0051_read_quotes\.sql, 0052_checkins_restored\.sql added$/),
    });
  });

  it('passes a line with all of it, a column left by the reverted 0043 beside it', async () => {
    const file = lineWithout('ALTER TABLE blocked_senders ADD COLUMN channel_only INTEGER NOT NULL DEFAULT 0');
    expect(await migrationsCheck(file)).toEqual({ ok: true, detail: expect.stringMatching(/^schema \d+, up to date$/) });
  });
});
