/**
 * doctor reads what the outbox recorded of the line's own faults: a lane
 * whose last try was refused for the line's own setup (Twilio 21702, the
 * Messaging Service taking no new messages; a proxy refusing Signal) is
 * held, and says why; refusals of the last 24 hours that point at the
 * operator's set-up (21608, a trial account; 21703, a sender pool lacking
 * a country) are counted per code. Counts and codes only, never an address.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { classifySignalError } from '../../src/channels/signal/signal-errors';
import { classifyTwilioError } from '../../src/channels/twilio/twilio-errors';
import { formatCheck, runDoctor } from '../../src/cli/doctor';
import { checkDelivery } from '../../src/cli/doctor-delivery';
import type { Sender } from '../../src/phone/identity';
import { ensureMember } from '../../src/store/members';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { finalStatus, sendPass } from '../helpers/checkin-escalation';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 5).toString('base64');
const ROSE = '+14155550100';
const LILY = '+14155550177';
const JO = '+12125550142';
const MIA = '5c3d4e5f-6a7b-4c8d-9e0f-000000000415';
const DELIVERY = new Set(['sms lane', 'signal lane', 'sms refusals', 'sms deliveries']);
const twilio = (code: number) => classifyTwilioError({ status: 400, code });

/** A message queued for `to` (by SMS when a number). */
function queue(w: BotWorld, to: string): void {
  const sender: Sender = to.startsWith('+') ? { channel: 'sms', address: to, phone: to } : { channel: 'signal', address: to };
  enqueueMessage(w.db, w.vault, ensureMember(w.db, w.vault, sender, 'en', w.clock.now).id, 'Heads Up: hello', w.clock.now);
}

/** What doctor says of delivery on `w`'s line. */
async function delivery(w: BotWorld) {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => DELIVERY.has(r.name));
}

describe("doctor on the outbox's record of the line's own faults", () => {
  it('says nothing of delivery on a line whose messages went', async () => {
    const w = await botWorld({}, Date.now());
    queue(w, ROSE);
    await sendPass(w, 'sms');
    expect(await delivery(w)).toEqual([]);
  });

  it('names a held lane and why, and counts the refusals of the last 24 hours that point at the set-up, never an address', async () => {
    const w = await botWorld({}, Date.now());
    queue(w, ROSE);
    queue(w, LILY);
    await sendPass(w, 'sms', { [ROSE]: twilio(21703), [LILY]: twilio(21608) });
    queue(w, JO);
    await sendPass(w, 'sms', { [JO]: twilio(21702) });
    queue(w, MIA);
    await sendPass(w, 'signal', { [MIA]: classifySignalError(401, '') });
    const said = await delivery(w);
    expect(said).toEqual([
      {
        name: 'sms lane',
        ok: false,
        detail:
          "held: its last try was refused for the line's own setup (21702): the Messaging Service is not taking new messages (see it in the Twilio console; this may pass by itself); 1 message waits to go once it is fixed",
      },
      {
        name: 'signal lane',
        ok: false,
        detail:
          "held: its last try was refused for the line's own setup (401): a proxy in front of signal-cli-rest-api refuses the line's requests, its credentials or its rules; 1 message waits to go once it is fixed",
      },
      {
        name: 'sms refusals',
        ok: false,
        detail: '1 message refused in the last 24 hours with Twilio 21608: the Twilio account is a trial, which sends only to numbers verified in it: upgrade the account',
      },
      {
        name: 'sms refusals',
        ok: true,
        warn: true,
        detail: "1 message refused in the last 24 hours with Twilio 21703: the Messaging Service has no sender for some destinations' countries: add one for them to its sender pool",
      },
    ]);
    expect(said.map(formatCheck).map((l) => l.slice(0, 4))).toEqual(['FAIL', 'FAIL', 'FAIL', 'WARN']);
    expect(JSON.stringify(said)).not.toMatch(/555\d{4}|000000000415/);
  });

  it('counts every message waiting on a held lane, not only those whose last try was refused', async () => {
    const w = await botWorld({}, Date.now());
    const numbers = Array.from({ length: 20 }, (_, i) => `+1415555${1000 + i}`);
    for (const n of numbers) queue(w, n);
    // The lane holds at the first refusals: the rest wait untried.
    await sendPass(w, 'sms', Object.fromEntries(numbers.map((n) => [n, twilio(21212)])));
    const tried = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE error = 'line:21212'").get() as { n: number };
    expect(tried.n).toBeLessThan(20);
    expect(await delivery(w)).toEqual([
      {
        name: 'sms lane',
        ok: false,
        detail: "held: its last try was refused for the line's own setup (21212): TWILIO_FROM_NUMBER is not a valid sender; 20 messages wait to go once it is fixed",
      },
    ]);
  });

  it("names a lane held on the Twilio account's daily limit (63038, answered as a 429) and what it means", async () => {
    const w = await botWorld({}, Date.now());
    queue(w, ROSE);
    await sendPass(w, 'sms', { [ROSE]: classifyTwilioError({ status: 429, code: 63038 }) });
    expect(await delivery(w)).toEqual([
      {
        name: 'sms lane',
        ok: false,
        detail:
          "held: its last try was refused for the line's own setup (63038): the Twilio account has reached its daily message limit (a rolling 24 hours; 50 on a trial account): upgrade a trial account or ask Twilio Support to raise it; this passes by itself as the day's earlier messages age out; 1 message waits to go once it is fixed",
      },
    ]);
  });

  it("fails on deliveries reported failed for the line's own sender (an unregistered US long code, an unverified toll-free number), naming the code and the fix", async () => {
    const w = await botWorld({}, Date.now());
    for (const n of [ROSE, LILY, JO]) queue(w, n);
    const sender = await sendPass(w, 'sms');
    // Twilio took each send; only their status callbacks say they never went.
    finalStatus(w, sender, ROSE, 'undelivered', '30034', 'hello');
    finalStatus(w, sender, LILY, 'undelivered', '30034', 'hello');
    finalStatus(w, sender, JO, 'failed', '30032', 'hello');
    const said = await delivery(w);
    expect(said).toEqual([
      {
        name: 'sms deliveries',
        ok: false,
        detail:
          '1 message undelivered in the last 24 hours with Twilio 30032: the sending number is a toll-free number not verified for messaging: submit its toll-free verification in the Twilio console',
      },
      {
        name: 'sms deliveries',
        ok: false,
        detail:
          '2 messages undelivered in the last 24 hours with Twilio 30034: the sending number is a US long code not registered for A2P 10DLC: register a brand and a campaign for it in the Twilio console (through a Messaging Service)',
      },
    ]);
    expect(JSON.stringify(said)).not.toMatch(/555\d{4}/);
  });

  it('leaves out refusals older than 24 hours', async () => {
    const w = await botWorld({}, Date.now() - 25 * 3_600_000);
    queue(w, ROSE);
    await sendPass(w, 'sms', { [ROSE]: twilio(21608) });
    expect(await delivery(w)).toEqual([]);
  });

  it('fails, naming the error, when the outbox cannot be read for another reason than an older schema', async () => {
    const w = await botWorld({}, Date.now());
    const db = new Database(w.file, { readonly: true });
    db.close();
    expect(checkDelivery(db, Date.now())).toEqual([{ name: 'outbox', ok: false, detail: 'what it recorded of delivery could not be read (TypeError)' }]);
  });

  it('reads nothing of delivery from a line before the outbox had lanes (schema 4), and does not call it damaged', async () => {
    const old = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0005')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(old, f));
    const dir = tempDir();
    const db = new Db(path.join(dir, 'heads-up.db'));
    migrate(db, old);
    db.close();
    const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dir, HEADSUP_MASTER_KEY: KEY });
    expect(results.filter((r) => r.name === 'database' || DELIVERY.has(r.name)).map((r) => [r.name, r.ok])).toEqual([['database', true]]);
  });
});
