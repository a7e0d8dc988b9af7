/**
 * A seized-disk hunt: a member's reply to REPORT was queued in the same
 * millisecond as, and next to, the moderators' notice of her report, and
 * stayed so for RETENTION_DAYS. Without the key a seizer read which member
 * (Signal, her language, her area) wrote which warning. Once a report is
 * decided and its messages have gone, no message that names a member may
 * share its millisecond with, or sit next to, another one-off message.
 */
import Database from 'better-sqlite3';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, refOf, SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { readSeized } from '../helpers/seized-file';
import { QUICK_RETRIES } from '../helpers/signal-world';

const MOD = '+13125550177';
const SMS_REPORTER = '+14155550101';
const SIG = { uuid: '5a5a5a5a-1111-4222-8333-944444444401', number: null };
jest.setTimeout(60_000);

type Row = { id: number; member_id: number | null; created_at: number };

/** The members a seizer ties to another message: one-off rows (no alert) naming a member, next to or in the same millisecond as another one-off row. */
function tiedMembers(file: Database.Database): number[] {
  const rows = file.prepare('SELECT id, member_id, created_at FROM outbox WHERE alert_id IS NULL ORDER BY id').all() as Row[];
  const tied = rows.filter((r) => r.member_id !== null && rows.some((o) => o.id !== r.id && (o.created_at === r.created_at || Math.abs(o.id - r.id) === 1)));
  return [...new Set(tied.map((r) => r.member_id!))];
}

describe('a reporter and the notice of her report, on a seized disk', () => {
  let twilio: FakeTwilio;
  let signal: FakeSignal;
  let h: Harness;
  const dataDir = tempDir();

  beforeAll(async () => {
    twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    signal = new FakeSignal({ account: SIGNAL_NUMBER });
    await twilio.start();
    await signal.start();
    h = await startHarness({ dataDir, twilioApiBaseUrl: twilio.url, signalApiUrl: signal.url, signalReceiveMode: 'websocket', env: { MODERATORS: MOD, SEND_RATE: '1000' }, dispatcher: QUICK_RETRIES });
    twilio.callbackBase = h.url;
    await waitFor(() => signal.connected >= 1, 5000, 'the Signal socket');
  });
  afterAll(async () => {
    await twilio.stop();
    await signal.stop();
  });

  const sig = async (text: string): Promise<string> => {
    const n = signal.to(SIG.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, SIG, text));
    await waitFor(() => signal.to(SIG.uuid).length > n, 10_000, 'her Signal reply');
    return signal.to(SIG.uuid)[n]!.message as string;
  };
  /** Every message finished: none waits, and every SMS has its final status. */
  const allFinished = () => readSeized(dataDir, (f) => (f.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sent') AND channel = 'sms' OR state = 'pending'").get() as { n: number }).n === 0);

  it('ties no member to a decided report by Signal or SMS, approved or rejected', async () => {
    for (const n of ['+14155550102', '+14155550103']) await h.sms(n, 'JOIN 415');
    await h.sms(SMS_REPORTER, 'JOIN 415');
    await sig('JOIN 415');
    const signalApproved = refOf(await sig('REPORT 415 grey van, knife, Lombard motel'));
    const smsApproved = refOf((await h.sms(SMS_REPORTER, 'REPORT 415 red sedan, took her phone')).message);
    const signalRejected = refOf(await sig('REPORT 415 blue truck, would not pay'));
    const smsRejected = refOf((await h.sms(SMS_REPORTER, 'REPORT 415 white suv, followed her home')).message);
    await waitFor(() => twilio.to(MOD).length >= 4, 10_000, 'the four notices');
    for (const ref of [signalApproved, smsApproved]) expect((await h.sms(MOD, `APPROVE ${ref}`)).status).toBe(200);
    for (const ref of [signalRejected, smsRejected]) expect((await h.sms(MOD, `REJECT ${ref}`)).status).toBe(200);
    await waitFor(allFinished, 15_000, 'every message finished');
    await h.close();
    // The seizer's own reading: the notices were there to be found beside her replies.
    expect(readSeized(dataDir, (f) => (f.prepare("SELECT count(*) AS n FROM reports WHERE status IN ('approved', 'rejected')").get() as { n: number }).n)).toBe(4);
    expect(readSeized(dataDir, (f) => (f.prepare('SELECT count(*) AS n FROM outbox WHERE alert_id IS NULL').get() as { n: number }).n)).toBeGreaterThanOrEqual(6);
    expect(readSeized(dataDir, tiedMembers)).toEqual([]);
  });
});
