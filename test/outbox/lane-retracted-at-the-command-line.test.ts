/**
 * An alert retracted at the admin command (another process: no RetractionJob
 * of the server's is woken) with thousands of copies still due: a live alert
 * queued behind them must not wait for the job's next round. The lane's
 * claim cancels a chunk of the retracted copies it meets and claims again at
 * once; it once cancelled only the few rows each claim met, then slept its
 * poll (80 rows a second: a live alert behind 6,000 waited over a minute).
 */
import path from 'node:path';
import type { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { DEFAULT_RETRACTIONS, RetractionJob } from '../../src/jobs/retractions';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { twilioLoopback, type TwilioLoopback } from './twilio-loopback';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const AUTH_TOKEN = 'lane-retracted-cli-token-0123456789';
const COPIES = 6_000;
const log = createLogger('silent');
let fake: FakeTwilio;
let sender: TwilioSender;
let twilio: TwilioLoopback;
let vault: Vault;

beforeAll(async () => {
  await cryptoReady();
  vault = new Vault(new Uint8Array(32).fill(5));
  twilio = await twilioLoopback('8', AUTH_TOKEN);
  ({ fake, sender } = twilio);
});
afterAll(() => twilio.close());

it('sends a live alert queued behind a fan-out retracted at the admin command without waiting for the retraction job', async () => {
  const file = path.join(tempDir(), 'h.db');
  const db = new Db(file);
  migrate(db);
  const t0 = Date.now();
  db.transaction(() => {
    for (let i = 0; i < COPIES; i++) {
      const p = `+1415${String(2_000_000 + i)}`;
      subscribe(db, ensureMember(db, vault, { channel: 'sms', address: p, phone: p }, 'en', t0).id, ['415'], t0);
    }
    const p = '+12125550100';
    subscribe(db, ensureMember(db, vault, { channel: 'sms', address: p, phone: p }, 'en', t0).id, ['212'], t0);
  });
  const wrong = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'WRONG' }, Date.now());
  while (!planNextRange(db, wrong, Date.now()).done);
  // The server's job has had its first round and sleeps ten minutes: only the lane can cancel what the command retracts.
  const job = new RetractionJob(db, vault, null, log, () => undefined, { ...DEFAULT_RETRACTIONS, everyMs: 600_000 });
  job.start();
  await job.idle();
  const cli = new Db(file);
  const dispatcher = new Dispatcher(db, vault, new Map([['sms', sender]]), log, DEFAULT_DISPATCHER);
  try {
    cli.transaction(() => retractAlert(cli, wrong, Date.now()));
    const live = createAlert(cli, vault, { npas: ['212'], reach: ['212'], text: 'LIVE' }, Date.now());
    while (!planNextRange(cli, live, Date.now()).done);
    dispatcher.start();
    await waitFor(() => fake.sent.some((m) => m.body.includes('LIVE')), 20_000, 'the live alert');
    expect(fake.sent.filter((m) => m.body.includes('WRONG'))).toEqual([]);
    await waitFor(
      () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE alert_id = ? AND state = 'pending'").get(wrong) as { n: number }).n === 0,
      20_000,
      'every retracted copy cancelled',
    );
    expect(fake.sent.filter((m) => m.body.includes('WRONG'))).toEqual([]);
  } finally {
    await dispatcher.stop();
    await job.stop();
    cli.close();
    db.close();
  }
}, 90_000);
