/**
 * `npm run sim` as README's quick start uses it: the real src/cli/sim.ts run
 * as a child process against a real server, printing the line's reply, on
 * the console line and with Twilio configured (a signed webhook).
 */
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { FakeTwilio } from '../fakes/fake-twilio';
import { runCli } from '../helpers/admin-cli';
import { freePort, startChild, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

const runSim = (args: string[], env: Record<string, string>) => runCli('src/cli/sim.ts', args, env, 30_000);

describe('npm run sim', () => {
  let child: Child | undefined;
  let fake: FakeTwilio | undefined;

  afterEach(async () => {
    child?.proc.kill('SIGKILL');
    await child?.exited;
    child = undefined;
    await fake?.stop();
    fake = undefined;
  });

  it('prints the reply of the console line (no provider)', async () => {
    const dir = tempDir();
    const env = { NODE_ENV: 'development', DATA_DIR: path.join(dir, 'data'), HEADSUP_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'warn' };
    child = await startChild(env);
    const port = new URL(child.url).port;
    const run = await runSim(['--from', '+14155550100', 'JOIN'], { ...env, PORT: port, HOST: '127.0.0.1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/you'll get bad date alerts for 415/);
  });

  it('prints the reply when Twilio is configured (a signed webhook, TWILIO_REDACT on by default)', async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    const dir = tempDir();
    const env = {
      NODE_ENV: 'development',
      DATA_DIR: path.join(dir, 'data'),
      HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: FROM_NUMBER,
      TWILIO_API_BASE_URL: fake.url,
      LOG_LEVEL: 'warn',
    };
    child = await startChild(env);
    const port = new URL(child.url).port;
    const run = await runSim(['--from', '+14155550100', 'JOIN'], { ...env, PORT: port, HOST: '127.0.0.1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/you'll get bad date alerts for 415/);
  });

  it('with no server listening, says where it found none and to start it, not a bare "fetch failed"', async () => {
    const port = String(await freePort());
    const run = await runSim(['--from', '+14155550100', 'JOIN'], { NODE_ENV: 'development', DATA_DIR: tempDir(), PORT: port, HOST: '127.0.0.1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`sim: no server answers at http://127.0.0.1:${port}: start it (npm start), or give its address with --url`);
  });

  it('where something there hangs up or answers no HTTP, says so (naming the cause code where there is one), not "no server"', async () => {
    // Another service on the port: one that hangs up at once, one that answers no HTTP.
    const hangsUp = net.createServer((socket) => socket.destroy());
    const notHttp = net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const ports: number[] = [];
    for (const srv of [hangsUp, notHttp]) {
      await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
      ports.push((srv.address() as net.AddressInfo).port);
    }
    try {
      const said: string[] = [];
      for (const port of ports) {
        const run = await runSim(['--from', '+14155550100', 'JOIN'], { NODE_ENV: 'development', DATA_DIR: tempDir(), PORT: String(port), HOST: '127.0.0.1' });
        expect(run.code).toBe(1);
        said.push(run.stderr);
      }
      const check = 'check the address (--url, or HOST and PORT) and that the Heads Up server is what listens there';
      // A hang-up at once: Node's fetch fails with the socket's code (the hang-up's, or a reset's when it comes while the
      // request is still being written) or never settles (sim's guard says so), by the race.
      const hungUp = [
        `sim: http://127.0.0.1:${ports[0]} closed the connection without an answer: ${check}`,
        `sim: the request to http://127.0.0.1:${ports[0]} failed (UND_ERR_SOCKET): ${check}`,
        `sim: the request to http://127.0.0.1:${ports[0]} failed (ECONNRESET): ${check}`,
      ];
      expect(hungUp).toContain(said[0]);
      expect(said.slice(1)).toEqual([
        `sim: the request to http://127.0.0.1:${ports[1]} failed (HPE_INVALID_CONSTANT): check the address (--url, or HOST and PORT) and that the Heads Up server is what listens there`,
      ]);
    } finally {
      hangsUp.close();
      notHttp.close();
    }
  });

  // HOST=:: listens on every address, IPv6 and IPv4: sim reaches it at [::1], as it reaches 0.0.0.0 at 127.0.0.1.
  it('reaches a server listening on an IPv6 HOST (::, ::1) at its bracketed loopback address', async () => {
    const posted: string[] = [];
    const line = http.createServer((req, res) => {
      posted.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'text/xml');
      res.end('<?xml version="1.0" encoding="UTF-8"?><Response><Message>reached over IPv6</Message></Response>');
    });
    await new Promise<void>((resolve) => line.listen(0, '::1', resolve));
    const port = String((line.address() as net.AddressInfo).port);
    try {
      for (const host of ['::', '::1']) {
        const run = await runSim(['--from', '+14155550100', 'JOIN'], { NODE_ENV: 'development', DATA_DIR: tempDir(), PORT: port, HOST: host });
        expect(run.stderr).toBe('');
        expect(run.stdout.trim()).toBe('reached over IPv6');
      }
      expect(posted).toEqual(['POST /webhooks/twilio/sms', 'POST /webhooks/twilio/sms']);
    } finally {
      line.close();
    }
    const run = await runSim(['--from', '+14155550100', 'JOIN'], { NODE_ENV: 'development', DATA_DIR: tempDir(), PORT: port, HOST: '::' });
    expect(run.stderr).toBe(`sim: no server answers at http://[::1]:${port}: start it (npm start), or give its address with --url`);
  });
});
