/**
 * Alerts approved before CHECK kept only what a clipped guided report's
 * alert shows whole were indexed with the stub the cut leaves before its
 * "..." ("7ABC1...", "@rickysmi..."): an innocent identifier a reporter
 * could aim at. Migration 0039 lists the alerts then, and the start reads
 * their identifiers again as an approval does now.
 */
import { reindexForCountry, reindexListedAlerts } from '../../src/alerts/alert-reindex';
import { alertIdentifiers } from '../../src/alerts/report-template';
import { catalog } from '../../src/bot/catalog';
import { openAlert } from '../../src/store/alerts';
import { migrate } from '../../src/store/migrate';
import { identifierIndex, indexAlertIdentifiers } from '../../src/store/screening';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const LONG = 'calm at first, then turned aggressive when asked for the money, says he is a contractor, a regular at the bar on 6th';
const VEHICLE = 'grey van with a dent on the side, tinted windows, roof rack, ladder on top, plate';
const PERSON = 'tall white man about 45, short beard, grey hair, calls himself Rick, see';
const at = (words: string, n: number) => words.slice(0, n).padEnd(n, ' ');

/** Files and approves a guided report; returns the alert's id and what SHOW answered. */
function approveGuided(w: BotWorld, person: string, vehicle: string): { alertId: number; shown: string } {
  for (const a of ['REPORT', '1', 'Fri 11pm', '415 Motel 6 on Lombard, second floor at the back, near the ice machine', person, vehicle, 'texts from (415) 555-0177', 'SKIP']) say(w, REPORTER, a);
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] as string;
  const shown = say(w, MOD, `SHOW ${ref}`);
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  const { id } = w.db.sqlite.prepare('SELECT id FROM alerts ORDER BY id DESC LIMIT 1').get() as { id: number };
  return { alertId: id, shown };
}

/** The alert's entries as the code before eeeef21 wrote them: every identifier of the clipped fields, stubs and all. */
function indexAsBefore(w: BotWorld, alertId: number): void {
  const alert = openAlert(w.db, w.vault, alertId)!;
  const { categories } = w.db.sqlite.prepare('SELECT categories FROM screening WHERE alert_id = ? LIMIT 1').get(alertId) as { categories: string };
  w.db.sqlite.prepare('DELETE FROM screening WHERE alert_id = ?').run(alertId);
  indexAlertIdentifiers(w.db, w.vault, alertId, alertIdentifiers(alert.body, 'US'), alert.npas, categories.split(','), alert.createdAt);
}

/** Migration 0039 run on this database as an upgrade would run it, then the start's re-index. */
function upgrade(w: BotWorld): number {
  w.db.sqlite.exec('DROP TABLE screening_reindex; DELETE FROM schema_migrations WHERE version = 39');
  expect(migrate(w.db)).toEqual(['0039_screening_reindex.sql']);
  return w.db.transaction(() => reindexListedAlerts(w.db, w.vault, 'US'));
}

describe('the start after migration 0039', () => {
  it('drops the stub of a plate an alert approved before was indexed with, and keeps its whole identifiers', async () => {
    const w = await world();
    const { alertId, shown } = approveGuided(w, 'tall man', `${at(VEHICLE, 84)} 7ABC123 CA, ${LONG}, ${LONG}`);
    expect(shown).toContain('plate 7ABC1..., CA 7ABC123.');
    indexAsBefore(w, alertId);
    expect(say(w, MEMBER, 'CHECK 7ABC1')).toMatch(/^Heads Up: that plate is in 1 alert/);

    expect(upgrade(w)).toBe(1);

    expect(say(w, MEMBER, 'CHECK 7ABC1')).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert.*\bviolence\b/s);
    // Done once: the next start finds nothing to do.
    expect(w.db.transaction(() => reindexListedAlerts(w.db, w.vault, 'US'))).toBe(0);
  });

  it('drops the stub of a handle when the report was already cut down to its reference by retention', async () => {
    const w = await world();
    const { alertId, shown } = approveGuided(w, `${at(PERSON, 67)} @rickysmith_contractor, ${LONG}, ${LONG}`, 'grey van');
    expect(shown).toContain('Rick @rickysmith_contrac...');
    indexAsBefore(w, alertId);
    expect(say(w, MEMBER, 'CHECK @rickysmith_contrac')).toMatch(/^Heads Up: that handle is in 1 alert/);
    // Retention keeps an approved report's reference only (reduceOldReports): its whole answers are gone.
    w.db.sqlite.exec('UPDATE reports SET text_ct = NULL, fields_ct = NULL');

    upgrade(w);

    expect(say(w, MEMBER, 'CHECK @rickysmith_contrac')).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('adds no plate the approved alert showed only cut before its "..."', async () => {
    const w = await world();
    const prefix = 'grey van with a dent on the side, tinted windows, roof rack, ladder on top and a bike rack';
    const { alertId } = approveGuided(w, `tall man, ${LONG}`, `${at(prefix, 64)} plates 7ABC123 and 8XYZ789, ${LONG}`);
    // The alert as the code before c165706 fitted it: it read one plate in the whole answer, kept by the cut, so it
    // listed none after "8XY...", and its approval indexed 7ABC123 only.
    const row = w.db.sqlite.prepare('SELECT fields_ct, key_version FROM alerts WHERE id = ?').get(alertId) as { fields_ct: Buffer; key_version: number };
    const slot = { table: 'alerts', column: 'fields', row: alertId };
    const fields = JSON.parse(w.vault.open(row.fields_ct, slot, row.key_version)) as { vehicle: string };
    expect(fields.vehicle).toMatch(/plates 7ABC123 and 8XY\.\.\., 8XYZ789$/);
    fields.vehicle = fields.vehicle.replace(/, 8XYZ789$/, '');
    w.db.sqlite.prepare('UPDATE alerts SET fields_ct = ? WHERE id = ?').run(w.vault.seal(JSON.stringify(fields), slot), alertId);
    w.db.sqlite.prepare('DELETE FROM screening WHERE alert_id = ? AND number_bidx = ?').run(alertId, identifierIndex(w.vault, { kind: 'plate', value: '8XYZ789' }));

    expect(upgrade(w)).toBe(1);

    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 8XYZ789')).toBe(t.checkNone());
  });

  it("adds no number an old alert left unmasked and unindexed (the reporter's own, followed by a count)", async () => {
    const w = await world();
    // REPORTER is +14155550105.
    const old = 'he kept calling my cell 415 555 0105 5 times last night, then choked me';
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, `REPORT 415 ${old}`))?.[1] as string;
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    const { id } = w.db.sqlite.prepare('SELECT id FROM alerts ORDER BY id DESC LIMIT 1').get() as { id: number };
    // The alert as the code before 97af43a stored it (no number read in "0105 5 times", so none masked) and indexed it.
    w.db.sqlite.prepare('UPDATE alerts SET text_ct = ? WHERE id = ?').run(w.vault.seal(old, { table: 'alerts', column: 'text', row: id }), id);
    w.db.sqlite.prepare('DELETE FROM screening WHERE alert_id = ?').run(id);

    upgrade(w);

    expect(say(w, MEMBER, 'CHECK 415 555 0105')).toBe(t.checkNone());
  });

  it.each([
    ['white honda civic plate 7ABC123\u2026 tinted windows', 'CHECK 7ABC123', 'plate', 'tall man'],
    ['grey van', 'CHECK @rick_sf', 'handle', 'tall, beard, insta @rick_sf... very charming'],
  ])('keeps, of a report retention cut down, what the reporter\'s own "..." in %j leaves whole', async (vehicle, check, kind, person) => {
    const w = await world();
    approveGuided(w, person, vehicle);
    expect(say(w, MEMBER, check)).toMatch(new RegExp(`^Heads Up: that ${kind} is in 1 alert`));
    w.db.sqlite.exec('UPDATE reports SET text_ct = NULL, fields_ct = NULL');

    upgrade(w);

    expect(say(w, MEMBER, check)).toMatch(new RegExp(`^Heads Up: that ${kind} is in 1 alert`));
  });

  it('drops the stub of an alert whose report no longer opens, reading the alert alone', async () => {
    const w = await world();
    const { alertId } = approveGuided(w, 'tall man', `${at(VEHICLE, 84)} 7ABC123 CA, ${LONG}, ${LONG}`);
    indexAsBefore(w, alertId);
    expect(say(w, MEMBER, 'CHECK 7ABC1')).toMatch(/^Heads Up: that plate is in 1 alert/);
    // The report's sealed answers damaged (a torn page, a value sealed under a lost key version).
    w.db.sqlite.prepare('UPDATE reports SET fields_ct = ? WHERE id = (SELECT report_id FROM alerts WHERE id = ?)').run(Buffer.alloc(64, 7), alertId);

    expect(upgrade(w)).toBe(1);

    expect(say(w, MEMBER, 'CHECK 7ABC1')).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('leaves a retracted alert out of CHECK', async () => {
    const w = await world();
    const { alertId } = approveGuided(w, 'tall man', 'grey van plate 7ABC123');
    expect(say(w, MOD, `RETRACT ${(w.db.sqlite.prepare('SELECT r.ref FROM reports r JOIN alerts a ON a.report_id = r.id WHERE a.id = ?').get(alertId) as { ref: string }).ref}`)).toMatch(/retract/i);

    upgrade(w);

    expect(say(w, MEMBER, 'CHECK 7ABC123')).toBe(t.checkNone());
  });
  // "plates 7ABC123, ABC1234": approvals before f0be176 indexed the second plate; today's reading of a plate of another
  // pattern after a comma names none. No cut made it: it stays, as every whole identifier an approval indexed.
  it('keeps a one-message alert\'s whole identifier its approval indexed that today\'s reading misses', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, he has two cars, plates 7ABC123, ABC1234'))?.[1] as string;
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    const { id } = w.db.sqlite.prepare('SELECT id FROM alerts ORDER BY id DESC LIMIT 1').get() as { id: number };
    const alert = openAlert(w.db, w.vault, id)!;
    indexAlertIdentifiers(w.db, w.vault, id, [{ kind: 'plate', value: 'ABC1234' }], alert.npas, ['violence'], alert.createdAt);
    expect(say(w, MEMBER, 'CHECK ABC1234')).toMatch(/^Heads Up: that plate is in 1 alert/);

    expect(upgrade(w)).toBe(1);

    expect(say(w, MEMBER, 'CHECK ABC1234')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it.each([
    ['its whole answers open', false],
    ['retention cut the report down', true],
  ])('drops the stub of a clipped guided alert and keeps a whole identifier today\'s reading misses when %s', async (_, cut) => {
    const w = await world();
    const { alertId } = approveGuided(w, 'tall man', `${at(VEHICLE, 84)} 7ABC123 CA, ${LONG}, ${LONG}`);
    indexAsBefore(w, alertId);
    const alert = openAlert(w.db, w.vault, alertId)!;
    indexAlertIdentifiers(w.db, w.vault, alertId, [{ kind: 'plate', value: 'ABC1234' }], alert.npas, ['violence'], alert.createdAt);
    if (cut) w.db.sqlite.exec('UPDATE reports SET text_ct = NULL, fields_ct = NULL');

    expect(upgrade(w)).toBe(1);

    expect(say(w, MEMBER, 'CHECK 7ABC1')).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK ABC1234')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});

describe('the start after DEFAULT_COUNTRY changed', () => {
  /** The alert's CHECK entries, as hex of their indexes. */
  const indexed = (w: BotWorld, alertId: number) =>
    (w.db.sqlite.prepare('SELECT number_bidx FROM screening WHERE alert_id = ?').all(alertId) as Array<{ number_bidx: Buffer }>).map((r) => r.number_bidx.toString('hex'));

  it('adds nothing to a clipped guided alert whose report retention cut down: its cut, read as a German number, names an innocent one', async () => {
    const w = await world();
    // The person's answer, clipped in the middle of a German number: the alert shows "030 9018 2099 9999...".
    const { alertId, shown } = approveGuided(w, `${at(PERSON, 67)} 030 9018 2099 9999 88, ${LONG}, ${LONG}`, 'grey van');
    expect(shown).toContain('030 9018 2099 9999...');
    w.db.sqlite.exec('UPDATE reports SET text_ct = NULL, fields_ct = NULL');
    const before = indexed(w, alertId);

    w.db.transaction(() => reindexForCountry(w.db, w.vault, 'US', 'DE', 0));

    expect(indexed(w, alertId).filter((h) => !before.includes(h))).toEqual([]);
    expect(say(w, MEMBER, 'CHECK +49 30 9018 2099 9999')).toBe(t.checkNone());
  });

  it('adds what a guided alert with no cut names under the new country, though retention cut its report down', async () => {
    const w = await world();
    const { alertId, shown } = approveGuided(w, 'tall man, his other phone 030 9018 2099', 'grey van');
    expect(shown).not.toContain('...');
    w.db.sqlite.exec('UPDATE reports SET text_ct = NULL, fields_ct = NULL');

    w.db.transaction(() => reindexForCountry(w.db, w.vault, 'US', 'DE', 0));

    expect(indexed(w, alertId)).toContain(identifierIndex(w.vault, { kind: 'phone', value: '+493090182099' }).toString('hex'));
    expect(say(w, MEMBER, 'CHECK +49 30 9018 2099')).toMatch(/^Heads Up: that number is in 1 alert/);
  });
});
