/**
 * A seized copy of the database, without the key, must not tell that two
 * members named the same buddy: no value of a member's buddy link or
 * decline may equal a value of another member's, nor of the number's own
 * rows (buddy_numbers, buddy_stops), which name no member; nor may any
 * other value (an ACCEPT list's numbers). Read from the file itself, as a
 * seizer would, after the bot's own flows.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { migrate } from '../../src/store/migrate';
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

/** Every value of these tables in the line's file, row by row, a BLOB as its length (its bytes are random). */
function shapeOnDisk(dataDir: string, tables: string[]): unknown[] {
  return readSeized(dataDir, (seized) =>
    tables.map((table) =>
      (seized.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Array<Record<string, unknown>>).map((r) =>
        Object.fromEntries(Object.entries(r).map(([column, v]) => [column, Buffer.isBuffer(v) ? v.length : v])),
      ),
    ),
  );
}

describe('two members who named the same buddy, in a seized file', () => {
  it('leave INTEGER and TEXT values, and BLOB lengths, as members who named two buddies do', async () => {
    const OTHER = '+14155550174';
    // The same steps, the same members: A and C ask the same number, or A and B do. Each number is shown a list.
    const line = async (asks: Array<[string, string, string]>) => {
      const w = await acceptLine([A, B, C, D]);
      for (const [member, number, name] of asks) expect(w.sms(member, `BUDDY ${number} ${name}`).reply).toBe(catalog('en').buddyAsked(number.slice(-4)));
      for (const number of [HER, OTHER]) w.sms(number, 'ACCEPT');
      return shapeOnDisk(path.dirname(w.file), ['buddies', 'buddy_numbers']);
    };
    const apart = await line([[A, HER, 'Ana'], [B, OTHER, 'Bea'], [C, HER, 'Cat'], [D, OTHER, 'Dee']]);
    const together = await line([[A, HER, 'Ana'], [B, HER, 'Bea'], [C, OTHER, 'Cat'], [D, OTHER, 'Dee']]);
    expect(together).toEqual(apart);
  });


  it('keep no number of a list an older version shown her: the upgrade forgets them', async () => {
    const w = await acceptLine([A, B]);
    w.sms(A, `BUDDY ${HER} Ana`);
    w.sms(B, `BUDDY ${HER} Bea`);
    // As the code before 0068 kept them.
    w.db.sqlite.exec('UPDATE buddies SET listed_as = id; DELETE FROM schema_migrations WHERE version = 68');
    expect(migrate(w.db)).toEqual(['0068_buddies_listed_sealed.sql']);
    expect(w.db.sqlite.prepare('SELECT listed_as FROM buddies').all()).toEqual([{ listed_as: null }, { listed_as: null }]);
    // Shown the list again, she picks from it.
    expect(w.sms(HER, 'ACCEPT').reply).toBe(catalog('en').buddyWhich(['Ana', 'Bea'], 0));
    expect(w.sms(HER, 'ACCEPT 2').reply).toBe(catalog('en').buddyAccepted());
    expect(w.db.sqlite.prepare('SELECT member_id, status FROM buddies ORDER BY id').all().map((r) => (r as { status: string }).status)).toEqual(['invited', 'accepted']);
  });

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
