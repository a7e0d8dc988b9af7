/**
 * `npm run sim` against a line on Signal alone: the server has no SMS
 * webhook, and sim printed a bare `HTTP 404: {"error":"not found"}`. It
 * says what that means now. A real server (child process) on a fake
 * signal-cli-rest-api.
 */
import path from 'node:path';
import { FakeSignal } from '../fakes/fake-signal';
import { runCli } from '../helpers/admin-cli';
import { startChild, type Child } from '../helpers/child-server';
import { SIGNAL_NUMBER, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

let child: Child | undefined;
let signal: FakeSignal | undefined;

afterEach(async () => {
  child?.proc.kill('SIGKILL');
  await child?.exited;
  await signal?.stop();
});

it('says that a Signal-only line has no SMS webhook, and which lines sim texts', async () => {
  signal = new FakeSignal({ account: SIGNAL_NUMBER });
  await signal.start();
  const env = {
    NODE_ENV: 'development',
    DATA_DIR: path.join(tempDir(), 'data'),
    HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
    SIGNAL_API_URL: signal.url,
    SIGNAL_NUMBER,
    SIGNAL_RECEIVE_MODE: 'websocket',
    LOG_LEVEL: 'warn',
  };
  child = await startChild(env);
  const port = new URL(child.url).port;
  const run = await runCli('src/cli/sim.ts', ['--from', '+14155550100', 'JOIN'], { ...env, PORT: port, HOST: '127.0.0.1' }, 30_000);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    `sim: the server at http://127.0.0.1:${port} has no SMS webhook (HTTP 404): it is a Signal-only line (or no Heads Up server), and sim texts only a line with Twilio or with no provider; text this line from a Signal app instead`,
  );
}, 60_000);
