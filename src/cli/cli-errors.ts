/** How an admin command fails: wrong use (usage, exit 2) or a failure it can name in one line (exit 1). */

/** The command line was wrong: print the usage and exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not do its job; the message is the one line the operator sees. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
