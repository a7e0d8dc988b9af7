/**
 * References of reports past RETENTION_DAYS whose alert is still kept.
 * Retention erases a report RETENTION_DAYS after it was filed, and its
 * alert (with the alert's CHECK entries) RETENTION_DAYS after it was
 * approved. In between, the report keeps only its reference and areas:
 * RETRACT of the reference withdraws the alert members still find, and
 * nothing of the report itself (text, fields, reporter, identifiers) stays.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const DAY = 86_400_000;

/** A report filed now and approved three days later (a long weekend); returns its reference. */
async function approvedLate() {
  const w = await world();
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 blue sedan, choked me, texts from 415-555-0166').reply ?? '')?.[1] as string;
  w.clock.now += 3 * DAY;
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
  w.db.sqlite.prepare('UPDATE alerts SET planned_at = ?').run(w.clock.now);
  return { w, ref };
}

describe('RETRACT of an approved alert whose report is past RETENTION_DAYS', () => {
  it('still withdraws the alert CHECK finds', async () => {
    const { w, ref } = await approvedLate();
    // Ninety days after it was filed: retention runs.
    w.clock.now += 88 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect(w.sms(MEMBER, 'CHECK 415 555 0166').reply).toContain('in 1 alert');
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    expect(w.sms(MEMBER, 'CHECK 415 555 0166').reply).toBe(t.checkNone());
  });

  it('keeps nothing of the report but its reference and areas, and erases that with the alert', async () => {
    const { w, ref } = await approvedLate();
    w.clock.now += 88 * DAY;
    const erased = runRetention(w.db, 90, w.clock.now);
    expect(erased).toMatchObject({ reports: 0, reportsReduced: 1, alerts: 0 });
    expect(w.db.sqlite.prepare('SELECT ref, npas, text_ct, fields_ct, reporter_bidx FROM reports').all()).toEqual([
      { ref, npas: '415', text_ct: null, fields_ct: null, reporter_bidx: null },
    ]);
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM report_identifiers').get()).toEqual({ n: 0 });
    // Its sender is as gone as an erased report's (not said to have used DELETE).
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
    // A second run has nothing more to cut.
    expect(runRetention(w.db, 90, w.clock.now)).toMatchObject({ reports: 0, reportsReduced: 0 });
    // Ninety days after its approval the alert goes, and the reference with it.
    w.clock.now += 3 * DAY;
    expect(runRetention(w.db, 90, w.clock.now)).toMatchObject({ alerts: 1, reports: 1 });
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 0 });
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
  });
});
