/**
 * Signal's entry to the inbound path: a received item (a websocket frame or
 * a polled element) → the Signal adapter → the path, with the reply leaving
 * through the outbox's urgent lane (Signal has no response to carry it).
 */
import { errorFrame, parseSignalItem, receiveException, untrustedSender } from '../channels/signal/signal-envelope';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import { isWriteRefused } from '../store/db';
import type { InboundPath } from './inbound-path';

/**
 * Resolves once the item's effect is committed (or the message parked to be
 * tried again): the receiver waits for that before it stops, since
 * signal-cli has already taken the message from Signal. Rejects only when
 * the message could be neither handled nor parked because the database
 * refuses writes (a full disk): the receiver keeps it in memory and hands
 * it over again (receive-queue.ts), so that it is not lost.
 *
 * `trustChanged` is called with the UUID of a sender whose message signal-cli
 * could not decrypt (their safety number changed): trusting a member's new
 * key, as the Signal app does, lets signal-cli hand the message over. It must
 * never trust a moderator's (the identity gate deals with those), and must
 * not wait for signal-cli (changed-key-trust.ts tries, and tries again).
 */
export function receiveSignal(inbound: InboundPath, log: Logger, trustChanged?: (uuid: string) => void): (item: unknown) => Promise<void> {
  return async (item) => {
    const msg = parseSignalItem(item);
    if (!msg) {
      const sender = untrustedSender(item);
      if (sender !== null) {
        log.warn("signal-cli could not decrypt a Signal message: its sender's safety number changed");
        trustChanged?.(sender);
        return;
      }
      const exception = receiveException(item);
      if (exception !== null) log.warn({ type: exception }, 'signal-cli could not read a received Signal message');
      if (errorFrame(item) !== null) log.warn('signal-cli-rest-api reported a receive error');
      return;
    }
    // The path logs a failure and parks the message; a rejection means even parking failed. The receiver offers
    // again only what the disk refused (a full disk passes): any other failure would come back every time, and
    // one such message would stop all receiving behind it.
    try {
      await inbound.submit(msg, 'outbox');
    } catch (err) {
      if (isWriteRefused(err)) throw err;
      log.error({ err: safeError(err) }, 'a Signal message could be neither handled nor kept: it is lost');
    }
  };
}
