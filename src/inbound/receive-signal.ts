/**
 * Signal's entry to the inbound path: a received item (a websocket frame or
 * a polled element) → the Signal adapter → the path, with the reply leaving
 * through the outbox's urgent lane (Signal has no response to carry it).
 */
import { errorFrame, parseSignalItem } from '../channels/signal/signal-envelope';
import type { Logger } from '../log/logger';
import type { InboundPath } from './inbound-path';

export function receiveSignal(inbound: InboundPath, log: Logger): (item: unknown) => void {
  return (item) => {
    const msg = parseSignalItem(item);
    if (!msg) {
      if (errorFrame(item) !== null) log.warn('signal-cli-rest-api reported a receive error');
      return;
    }
    // The path logs a failure and keeps the message to try again; nobody waits on this promise.
    void Promise.resolve(inbound.submit(msg, 'outbox')).catch(() => undefined);
  };
}
