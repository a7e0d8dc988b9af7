/**
 * Outside a vehicle answer, "a state then a plate, both
 * in capitals" is read as a plate. Texts written in capitals name durations
 * and postcodes the same way: these become plates that CHECK finds and that
 * the moderators' notice reports as MATCHES between unrelated reports.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { openBody } from '../../src/store/outbox';
import { MOD, REPORTER, reportWorld } from '../helpers/report-world';

describe('a text in capitals with no plate in it', () => {
  it.each([
    'HE SAID HE WOULD BE THERE IN 20MINS THEN NEVER SHOWED',
    'NO SHOW, TEXTED ME HE WAS OK 15MINS AWAY',
    'MET AT HIS PLACE 123 KING ST W TORONTO ON M5V3L9',
  ])('names no plate: %s', (text) => {
    expect(identifiersIn(text).filter((i) => i.kind === 'plate')).toEqual([]);
  });
});

describe('two unrelated reports in capitals that both say "IN 20MINS"', () => {
  it('are not shown to the moderators as naming the same plate', async () => {
    const w = await reportWorld();
    const ref = (text: string) => /#([A-Z0-9]{4,6})/.exec(text)?.[1] as string;
    const first = ref(w.sms(REPORTER, 'REPORT 415 GUY IN A BLUE TRUCK SAID HE WOULD BE THERE IN 20MINS, NEVER CAME').reply ?? '');
    w.sms(MOD, `APPROVE ${first}`);
    w.sms('+14155550106', 'REPORT 415 TALL BLOND MAN, TOOK MY PHONE, CALLED A CAB IN 20MINS AND LEFT');
    const rows = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL ORDER BY id').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    const notice = rows.map((r) => openBody(w.vault, r)).filter((text) => text.includes('TALL BLOND')).at(-1);
    expect(notice).toContain('TALL BLOND');
    expect(notice).not.toMatch(/MATCHES/i);
  });
});
