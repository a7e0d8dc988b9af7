/**
 * The server with Signal configured against a fake signal-cli-rest-api, and
 * optionally SMS against a fake Twilio: what every Signal integration suite
 * starts and stops. Resolves once the server receives from Signal.
 */
import type { DispatcherOptions } from '../../src/outbox/dispatcher';
import type { ServerOptions } from '../../src/server';
import { FakeSignal, textEnvelope, type FakeSignalOptions } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, waitFor, type Harness } from './harness';

/** Quick retries, so that storms and outages pass within a test. */
export const QUICK_RETRIES = { backoff: { baseMs: 20, maxMs: 200, maxAttempts: 20 }, lineBackoff: { baseMs: 20, maxMs: 200 } };

export interface SignalWorld {
  h: Harness;
  signal: FakeSignal;
  /** Serves SMS only when `sms` was asked for (otherwise never started). */
  twilio: FakeTwilio;
  close(): Promise<void>;
}

export async function startSignalWorld(opts: {
  env?: Record<string, string>;
  /** Also configure Twilio (against a fake); otherwise Signal is the only channel. */
  sms?: boolean;
  /** signal-cli-rest-api's mode; 'normal' means the server polls. */
  mode?: FakeSignalOptions['mode'];
  /** The server's clock (tests move it on rather than wait). */
  now?: () => number;
  /** Dispatcher options over QUICK_RETRIES. */
  dispatcher?: Partial<DispatcherOptions>;
  /** Signal tuning instead of the harness's. */
  signalTuning?: ServerOptions['signal'];
}): Promise<SignalWorld> {
  const signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: opts.mode });
  const twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await signal.start();
  if (opts.sms) await twilio.start();
  const poll = opts.mode !== undefined && opts.mode !== 'json-rpc';
  const h = await startHarness({
    signalApiUrl: signal.url,
    signalReceiveMode: poll ? 'poll' : 'websocket',
    ...(opts.sms ? { twilioApiBaseUrl: twilio.url } : { twilio: false }),
    env: opts.env,
    dispatcher: { ...QUICK_RETRIES, ...opts.dispatcher },
    signal: opts.signalTuning,
    now: opts.now,
  });
  if (!poll) await waitFor(() => signal.connected === 1, 5_000, 'the receive websocket');
  return {
    h,
    signal,
    twilio,
    async close() {
      await h.close();
      await signal.stop();
      if (opts.sms) await twilio.stop();
    },
  };
}

/** A Signal contact as the fake sees it: a UUID, and a number unless it is hidden. */
export type Who = { uuid: string; number: string | null };

/** The n-th test UUID of the Signal suites. */
export const testUuid = (n: number) => `7a6b5c4d-3e2f-4a1b-9c8d-${String(n).padStart(12, '0')}`;

/** Sends `text` to the line from `who` and resolves with the first message the line sends them back. */
export async function ask(signal: FakeSignal, who: Who, text: string): Promise<string> {
  const before = signal.to(who.uuid).length;
  signal.push(textEnvelope(SIGNAL_NUMBER, who, text));
  await waitFor(() => signal.to(who.uuid).length > before, 10_000, 'a Signal reply');
  return signal.to(who.uuid)[before]?.message as string;
}
