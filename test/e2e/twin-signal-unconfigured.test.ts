/**
 * A line that ran with Signal and SMS and is restarted with Twilio only
 * (signal-cli retired, SIGNAL_* dropped from .env) keeps its Signal members.
 * A person on both channels had her alerts planned over Signal only (her
 * SMS membership skipped as the twin's), and no lane ever sent them: she got
 * nothing, though the line could reach her by SMS. She gets it by SMS.
 */
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { startTwilioLine, waitFor, type TwilioLine } from '../helpers/harness';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const ANA = '+14155550102';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';

describe('a person on SMS and Signal, on a line that no longer sends on Signal', () => {
  let line: TwilioLine;
  beforeAll(async () => {
    line = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '100' } });
  });
  afterAll(() => line.stop());

  it('gets the alert by SMS', async () => {
    const { h, fake } = line;
    const { db, vault } = h.server;
    // Her Signal membership, from when the line had Signal: showing her number, in 415.
    const signal = ensureMember(db, vault, { channel: 'signal', address: UUID, phone: ROSA }, 'en', Date.now());
    subscribe(db, signal.id, ['415'], Date.now());
    expect((await h.sms(ROSA, 'JOIN 415')).message).toContain('415');
    // Someone on SMS only, for comparison.
    expect((await h.sms(ANA, 'JOIN 415')).message).toContain('415');
    expect((await h.sms(MOD, 'ALERT 415 grey van, knife')).message).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
    await h.server.planner.idle();
    await waitFor(() => fake.to(ANA).some((m) => m.body.includes('grey van')), 5_000, 'the alert to the SMS-only member');
    await waitFor(() => fake.to(ROSA).some((m) => m.body.includes('grey van')), 5_000, 'the alert by SMS');
  });
});
