/**
 * Check-in timers survive kill -9 (issue 13): the server runs as a child
 * process and is killed between a check-in's deadline and the escalation's
 * send. The escalation arrives after the restart, exactly once.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { catalog } from '../../src/bot/catalog';
import { FakeTwilio, type FakeAnswer } from '../fakes/fake-twilio';
import { startChild, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, smsTo, tempDir, twilioChildEnv, waitFor } from '../helpers/harness';

const t = catalog('en');
const ROSE = '+14155550100';
const BUDDY = '+14155550177';

/**
 * Read once the server has stopped, so nothing can still be at work: each
 * check-in's state and the outbox states of the escalations it wrote. An
 * escalated check-in has no timer left to fire, and a row no longer pending
 * is never sent again: with the one message the fake received, no later run
 * can send a second.
 */
function checkinsOnDisk(dataDir: string): Array<{ state: string; escalations: string | null }> {
  const db = new Database(path.join(dataDir, 'heads-up.db'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT c.state, group_concat(o.state) AS escalations FROM checkins c
         LEFT JOIN checkin_messages cm ON cm.checkin_id = c.id AND cm.kind = 'escalation'
         LEFT JOIN outbox o ON o.id = cm.outbox_id
         GROUP BY c.id ORDER BY c.id`,
      )
      .all() as Array<{ state: string; escalations: string | null }>;
  } finally {
    db.close();
  }
}

describe('kill -9 around a check-in deadline', () => {
  let fake: FakeTwilio;
  let child: Child | undefined;
  const dataDir = tempDir();
  /** How the fake answers a send to the buddy now (an outage, or accept). */
  let buddyAnswer: FakeAnswer = 'accept';
  /** Sends to the buddy the fake refused. */
  let refused = 0;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: (msg) => {
        if (msg.to !== BUDDY || buddyAnswer === 'accept') return 'accept';
        refused++;
        return buddyAnswer;
      },
    });
    await fake.start();
  });

  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await fake.stop();
  });

  const env = () =>
    twilioChildEnv(dataDir, fake.url, {
      NODE_ENV: 'test',
      TWILIO_REDACT: 'off',
      // Check-ins of a second or two: the deadlines pass within the test, not minutes later.
      CHECKIN_MIN_MINUTES: '0.01',
      LOG_LEVEL: 'warn',
    });
  const escalations = (marker: string) => fake.sent.filter((m) => m.to === BUDDY && m.body.includes(marker));
  const kill = async () => {
    child?.proc.kill('SIGKILL');
    await child?.exited;
  };
  /** A graceful stop: once it has exited, what it sent and what it left on disk are final. */
  const stop = async () => {
    child!.proc.kill('SIGTERM');
    expect(await child!.exited).toBe(0);
  };

  it('a deadline that passes while the server is dead escalates once after the restart', async () => {
    child = await startChild(env());
    await smsTo(child.url, ROSE, 'JOIN');
    await smsTo(child.url, ROSE, 'BUDDY 415-555-0177 Rose');
    await waitFor(() => fake.to(BUDDY).length === 1, 10_000, 'the invitation');
    expect(await smsTo(child.url, BUDDY, 'ACCEPT')).toBe(t.buddyAccepted());

    const reply = await smsTo(child.url, ROSE, 'CHECKIN 0.03 red pickup');
    const repliedAt = Date.now();
    expect(reply).toContain('check-in until');
    await kill();
    // The deadline (1.8 s after the server read the check-in, so before repliedAt + 1.8 s) passes with no server.
    await waitFor(() => Date.now() > repliedAt + 2_300, 10_000, 'the deadline to pass');
    expect(escalations('red pickup')).toEqual([]);
    child = await startChild(env());
    await waitFor(() => escalations('red pickup').length === 1, 20_000, 'the escalation after the restart');
    await waitFor(() => fake.to(ROSE).some((m) => m.body === t.checkinMemberTold('buddies')), 10_000, 'the member told');
    await stop();
    expect(escalations('red pickup')).toHaveLength(1);
    expect(checkinsOnDisk(dataDir)).toEqual([{ state: 'escalated', escalations: 'sent' }]);
  }, 60_000);

  it('an escalation queued but not yet sent (the provider is down) when the server is killed is sent once after the restart', async () => {
    child = await startChild(env());
    buddyAnswer = { status: 503, code: 20503, message: 'Service Unavailable' };
    expect(await smsTo(child.url, ROSE, 'CHECKIN 0.01 grey sedan')).toContain('check-in until');
    // The deadline passes, the timer fires and its escalation fails at the provider: it is queued, not sent.
    await waitFor(() => refused > 0, 20_000, 'a failed attempt');
    expect(escalations('grey sedan')).toEqual([]);
    await kill();
    buddyAnswer = 'accept';
    child = await startChild(env());
    await waitFor(() => escalations('grey sedan').length === 1, 30_000, 'the escalation after the restart');
    await stop();
    expect(escalations('grey sedan')).toHaveLength(1);
    expect(checkinsOnDisk(dataDir)).toEqual([
      { state: 'escalated', escalations: 'sent' },
      { state: 'escalated', escalations: 'sent' },
    ]);
  }, 60_000);
});
