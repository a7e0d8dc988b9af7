/**
 * A send that outlives its client time-out is still being served by
 * signal-cli in normal/native mode, holding the account: the next request,
 * issued the moment our side gave up, would wait there behind it with its
 * own time-out running (counted failed, delivered all the same: twice). The
 * turn stays taken for a time-out after one given up. Scaled: 1 s time-out.
 */
import { SignalSender } from '../../../src/channels/signal/signal-sender';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal } from '../../fakes/fake-signal';

const ACCOUNT = '+15005550199';
const uuid = (n: number) => `5c3d4e5f-6a7b-4c8d-9e0f-${String(n).padStart(12, '0')}`;

it('the sends after one that timed out wait for signal-cli to be done with it, and each goes once', async () => {
  const fake = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
  await fake.start();
  const sender = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: createLogger('silent'), timeoutMs: 1_000, sendsInTurn: true });
  try {
    // signal-cli hangs on the first send (2.5 s, past the 1 s time-out); the rest are quick.
    fake.sendMs = 2_500;
    const first = sender.send(uuid(1), 'alert').then(() => 'sent', (e: Error) => e.message);
    await new Promise((resolve) => setTimeout(resolve, 100));
    fake.sendMs = 300;
    const rest = [2, 3].map((n) => sender.send(uuid(n), 'alert').then(() => 'sent', (e: Error) => e.message));
    expect(await Promise.all([first, ...rest])).toEqual(['connection (ECONNABORTED)', 'sent', 'sent']);
    expect([2, 3].map((n) => fake.to(uuid(n)).length)).toEqual([1, 1]);
  } finally {
    await sender.close();
    await fake.stop();
  }
}, 20_000);
