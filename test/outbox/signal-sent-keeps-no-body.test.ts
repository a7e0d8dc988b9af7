/**
 * Over Signal a reply leaves through the outbox. Nothing reads a Signal
 * row's body once it is sent (Signal reports no delivery failure to send it
 * again; a remote delete needs the timestamp, not the text), so it is not
 * kept: a guided report's read-back would otherwise outlive her DROP
 * ("nothing kept") for RETENTION_DAYS, readable with the key.
 */
import { openBody } from '../../src/store/outbox';
import { waitFor } from '../helpers/harness';
import { ask, startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const HER = { uuid: '7a6b5c4d-3e2f-4a1b-9c8d-000000000031', number: '+15035550131' };

describe('a Signal message once sent', () => {
  let w: SignalWorld;
  beforeAll(async () => {
    w = await startSignalWorld({ env: { SEND_RATE: '1000' } });
  });
  afterAll(() => w.close());

  it('keeps no body, so a dropped report draft leaves nothing in the outbox', async () => {
    await ask(w.signal, HER, 'JOIN 503');
    for (const answer of ['REPORT', '1', 'last night', '503 Hotel Marigold room 12', 'calls himself Thaddeus', 'SKIP', 'SKIP']) await ask(w.signal, HER, answer);
    expect(await ask(w.signal, HER, 'he knows my real name is Oriana')).toContain('Thaddeus');
    expect(await ask(w.signal, HER, 'DROP')).toContain('nothing kept');

    const { db, vault } = w.h.server;
    await waitFor(() => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0, 5_000, 'the outbox to drain');
    const bodies = (db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>).map(
      (r) => openBody(vault, r),
    );
    expect(bodies.filter((b) => /Thaddeus|Marigold|Oriana/.test(b))).toEqual([]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE channel = 'signal' AND state = 'sent' AND body_ct IS NOT NULL").get()).toEqual({ n: 0 });
  }, 60_000);
});
