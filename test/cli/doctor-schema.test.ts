/**
 * doctor finds what a line's database lacks of this version's schema though
 * it records every migration applied: migrations were edited after they had
 * run on main (0052_checkins_restored gained expected_at and
 * restored_question, 0040 checkin_refs.folded, 0045 members.invalid_since,
 * 0051 a trigger), and the code using them failed as the line ran while
 * doctor said "up to date".
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
  it('fails naming the columns and trigger a line that ran earlier edits of 0052 and 0051 lacks', async () => {
    const file = lineWithout('ALTER TABLE checkins DROP COLUMN restored_question; DROP TRIGGER read_quotes_settled;');
    const found = await migrationsCheck(file);
    expect(found.ok).toBe(false);
    expect(found.detail).toMatch(/^schema \d+, but the database lacks (checkins\.restored_question, trigger read_quotes_settled|trigger read_quotes_settled, checkins\.restored_question), which its migrations make now \(one was changed after it ran here\): what uses them fails as the line runs; report this line to the Heads Up project$/);
  });

  it('passes a line with all of it, a column left by the reverted 0043 beside it', async () => {
    const file = lineWithout('ALTER TABLE blocked_senders ADD COLUMN channel_only INTEGER NOT NULL DEFAULT 0');
    expect(await migrationsCheck(file)).toEqual({ ok: true, detail: expect.stringMatching(/^schema \d+, up to date$/) });
  });
});
