/**
 * The channel adapter's side of an outbox lane, for lane tests: answers each
 * send as scripted (accepting when the script is empty), or holds it until
 * the test answers. And `settle()`, which lets a lane run until it has
 * nothing left to do now.
 */
import { SendError, type ChannelSender } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';

export type Answer = { providerId: string } | SendError | Error;

export class FakeSender implements ChannelSender {
  readonly channel: Channel = 'sms';
  readonly name = 'fake';
  readonly calls: Array<{ to: string; body: string; ref?: number }> = [];
  private readonly held: Array<(a: Answer) => void> = [];
  constructor(
    readonly script: Answer[] = [],
    private holding = false,
  ) {}
  send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    this.calls.push({ to, body, ref: opts?.ref });
    const n = this.calls.length;
    const settle = (a: Answer, resolve: (r: { providerId: string }) => void, reject: (e: Error) => void) => (a instanceof Error ? reject(a) : resolve(a));
    if (this.holding) return new Promise((resolve, reject) => this.held.push((a) => settle(a, resolve, reject)));
    const next = this.script.shift() ?? { providerId: `SM${n}` };
    return new Promise((resolve, reject) => settle(next, resolve, reject));
  }
  /** Answers the oldest send held. */
  answer(a: Answer = { providerId: `SMheld${this.held.length}` }): void {
    this.held.shift()?.(a);
  }
  /** Answers every held send and holds no more. */
  release(): void {
    this.holding = false;
    while (this.held.length) this.answer();
  }
}

/** Lets the lane run until it has nothing left to do now (a send answered, its outcome written, the claim that follows). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}
