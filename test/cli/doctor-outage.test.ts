/**
 * doctor while a provider answers yet fails every send (Twilio 500 on each
 * message while the account check passes): /readyz says sending_failing,
 * and doctor must not read all OK. Counts, codes and what to do; never an
 * address.
 */
import path from 'node:path';
import { classifySignalError } from '../../src/channels/signal/signal-errors';
import { classifyTwilioError } from '../../src/channels/twilio/twilio-errors';
import { SendError } from '../../src/channels/types';
import { formatCheck, runDoctor } from '../../src/cli/doctor';
import type { Sender } from '../../src/phone/identity';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sendPass } from '../helpers/checkin-escalation';

const KEY = Buffer.alloc(32, 5).toString('base64');
const ROSE = '+14155550100';
const LILY = '+14155550177';
const MIA = '5c3d4e5f-6a7b-4c8d-9e0f-000000000415';
const twilio500 = () => classifyTwilioError({ status: 500, code: 0 });

function queue(w: BotWorld, to: string): void {
  const sender: Sender = to.startsWith('+') ? { channel: 'sms', address: to, phone: to } : { channel: 'signal', address: to };
  enqueueMessage(w.db, w.vault, ensureMember(w.db, w.vault, sender, 'en', w.clock.now).id, 'Heads Up: hello', w.clock.now);
}

async function lanes(w: BotWorld) {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => r.name === 'sms lane' || r.name === 'signal lane');
}

describe('doctor during a provider outage', () => {
  it('fails the SMS lane whose every send failed with Twilio 500, with the count, the oldest wait, the code and what to do', async () => {
    const w = await botWorld({}, Date.now() - 20 * 60_000);
    queue(w, ROSE);
    queue(w, LILY);
    // Tried first 19 minutes on (the server was down), then again past their backoff: their tries have failed for a minute.
    w.clock.now += 19 * 60_000;
    await sendPass(w, 'sms', { [ROSE]: twilio500(), [LILY]: twilio500() });
    w.clock.now += 61_000;
    await sendPass(w, 'sms', { [ROSE]: twilio500(), [LILY]: twilio500() });
    const said = await lanes(w);
    expect(said).toEqual([
      {
        name: 'sms lane',
        ok: false,
        detail:
          "failing: the provider answers but fails every send (server:500): 2 messages failed so, the oldest waiting 20 minutes; check status.twilio.com and the Twilio console's error log. Messages wait (2 messages on this lane) and will go when it recovers",
      },
    ]);
    expect(formatCheck(said[0]!).slice(0, 4)).toBe('FAIL');
    expect(JSON.stringify(said)).not.toMatch(/555\d{4}/);
  });

  it('says signal-cli cannot be reached when the Signal lane finds no connection', async () => {
    const w = await botWorld({}, Date.now());
    queue(w, MIA);
    await sendPass(w, 'signal', { [MIA]: new SendError('connection', 'ECONNREFUSED') });
    // Tried again a minute on, and failing still: as long as /readyz waits.
    w.clock.now += 60_000;
    await sendPass(w, 'signal', { [MIA]: new SendError('connection', 'ECONNREFUSED') });
    const said = await lanes(w);
    expect(said.map((r) => [r.name, r.ok])).toEqual([['signal lane', false]]);
    expect(said[0]!.detail).toMatch(/^failing: the provider cannot be reached \(connection:ECONNREFUSED\): 1 message failed so, .*signal-cli-rest-api's logs/);
    expect(said[0]!.detail).not.toMatch(/000000000415/);
  });

  it('says nothing once a message of the lane went after the failures: the provider is back', async () => {
    const w = await botWorld({}, Date.now());
    queue(w, ROSE);
    await sendPass(w, 'sms', { [ROSE]: twilio500() });
    // Lily's message goes while Rose's waits out its backoff (a second: not due again yet).
    w.clock.now += 1_000;
    queue(w, LILY);
    await sendPass(w, 'sms', { [ROSE]: twilio500() });
    const pending = w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND error = 'server:500'").get() as { n: number };
    expect(pending.n).toBe(1);
    expect(await lanes(w)).toEqual([]);
  });

  it("does not call one Signal recipient's worded failure an outage", async () => {
    const w = await botWorld({}, Date.now());
    queue(w, MIA);
    await sendPass(w, 'signal', { [MIA]: classifySignalError(400, 'Failed to send message') });
    const row = w.db.sqlite.prepare("SELECT error FROM outbox WHERE state = 'pending'").get() as { error: string };
    expect(row.error).toBe('server:send_failed');
    expect(await lanes(w)).toEqual([]);
  });

  /** A quiet line: one SMS went, then a minute later another got one Twilio 503 and waits for its retry. */
  async function oneBlip(): Promise<Awaited<ReturnType<typeof botWorld>>> {
    const w = await botWorld({}, Date.now() - 5 * 60_000);
    queue(w, ROSE);
    await sendPass(w, 'sms', {});
    w.clock.now += 60_000;
    queue(w, LILY);
    await sendPass(w, 'sms', { [LILY]: classifyTwilioError({ status: 503, code: 0 }) });
    return w;
  }

  it('says nothing of one Twilio 503 on a quiet line a minute after a message went: its retry may well go', async () => {
    const w = await oneBlip();
    const row = w.db.sqlite.prepare("SELECT error FROM outbox WHERE state = 'pending'").get() as { error: string };
    expect(row.error).toBe('server:503');
    expect(await lanes(w)).toEqual([]);
  });

  it('fails that lane once the same message has failed for a minute (failingAfterMs), as /readyz does', async () => {
    const w = await oneBlip();
    w.clock.now += 59_000;
    await sendPass(w, 'sms', { [LILY]: classifyTwilioError({ status: 503, code: 0 }) });
    expect(await lanes(w)).toEqual([]);
    // Past its backoff: tried again, two minutes after its first try.
    w.clock.now += 61_000;
    await sendPass(w, 'sms', { [LILY]: classifyTwilioError({ status: 503, code: 0 }) });
    expect((await lanes(w)).map((r) => [r.name, r.ok, r.detail.slice(0, 60)])).toEqual([
      ['sms lane', false, 'failing: the provider answers but fails every send (server:5'],
    ]);
  });
});
