/**
 * The console channel: with no provider configured, outgoing messages are
 * printed instead of sent, the recipient masked to its last 4 characters.
 */
import { randomUUID } from 'node:crypto';
import type { Channel } from '../../domain/channel';
import type { ChannelSender } from '../types';

/** "…0100": enough to tell test recipients apart, not enough to identify anyone. */
export function maskAddress(address: string): string {
  return `…${address.slice(-4)}`;
}

/** Prints each message as one line to `out` (stdout by default). */
export class ConsoleSender implements ChannelSender {
  readonly name = 'console';

  constructor(
    readonly channel: Channel,
    private readonly out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  async send(to: string, body: string): Promise<{ providerId: string }> {
    const providerId = `console-${randomUUID()}`;
    this.out(`[console ${this.channel}] to ${maskAddress(to)}: ${body}`);
    return { providerId };
  }
}
