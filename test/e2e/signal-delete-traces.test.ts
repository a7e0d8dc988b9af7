/**
 * DELETE over Signal. erasure-complete.test.ts holds SMS
 * to "no byte string of the sender the database could hold, computed with
 * the key" after DELETE, and handle-message.ts says DELETE's own record
 * "carries no link to the sender it just erased". For SMS the de-duplication
 * key is a random MessageSid; for Signal it is the blind index of
 * `signal:<UUID>:<timestamp>`, computed from the sender's UUID: no record of
 * a message she sent, DELETE included, may stay findable under her UUID
 * after she erased herself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const WHO = { uuid: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', number: null };

describe('DELETE over Signal', () => {
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({});
    ({ signal } = world);
  });
  afterAll(() => world.close());

  async function send(text: string, timestamp: number): Promise<string> {
    const before = signal.to(WHO.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, WHO, text, timestamp));
    await waitFor(() => signal.to(WHO.uuid).length > before, 10_000, `the answer to ${text}`);
    return signal.to(WHO.uuid)[before]?.message as string;
  }

  it('leaves no record keyed by the sender\'s UUID: not of her messages, not of the DELETE itself', async () => {
    const stamps = [1_765_100_000_001, 1_765_100_000_002, 1_765_100_000_003];
    await send('JOIN 415', stamps[0] as number);
    await send('REPORT 415 silver sedan, wrong name given', stamps[1] as number);
    expect(await send('DELETE', stamps[2] as number)).toMatch(/erased/i);
    const { vault, db } = world.h.server;
    const keys = stamps.map((t) => vault.index('inbound', `signal:${WHO.uuid}:${t}`));
    // With the key and her messages' timestamps (on her phone; or tried one millisecond of the recorded day at a time).
    const held = keys.filter((k) => db.sqlite.prepare('SELECT 1 FROM inbound_seen WHERE provider_bidx = ?').get(k) !== undefined);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(world.h.dataDir, 'heads-up.db'));
    const inFile = keys.filter((k) => file.includes(k));
    expect({ held: held.length, inFile: inFile.length }).toEqual({ held: 0, inFile: 0 });
  });
});
