/**
 * `heads-up signal-uuid NUMBER`: the Signal UUID of the contact with that
 * number, asked of signal-cli-rest-api's identities list (the fake, on
 * loopback), printed on the operator's terminal only. It reads only the
 * Signal variables: a MODERATORS still listing her by number (refused at
 * start on a Signal-only line) is the very reason to run it.
 */
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { runAdminCli } from '../helpers/admin-cli';
import { freePort } from '../helpers/child-server';
import { SIGNAL_NUMBER } from '../helpers/harness';
import { testUuid } from '../helpers/signal-world';

const HER = { uuid: testUuid(41), number: '+14155550123' };
const HIDDEN = { uuid: testUuid(42), number: null };

describe('signal-uuid', () => {
  let signal: FakeSignal;
  const env = () => ({ SIGNAL_API_URL: signal.url, SIGNAL_NUMBER, MODERATORS: HER.number });

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
    await signal.start();
    // Decrypting her message teaches signal-cli her identity, with her number when it shows.
    signal.push(textEnvelope(SIGNAL_NUMBER, HER, 'hello'));
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'hello'));
  });
  afterAll(() => signal.stop());

  it('prints the UUID of the contact with that number, read as the line reads numbers', async () => {
    const run = await runAdminCli(['signal-uuid', HER.number], env());
    expect(run).toEqual({ code: 0, stdout: HER.uuid, stderr: '' });
    const national = await runAdminCli(['signal-uuid', '(415) 555-0123'], env());
    expect(national).toEqual({ code: 0, stdout: HER.uuid, stderr: '' });
  });

  it('says she must message the bot first when signal-cli knows no one by that number', async () => {
    const run = await runAdminCli(['signal-uuid', '+14155550177'], env());
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^heads-up: .*must message the bot first/);
    expect(run.stderr).not.toContain('5550177');
  });

  it('says signal-cli-rest-api is unreachable, exit 1', async () => {
    const run = await runAdminCli(['signal-uuid', HER.number], { ...env(), SIGNAL_API_URL: `http://127.0.0.1:${await freePort()}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^heads-up: signal-cli-rest-api did not answer \(ECONNREFUSED\), at http:\/\/127\.0\.0\.1:\d+: is it running/);
  });

  it('refuses what is not a phone number (exit 2), and a line without Signal (exit 1)', async () => {
    const bad = await runAdminCli(['signal-uuid', 'tuesday'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/signal-uuid takes her phone number/);
    const none = await runAdminCli(['signal-uuid', HER.number], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Signal is not configured/);
  });
});
