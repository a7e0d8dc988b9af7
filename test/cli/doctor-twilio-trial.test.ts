/**
 * A Twilio trial account texts only the numbers verified in it: every other
 * send (alerts, replies, buddies' escalations) is refused with 21608. doctor
 * fails such an account, naming the fix, and once it is upgraded, the
 * refusals of its trial days no longer fail doctor for a day.
 */
import path from 'node:path';
import { classifyTwilioError } from '../../src/channels/twilio/twilio-errors';
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { SendError } from '../../src/channels/types';
import { formatCheck, runDoctor } from '../../src/cli/doctor';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeTwilio } from '../fakes/fake-twilio';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sendPass } from '../helpers/checkin-escalation';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, TEST_MASTER_KEY } from '../helpers/harness';
import { seedMembers } from '../helpers/seed';
import { tempDir } from '../helpers/temp-dir';

const ROSE = '+14155550100';
const VERIFIED = '+14155550199';
const KEY = Buffer.alloc(32, 5).toString('base64');
const TRIAL_FAIL =
  "FAIL twilio: the Twilio account is a trial account, which texts only the numbers verified in it: every other message (alerts, replies, buddies' escalations) is refused (Twilio 21608). Upgrade the account in the Twilio console";

/** doctor's lines on `dataDir` (opened with `key`) against a fake Twilio account of `type`. */
async function doctorAgainst(type: 'Trial' | 'Full', dataDir: string, key = TEST_MASTER_KEY): Promise<string[]> {
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ownedNumbers: [FROM_NUMBER], smsUrl: `${PUBLIC_URL}/webhooks/twilio/sms`, accountType: type });
  await fake.start();
  try {
    const env = { NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: key, PUBLIC_URL, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_BASE_URL: fake.url, TWILIO_FROM_NUMBER: FROM_NUMBER };
    return (await runDoctor(env)).map(formatCheck);
  } finally {
    await fake.stop();
  }
}

/** A line whose text to Rose Twilio refused as a trial account's, just now. */
async function refusedOnTrial(): Promise<BotWorld> {
  const w = await botWorld({}, Date.now());
  const rose = ensureMember(w.db, w.vault, { channel: 'sms', address: ROSE, phone: ROSE }, 'en', w.clock.now);
  enqueueMessage(w.db, w.vault, rose.id, 'Heads Up: hello', w.clock.now);
  await sendPass(w, 'sms', { [ROSE]: classifyTwilioError({ status: 400, code: 21608 }) });
  return w;
}

describe('doctor on a Twilio trial account', () => {
  it('the fake, as Twilio, refuses a trial send to a number not verified in it with 21608, and takes a verified one', async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, accountType: 'Trial', verifiedNumbers: [VERIFIED] });
    const sender = new TwilioSender({ config: { accountSid: ACCOUNT_SID, apiBaseUrl: await fake.start(), redact: false, fromNumber: FROM_NUMBER }, authToken: AUTH_TOKEN, statusCallbackUrl: `${PUBLIC_URL}/webhooks/twilio/status`, timeoutMs: 5_000 });
    try {
      const refused = await sender.send(ROSE, 'hello').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SendError);
      expect([(refused as SendError).kind, (refused as SendError).code]).toEqual(['rejected', '21608']);
      await sender.send(VERIFIED, 'hello');
      expect(fake.sent.map((m) => m.to)).toEqual([VERIFIED]);
    } finally {
      await sender.close();
      await fake.stop();
    }
  });

  it('fails a trial account, naming the fix, and passes a full one', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '415', []);
    const trial = await doctorAgainst('Trial', dataDir);
    expect(trial.filter((l) => l.includes(' twilio:'))).toEqual([TRIAL_FAIL]);
    // The sender is still checked: one fix at a time would take a run each.
    expect(trial.filter((l) => l.includes(' twilio sender:'))).toEqual(['OK   twilio sender: TWILIO_FROM_NUMBER belongs to this account and can send SMS']);
    const full = await doctorAgainst('Full', dataDir);
    expect(full.filter((l) => l.includes(' twilio:'))).toEqual(['OK   twilio: credentials accepted, account active and upgraded (not a trial)']);
  });

  it("fails the last 24 hours' 21608 refusals while the account is a trial, and only warns of them once it is upgraded", async () => {
    const w = await refusedOnTrial();
    const dir = path.dirname(w.file);
    const refusals = (lines: string[]) => lines.filter((l) => l.includes(' sms refusals:'));
    expect(refusals(await doctorAgainst('Trial', dir, KEY))).toEqual([
      'FAIL sms refusals: 1 message refused in the last 24 hours with Twilio 21608: the Twilio account is a trial, which sends only to numbers verified in it: upgrade the account',
    ]);
    const upgraded = await doctorAgainst('Full', dir, KEY);
    expect(refusals(upgraded)).toEqual([
      'WARN sms refusals: 1 message refused in the last 24 hours with Twilio 21608, while the Twilio account was a trial: it is upgraded now, and those messages were not sent again',
    ]);
    expect(upgraded.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(JSON.stringify(upgraded)).not.toMatch(/555\d{4}/);
  });
});
