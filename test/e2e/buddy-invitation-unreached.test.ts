/**
 * A buddy invitation the provider refuses for good as invalid: on a
 * Signal-only line, every buddy not on Signal. She had been told "we asked
 * the number ending 0177 … we'll tell you", and nothing ever did: BUDDY
 * showed it waiting for a week, one of her three. Now it ends, and she is
 * told, by the number's last four digits only, to ask someone else.
 */
import { catalog } from '../../src/bot/catalog';
import { SIGNAL_ERRORS } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { TWILIO_ERRORS } from '../fakes/fake-twilio-errors';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor } from '../helpers/harness';
import { numberForms } from '../helpers/needles';
import { ask, startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';

const t = catalog('en');
const ROSE = { uuid: testUuid(72), number: '+14155550123' };
const NOT_ON_SIGNAL = '+14155550177';

describe('on a line with Signal only', () => {
  let w: SignalWorld;
  beforeEach(async () => {
    w = await startSignalWorld({ env: { NODE_ENV: 'production', MODERATORS: testUuid(71) } });
  });
  afterEach(() => w.close());

  it('ends an invitation Signal refuses as unregistered, and tells her to ask someone else', async () => {
    const { signal, h } = w;
    signal.answer = ({ recipient }) => (recipient === NOT_ON_SIGNAL ? SIGNAL_ERRORS.unregistered(recipient) : 'accept');
    await ask(signal, ROSE, 'JOIN');
    expect(await ask(signal, ROSE, `BUDDY ${NOT_ON_SIGNAL} Rose`)).toBe(t.buddyAsked('0177'));
    await waitFor(() => signal.to(ROSE.uuid).some((m) => m.message === t.buddyUnreachedMember('0177', 'signal')), 10_000, 'her told');
    // It no longer waits, nor counts among her buddies.
    expect(await ask(signal, ROSE, 'BUDDY')).toBe(t.buddyNone());
    const logged = h.logs.join('\n');
    for (const n of [...numberForms(NOT_ON_SIGNAL), ...numberForms(ROSE.number), ROSE.uuid]) expect(logged).not.toContain(n);
  }, 60_000);
});

it('ends an SMS invitation Twilio refuses as no valid number, and tells a discreet member in plain words', async () => {
  const ROSA = '+14155550100';
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: (m) => (m.to === NOT_ON_SIGNAL ? TWILIO_ERRORS.invalidTo : 'accept') });
  await fake.start();
  const h = await startHarness({ twilioApiBaseUrl: fake.url });
  try {
    await h.sms(ROSA, 'JOIN');
    await h.sms(ROSA, 'DISCREET');
    expect((await h.sms(ROSA, `BUDDY ${NOT_ON_SIGNAL} Rosa`)).message).toBe(t.buddyAsked('0177'));
    await waitFor(() => fake.to(ROSA).some((m) => m.body === t.discreetContactUnreached('0177')), 10_000, 'her told');
    expect((await h.sms(ROSA, 'BUDDY')).message).toBe(t.buddyNone());
  } finally {
    await h.close();
    await fake.stop();
  }
}, 60_000);

it('ends an SMS invitation Twilio takes and then reports undelivered as no number (30006, a landline), and tells her', async () => {
  const ROSA = '+14155550100';
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbackDelayMs: 2 });
  await fake.start();
  const h = await startHarness({ twilioApiBaseUrl: fake.url });
  fake.callbackBase = h.url;
  try {
    fake.failDelivery(NOT_ON_SIGNAL, 30006);
    await h.sms(ROSA, 'JOIN');
    expect((await h.sms(ROSA, `BUDDY ${NOT_ON_SIGNAL} Rosa`)).message).toBe(t.buddyAsked('0177'));
    await waitFor(() => fake.to(ROSA).some((m) => m.body === t.buddyUnreachedMember('0177', 'sms')), 15_000, 'her told');
    expect((await h.sms(ROSA, 'BUDDY')).message).toBe(t.buddyNone());
    const logged = h.logs.join('\n');
    for (const n of [...numberForms(NOT_ON_SIGNAL), ...numberForms(ROSA)]) expect(logged).not.toContain(n);
  } finally {
    await h.close();
    await fake.stop();
  }
}, 60_000);
