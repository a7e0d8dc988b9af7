/**
 * SPEC: "REJECT ref | moderator | discard the report". A rejected report
 * (REJECT, or BLOCK discarding the sender's pending ones) loses at once its
 * text, its guided answers and the index of every identifier it names: a
 * false or doxxing report must not wait 90 days in the file for whoever
 * holds the key. Its reference, state and reporter link stay, so "already
 * decided" and BLOCK of it still work. Real SQLite file, real crypto.
 */
import fs from 'node:fs';
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import { findReport } from '../../src/store/reports';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const DAY = 86_400_000;
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const refOf = (text: string) => /#([A-Z0-9]{4,6})/.exec(text)?.[1] as string;

/** What a seized file holds of the report with that reference: whether its text and fields are there, and how many identifiers it indexes. */
function held(w: BotWorld, ref: string): { text: boolean; fields: boolean; identifiers: number } {
  const row = w.db.sqlite
    .prepare('SELECT text_ct IS NOT NULL AS text, fields_ct IS NOT NULL AS fields, (SELECT count(*) FROM report_identifiers WHERE report_id = reports.id) AS n FROM reports WHERE ref = ?')
    .get(ref) as { text: number; fields: number; n: number };
  return { text: row.text === 1, fields: row.fields === 1, identifiers: row.n };
}

function guided(w: BotWorld): string {
  for (const a of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'SKIP', '415-555-0177']) say(w, REPORTER, a);
  return refOf(say(w, REPORTER, 'DONE'));
}

describe('REJECT of a report', () => {
  it('discards its text and the identifiers it names at once, keeping the reference', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 grey van plate 7ABC123, 415-555-0177'));
    expect(held(w, ref)).toEqual({ text: true, fields: false, identifiers: 2 });
    expect(say(w, MOD, `REJECT ${ref}`)).toBe(t.modRejected(`#${ref}`));
    expect(held(w, ref)).toEqual({ text: false, fields: false, identifiers: 0 });
    expect(findReport(w.db, w.vault, ref)).toMatchObject({ ref, status: 'rejected', text: '', fields: null });
  });

  it("discards a guided report's answers too", async () => {
    const w = await world();
    const ref = guided(w);
    expect(held(w, ref)).toEqual({ text: false, fields: true, identifiers: 1 });
    say(w, MOD, `REJECT ${ref}`);
    expect(held(w, ref)).toEqual({ text: false, fields: false, identifiers: 0 });
  });

  it('leaves no copy of the sealed text in the file or its WAL', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 grey van plate 7ABC123, 415-555-0177'));
    const sealed = (w.db.sqlite.prepare('SELECT text_ct FROM reports WHERE ref = ?').get(ref) as { text_ct: Buffer }).text_ct.subarray(0, 32);
    say(w, MOD, `REJECT ${ref}`);
    await new Promise((resolve) => setImmediate(resolve));
    for (const f of [w.file, `${w.file}-wal`]) expect(fs.existsSync(f) && fs.readFileSync(f).includes(sealed)).toBe(false);
  });

  it('answers SHOW that it was rejected and discarded, and APPROVE, EDIT and REJECT that it was decided', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 grey van plate 7ABC123'));
    say(w, MOD, `REJECT ${ref}`);
    expect(say(w, MOD, `SHOW ${ref}`)).toBe(t.modRejectedDiscarded(`#${ref}`));
    expect(t.modRejectedDiscarded(`#${ref}`)).toContain('discarded');
    for (const cmd of [`APPROVE ${ref}`, `EDIT ${ref} new text`, `REJECT ${ref}`]) expect(say(w, MOD, cmd)).toBe(t.modAlreadyDecided(`#${ref}`));
    expect(say(w, MOD, `RETRACT ${ref}`)).toBe(t.modNotAlert(`#${ref}`));
  });

  it('still lets BLOCK of it silence its sender', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 junk'));
    say(w, MOD, `REJECT ${ref}`);
    expect(say(w, MOD, `BLOCK ${ref}`)).toBe(t.modBlocked(`#${ref}`));
    const before = say(w, MOD, 'STATS');
    expect(w.sms(REPORTER, 'REPORT 415 more junk').reply).toBeNull();
    expect(say(w, MOD, 'STATS')).toBe(before);
  });

  it('and BLOCK of it after its sender used DELETE says she erased her data', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 junk'));
    say(w, MOD, `REJECT ${ref}`);
    say(w, REPORTER, 'DELETE');
    expect(say(w, MOD, `BLOCK ${ref}`)).toBe(t.modSenderErased(`#${ref}`));
  });
});

describe('BLOCK of a report', () => {
  it("discards the sender's pending reports as REJECT does", async () => {
    const w = await world();
    const first = refOf(say(w, REPORTER, 'REPORT 415 grey van plate 7ABC123'));
    const second = refOf(say(w, REPORTER, 'REPORT 415 call 415-555-0177'));
    const other = refOf(say(w, MEMBER, 'REPORT 415 red truck plate 8XYZ987'));
    say(w, MOD, `BLOCK ${first}`);
    for (const ref of [first, second]) expect(held(w, ref)).toEqual({ text: false, fields: false, identifiers: 0 });
    expect(held(w, other)).toEqual({ text: true, fields: false, identifiers: 1 });
  });
});

describe('retention', () => {
  it('discards what a report rejected before discarding was immediate still holds, and leaves pending ones', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 grey van plate 7ABC123, 415-555-0177'));
    const pending = refOf(say(w, MEMBER, 'REPORT 415 red truck plate 8XYZ987'));
    // As the line rejected before: the state alone.
    w.db.sqlite.prepare("UPDATE reports SET status = 'rejected' WHERE ref = ?").run(ref);
    expect(runRetention(w.db, 90, w.clock.now + DAY).reportsDiscarded).toBe(1);
    expect(held(w, ref)).toEqual({ text: false, fields: false, identifiers: 0 });
    expect(held(w, pending)).toEqual({ text: true, fields: false, identifiers: 1 });
    expect(runRetention(w.db, 90, w.clock.now + DAY).reportsDiscarded).toBe(0);
  });
});
