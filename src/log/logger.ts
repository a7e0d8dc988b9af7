/**
 * The pino logger. Request bodies and signature headers are redacted by
 * path; then every serialized line goes through scrub() so no phone number
 * or Signal UUID reaches any log, whatever a caller passed.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { scrub } from './scrub';

export type { Logger };

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
      hooks: { streamWrite: scrub },
    },
    destination ?? pino.destination({ sync: false }),
  );
}
