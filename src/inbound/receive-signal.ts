/**
 * Signal's entry to the inbound path: a received item (a websocket frame or
 * a polled element) → the Signal adapter → the path, with the reply leaving
 * through the outbox's urgent lane (Signal has no response to carry it).
 */
import { errorFrame, parseSignalItem } from '../channels/signal/signal-envelope';
import type { Logger } from '../log/logger';
import type { InboundPath } from './inbound-path';

/**
 * Resolves once the item's effect is committed (or the message parked to be
 * tried again): the receiver waits for that before it stops, since
 * signal-cli has already taken the message from Signal. Never rejects.
 */
export function receiveSignal(inbound: InboundPath, log: Logger): (item: unknown) => Promise<void> {
  return async (item) => {
    const msg = parseSignalItem(item);
    if (!msg) {
      if (errorFrame(item) !== null) log.warn('signal-cli-rest-api reported a receive error');
      return;
    }
    // The path logs a failure and parks the message; a rejection means even parking failed, logged there.
    await Promise.resolve(inbound.submit(msg, 'outbox')).catch(() => undefined);
  };
}
