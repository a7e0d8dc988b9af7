/** The error a key rotation stops with: its own module, for the steps that raise it. */

/** A rotation cannot start or go on; the message says why and what to do. */
export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationError';
  }
}
