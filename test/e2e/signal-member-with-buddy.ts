/**
 * The world of the e2e tests of check-ins timed by Signal's stamp (a clock
 * off Signal's, a laptop that sleeps, a message held while the server ran):
 * the fake Signal (native mode) and Twilio, a member on Signal, and her buddy
 * by SMS, asked and accepted through the server.
 */
import { catalog } from '../../src/bot/catalog';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, waitFor, type Harness } from '../helpers/harness';

const t = catalog('en');

export class SignalMemberWithBuddy {
  readonly signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
  readonly twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });

  /** `stamp`: when Signal's server received what she sends, unless a message says otherwise. */
  constructor(
    readonly member: { uuid: string; number: string },
    readonly buddy: string,
    private readonly stamp: () => number = Date.now,
  ) {}

  async start(): Promise<void> {
    await this.signal.start();
    await this.twilio.start();
  }

  async stop(h: Harness | null): Promise<void> {
    await h?.close();
    await this.signal.stop();
    await this.twilio.stop();
  }

  /** What the line sent her, in order. */
  got(): string[] {
    return this.signal.to(this.member.uuid).map((m) => m.message);
  }

  /** Sends `text` as Signal stamped it at `at`, and waits for the line's answer. */
  async say(text: string, at = this.stamp()): Promise<void> {
    const before = this.got().length;
    this.signal.push(textEnvelope(SIGNAL_NUMBER, this.member, text, at, at));
    await waitFor(() => this.got().length > before, 10_000, text);
  }

  /** She joins 415 and asks her buddy ("Ann" to them), who accepts by SMS; she is told. */
  async joinWithBuddy(server: Harness): Promise<void> {
    await this.say('JOIN 415');
    expect((await server.sms(this.buddy, 'HELP')).status).toBe(200);
    await this.say(`BUDDY ${this.buddy.slice(2)} Ann`);
    await waitFor(() => this.twilio.to(this.buddy).some((m) => m.body.includes('safety buddy')), 10_000, 'invitation');
    expect((await server.sms(this.buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await waitFor(() => this.got().some((m) => m.includes('accepted')), 10_000, 'told her buddy accepted');
  }
}
