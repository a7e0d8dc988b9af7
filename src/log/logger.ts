/**
 * The pino logger. Request bodies and signature headers are redacted by
 * path, an error's raw request bytes are dropped; then the string values of
 * every serialized line go through scrub() so no phone number or Signal
 * UUID reaches any log, whatever a caller passed.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { scrub } from './scrub';

export type { Logger };

/**
 * pino's error serializer without `rawPacket`: Node's HTTP parse errors carry
 * the raw bytes of the request they failed on (a number, a report's words).
 */
function serializeError(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  delete out.rawPacket;
  return out;
}

/** Builds the application logger writing JSON lines to `destination` (stdout by default). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // ISO time, not epoch milliseconds: a 13-digit epoch would look like a number to scrub().
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      redact: {
        paths: [
          'req.body',
          'req.headers["x-twilio-signature"]',
          'req.headers.authorization',
          'req.headers.cookie',
          'body',
          '*.body',
          'params',
          'from',
          'to',
          'text',
        ],
        censor: '[redacted]',
      },
      serializers: { err: serializeError },
      hooks: { streamWrite: scrub },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
