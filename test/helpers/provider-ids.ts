/** Made-up provider message ids, in Twilio's shape. Apart from the harness so direct tests need not load the server. */
import { randomBytes } from 'node:crypto';

export function newSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}
