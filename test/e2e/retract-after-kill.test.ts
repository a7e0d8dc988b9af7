/**
 * The server is killed (SIGKILL) mid-fan-out while Signal sends wait at a
 * slow signal-cli, which delivers them all the same; after the restart the
 * moderator retracts the alert. The copies that were in flight were made
 * due again by the restart (their try unanswered): each one that reached a
 * phone must be deleted or corrected, and the moderator must not be told
 * they were unsent copies cancelled. A real child process, real HTTP on
 * loopback, a real SQLite file; fakes for signal-cli-rest-api and Twilio.
 */
import { FakeSignal } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { startChild, type Child } from '../helpers/child-server';
import { seedMembers } from '../helpers/seed';
import { ACCOUNT_SID, AUTH_TOKEN, refOf, SIGNAL_NUMBER, smsTo, tempDir, twilioChildEnv, waitFor } from '../helpers/harness';

const MOD = '+14155550199';
const MEMBERS = 20;
const UUIDS = Array.from({ length: MEMBERS }, (_, i) => `2c3d4e5f-6071-4b8c-9dae-${String(i + 1).padStart(12, '0')}`);

describe('RETRACT after a restart that interrupted a Signal fan-out', () => {
  let child: Child | undefined;
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  const dataDir = tempDir();

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
    // signal-cli sends one at a time: the lane's later sends wait there, and it serves them after the kill.
    signal.sendMs = 1_500;
    await signal.start();
    twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await twilio.start();
    await seedMembers(dataDir, '415', UUIDS, 'signal');
  });

  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await child?.exited;
    await signal.stop();
    await twilio.stop();
  });

  const env = () =>
    twilioChildEnv(dataDir, twilio.url, {
      NODE_ENV: 'production',
      TWILIO_REDACT: 'off',
      SIGNAL_API_URL: signal.url,
      SIGNAL_NUMBER,
      SIGNAL_RECEIVE_MODE: 'poll',
      MODERATORS: MOD,
      SEND_RATE: '10',
      LOG_LEVEL: 'warn',
    });

  it('deletes or corrects every copy that reached a phone, and counts none of them as unsent', async () => {
    child = await startChild(env());
    const ref = refOf(await smsTo(child.url, '+12065550123', 'REPORT 415 grey van, took my phone'));
    expect(await smsTo(child.url, MOD, `APPROVE ${ref}`)).toContain('approved');
    const got = () => [...new Set(signal.sent.filter((m) => m.message.includes('grey van')).map((m) => m.recipient))];
    await waitFor(() => got().length >= 2, 30_000, 'some copies sent');
    child.proc.kill('SIGKILL');
    await child.exited;

    child = await startChild(env());
    const reply = (await smsTo(child.url, MOD, `RETRACT ${ref}`)) ?? '';
    const cancelled = Number(/: (\d+) unsent/.exec(reply)?.[1] ?? NaN);
    const standing = () => {
      const fixed = new Set([...signal.remoteDeletes.map((d) => d.recipient), ...signal.sent.filter((m) => m.message.includes('withdrawn')).map((m) => m.recipient)]);
      return got().filter((u) => !fixed.has(u));
    };
    await waitFor(() => standing().length === 0, 60_000, 'every copy that went deleted or corrected');
    expect(standing()).toEqual([]);
    // Copies cancelled unsent reached no one: with those that did, no more than there were members.
    expect(cancelled + got().length).toBeLessThanOrEqual(MEMBERS);
  }, 120_000);
});
