/**
 * A temporary data directory. Its own module, apart from the harness, so
 * that direct tests do not load the whole server (twilio, Fastify, axios)
 * only to get a directory: under Stryker every mutant's run loads it again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Makes a temporary data directory: inside the test file's own directory (test/helpers/test-environment.js),
 * removed with it when the file ends; in the machine's temporary folder when run outside that environment.
 */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(process.env.HEADSUP_TEST_TMPDIR ?? os.tmpdir(), 'headsup-test-'));
}
