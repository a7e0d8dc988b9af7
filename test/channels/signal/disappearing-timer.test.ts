/**
 * DISCREET's disappearing-messages timer (issue 12) against a fake
 * signal-cli-rest-api: a call that failed and is tried again must not undo
 * a later choice of the member (DISCREET on, then off: the timer ends off).
 */
import { DisappearingTimer } from '../../../src/channels/signal/disappearing-timer';
import { SignalSender } from '../../../src/channels/signal/signal-sender';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal, type SignalAnswer } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';

const ACCOUNT = '+15005550199';
const UUID = '3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a';
// signal-cli-rest-api's answer when signal-cli fails to update the contact (api.go UpdateContact).
const REFUSED: SignalAnswer = { status: 400, body: { error: 'Failed to update contact: Network failure' } };

describe('DisappearingTimer', () => {
  let fake: FakeSignal;
  let sender: SignalSender;
  let timer: DisappearingTimer;
  beforeEach(async () => {
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
    sender = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: createLogger('silent') });
    timer = new DisappearingTimer((to, s) => sender.setExpiration(to, s), createLogger('silent'), [50, 50]);
  });
  afterEach(async () => {
    timer.close();
    await sender.close();
    await fake.stop();
  });

  it('tries a failed call again until it is set', async () => {
    let calls = 0;
    fake.contactAnswer = () => (++calls === 1 ? REFUSED : 'accept');
    timer.set(UUID, 3_600);
    await waitFor(() => fake.expirations.get(UUID) === 3_600, 5_000, 'the timer set on the second try');
    expect(fake.contactRequests).toBe(2);
  });

  it('does not let the retry of an earlier call undo a later one', async () => {
    let calls = 0;
    fake.contactAnswer = () => (++calls === 1 ? REFUSED : 'accept');
    timer.set(UUID, 3_600); // DISCREET on: refused, to be tried again
    await waitFor(() => fake.contactRequests === 1, 5_000, 'the first call');
    timer.set(UUID, 0); // DISCREET off
    await waitFor(() => fake.expirations.get(UUID) === 0, 5_000, 'the timer off');
    // Well past the earlier call's retry (50 ms).
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.expirations.get(UUID)).toBe(0);
    expect(fake.contactUpdates.map((u) => u.expiration_in_seconds)).toEqual([0]);
  });
});
