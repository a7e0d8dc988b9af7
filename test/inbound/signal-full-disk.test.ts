/**
 * A full disk while Signal messages arrive: the database refuses both to
 * handle a message and to park it. signal-cli has already handed it over
 * (and forgotten it), so the receiver keeps it in memory and tries it again
 * until the database takes it; polling takes no new batch meanwhile, and
 * what signal-cli still holds stays there. Once space is freed, everything
 * sent during the outage is handled, once, in the order it arrived. The full
 * disk is the server's own connection refusing to grow (full-disk.ts).
 */
import { textEnvelope } from '../fakes/fake-signal';
import { fillDisk, freeDisk } from '../helpers/full-disk';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';
import { findReport } from '../../src/store/reports';

/** Senders of one REPORT each (a sender may file only a few a day). */
const REPORTERS = Array.from({ length: 30 }, (_, i) => ({ uuid: testUuid(100 + i), number: `+141555502${String(i).padStart(2, '0')}` }));
/** Long enough that parking one needs new pages, as on a full disk every write does (a report keeps 1,600 characters, a parked message all 4,000). */
const reportText = (i: number) => `REPORT 415 grey van number ${i} ${'took my phone and drove off '.repeat(140)}`;

async function fullDiskOutage(world: SignalWorld, during: () => Promise<void>): Promise<void> {
  const { h, signal } = world;
  const member = { uuid: testUuid(1), number: '+14155550101' };
  expect(await ask(signal, member, 'JOIN 415')).toContain('alerts for 415');
  fillDisk(h.server.db);
  REPORTERS.forEach((who, i) => signal.push(textEnvelope(SIGNAL_NUMBER, who, reportText(i))));
  await waitFor(() => h.logs.some((l) => l.includes('the database refuses writes')), 10_000, 'the log saying Signal messages wait');
  await during();
  freeDisk(h.server.db);
  await waitFor(() => REPORTERS.every((who) => signal.to(who.uuid).length >= 1), 20_000, 'an answer to every report');
  const db = h.server.db;
  const refs = db.sqlite.prepare('SELECT ref FROM reports ORDER BY id').pluck().all() as string[];
  // Handled once each, in the order signal-cli handed them over.
  expect(refs.map((ref) => /number (\d+) /.exec(findReport(db, h.server.vault, ref)?.text ?? '')?.[1])).toEqual(REPORTERS.map((_, i) => String(i)));
  expect(db.sqlite.prepare('SELECT count(*) FROM inbound_retry').pluck().get()).toBe(0);
  // The answers: one each, nothing twice (a later message's answer comes after any second one would have).
  expect(await ask(signal, member, 'AREAS')).toContain('415');
  expect(REPORTERS.map((who) => signal.to(who.uuid).length)).toEqual(REPORTERS.map(() => 1));
  expect(h.logs.some((l) => l.includes('it is lost'))).toBe(false);
  for (const line of h.logs) expect(line).not.toMatch(/41555502\d\d|grey van|7a6b5c4d-3e2f-4a1b-9c8d-0000000001\d\d/);
}

describe('a full disk while Signal messages are polled', () => {
  let world: SignalWorld;
  beforeAll(async () => {
    world = await startSignalWorld({ mode: 'normal' });
  });
  afterAll(() => world.close());

  it('takes no new batch from signal-cli until what it holds is stored, and loses nothing', async () => {
    await fullDiskOutage(world, async () => {
      // A batch is held in memory and tried again; the rest wait at signal-cli, which is asked for no more.
      const refusals = () => world.h.logs.filter((l) => l.includes('a message could be neither handled nor kept')).length;
      await waitFor(() => refusals() >= 2, 10_000, 'the held message tried again');
      const { receives, waiting } = world.signal;
      expect(waiting).toBeGreaterThan(0);
      await waitFor(() => refusals() >= 5, 10_000, 'the held message tried again and again');
      expect(world.signal.receives).toBe(receives);
      expect(world.signal.waiting).toBe(waiting);
    });
  });
});

describe('a full disk while Signal messages come by the websocket', () => {
  let world: SignalWorld;
  beforeAll(async () => {
    world = await startSignalWorld({});
  });
  afterAll(() => world.close());

  it('keeps them in memory and handles them once space is freed', async () => {
    await fullDiskOutage(world, async () => {
      await waitFor(() => world.h.logs.filter((l) => l.includes('a message could be neither handled nor kept')).length >= 3, 10_000, 'the held message tried again');
    });
  });
});
