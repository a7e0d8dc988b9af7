/**
 * A seized copy of the database, without the key, must not tell that two
 * members named the same buddy: no value of a member's buddy link or
 * decline may equal a value of another member's, nor of the number's own
 * rows (buddy_numbers, buddy_stops), which name no member. Read from the
 * file itself, as a seizer would, after the bot's own flows.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { readSeized } from '../helpers/seized-file';
import { acceptLine, HER } from './accept-line';

const A = '+14155550181';
const B = '+14155550182';
const C = '+14155550183';
const D = '+14155550184';

type Blob = { table: string; column: string; member: number | null; hex: string };

/** Every BLOB value of these tables in the line's file, with the row's member (null: a row of no member). */
function blobsOnDisk(dataDir: string, tables: string[]): Blob[] {
  return readSeized(dataDir, (seized) => {
    const present = tables.filter((name) => seized.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined);
    return present.flatMap((table) =>
      (seized.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>).flatMap((r) =>
        Object.entries(r)
          .filter(([, v]) => Buffer.isBuffer(v))
          .map(([column, v]) => ({ table, column, member: typeof r.member_id === 'number' ? r.member_id : null, hex: (v as Buffer).toString('hex') })),
      ),
    );
  });
}

describe('two members who named the same buddy, in a seized file', () => {
  it('share no value across their links and declines, nor with the number rows', async () => {
    const w = await acceptLine([A, B, C, D]);
    const t = catalog('en');
    expect(w.sms(A, `BUDDY ${HER} Ana`).reply).toBe(t.buddyAsked('0173'));
    expect(w.sms(B, `BUDDY ${HER} Bea`).reply).toBe(t.buddyAsked('0173'));
    // Her DECLINE keeps A and B from asking her again: one decline each.
    w.sms(HER, 'DECLINE');
    expect(w.sms(C, `BUDDY ${HER} Cat`).reply).toBe(t.buddyAsked('0173'));
    expect(w.sms(D, `BUDDY ${HER} Dee`).reply).toBe(t.buddyAsked('0173'));
    expect(w.sms(A, `BUDDY ${HER} Ana`).reply).toBe(t.buddyDeclinedBefore('0173', 30));
    w.sms(HER, 'STOP');

    const values = blobsOnDisk(path.dirname(w.file), ['buddies', 'buddy_declines', 'buddy_numbers', 'buddy_stops']);
    // What is on disk: two links and two declines, each with its member.
    expect(values.filter((v) => v.table === 'buddies' && v.column === 'buddy_bidx')).toHaveLength(2);
    expect(values.filter((v) => v.table === 'buddy_declines' && v.column === 'buddy_bidx')).toHaveLength(2);
    const shared = values.filter((v) => v.member !== null && values.some((o) => o !== v && o.hex === v.hex));
    expect(shared.map((v) => `${v.table}.${v.column}`)).toEqual([]);
  });

  it("leave nothing of the number once the last member it named or declined erases herself", async () => {
    const w = await acceptLine([A, B]);
    w.sms(A, `BUDDY ${HER} Ana`);
    w.sms(HER, 'DECLINE');
    w.sms(B, `BUDDY ${HER} Bea`);
    const rows = () => readSeized(path.dirname(w.file), (f) => (f.prepare('SELECT count(*) AS n FROM buddy_numbers').get() as { n: number }).n);
    expect(rows()).toBe(1);
    expect(w.sms(B, 'DELETE').reply).toBe(catalog('en').deleted('sms'));
    // A's decline still names her.
    expect(rows()).toBe(1);
    expect(w.sms(A, 'DELETE').reply).toBe(catalog('en').deleted('sms'));
    expect(rows()).toBe(0);
  });
});
