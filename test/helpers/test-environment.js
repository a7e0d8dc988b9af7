/**
 * Jest's node environment, plus one temporary directory per test file, removed when the file ends
 * (after its own afterAll hooks have stopped its servers): every tempDir() of the file is made inside it.
 * Without it each run of the suite left thousands of directories, gigabytes of databases, in the
 * machine's temporary folder. Removing them in a hook of the file itself would run before the file's
 * own afterAll hooks, while its servers still write there.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

class HeadsUpTestEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.fileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-test-'));
    // Some tests hand a directory made inside it to another user (nobody): they must be able to pass through.
    fs.chmodSync(this.fileDir, 0o711);
    this.global.process.env.HEADSUP_TEST_TMPDIR = this.fileDir;
  }

  async teardown() {
    try {
      // A child process killed a moment ago may still be closing a file in it: retry a few times.
      fs.rmSync(this.fileDir, { recursive: true, force: true, maxRetries: 5 });
    } finally {
      await super.teardown();
    }
  }
}

module.exports = HeadsUpTestEnvironment;
