import fs from 'node:fs';
import path from 'node:path';
import { FakeSignal } from '../fakes/fake-signal';
import { FakeTwilio, type MessagingService } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, SIGNAL_NUMBER, startHarness, tempDir, TEST_MASTER_KEY, type Harness } from '../helpers/harness';
import { leaveOnlyWal } from '../helpers/orphan-wal';
import { basicAuthProxy, redirectingProxy } from '../helpers/proxies';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('doctor', () => {
  let twilio: FakeTwilio;
  let signal: FakeSignal;
  let h: Harness;

  beforeAll(async () => {
    twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ownedNumbers: [FROM_NUMBER], smsUrl: `${PUBLIC_URL}/webhooks/twilio/sms` });
    await twilio.start();
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'json-rpc' });
    await signal.start();
    h = await startHarness({ twilioApiBaseUrl: twilio.url, signalApiUrl: signal.url });
    await h.sms('+14155550123', 'JOIN 415');
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
    await twilio.stop();
  });

  /** The server's own environment, as the operator would run doctor beside it. */
  const env = (over: Record<string, string> = {}) => ({
    NODE_ENV: 'test',
    DATA_DIR: h.dataDir,
    PUBLIC_URL,
    HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: twilio.url,
    SIGNAL_API_URL: signal.url,
    SIGNAL_NUMBER,
    SIGNAL_RECEIVE_MODE: 'websocket',
    ...over,
  });

  const failures = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('FAIL'));

  it('passes every check of a sound line, one line each, and exits 0', async () => {
    const r = await runAdminCli(['doctor'], env());
    expect(failures(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    const names = r.stdout.split('\n').map((l) => /^OK {3}([a-z ]+):/.exec(l)?.[1]);
    expect(names).toEqual(['configuration', 'database', 'migrations', 'key', 'time zone', 'metrics', 'disk', 'twilio', 'twilio sender', 'twilio webhook', 'signal mode', 'signal account']);
    expect(r.stdout).toContain('the master key opens this database');
  });

  it("says the zone check-in times are written in, and names a TZ Node does not know (it would write them in UTC)", async () => {
    const good = await runAdminCli(['doctor'], env({ TZ: 'America/Los_Angeles' }));
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('OK   time zone: check-in times are written in America/Los_Angeles');
    const r = await runAdminCli(['doctor'], env({ TZ: 'America/LosAngeles' }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual(['FAIL time zone: TZ names no time zone Node knows, so check-in times are written in UTC: use a name such as America/Los_Angeles']);
  });

  it('names a wrong master key', async () => {
    const r = await runAdminCli(['doctor'], env({ HEADSUP_MASTER_KEY: Buffer.alloc(32, 9).toString('base64') }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual(['FAIL key: HEADSUP_MASTER_KEY does not open this database: use the key it was written with or, if rotate-key has finished, the new key it was given']);
  });

  it('names refused Twilio credentials', async () => {
    const r = await runAdminCli(['doctor'], env({ TWILIO_AUTH_TOKEN: 'not-the-token' }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual(['FAIL twilio: Twilio refused TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: copy both again from the Twilio console']);
  });

  it('names a sender number of the account that cannot send SMS (a voice-only number: 21606 at every send)', async () => {
    const voice = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ownedNumbers: [FROM_NUMBER], voiceOnlyNumbers: [FROM_NUMBER] });
    await voice.start();
    try {
      const r = await runAdminCli(['doctor'], env({ TWILIO_API_BASE_URL: voice.url }));
      expect(r.code).toBe(1);
      expect(failures(r.stdout)).toEqual([
        'FAIL twilio sender: TWILIO_FROM_NUMBER belongs to this account but cannot send SMS (Twilio error 21606 at every send): use an SMS-capable number',
      ]);
    } finally {
      await voice.stop();
    }
    const good = await runAdminCli(['doctor'], env());
    expect(good.stdout).toContain('OK   twilio sender: TWILIO_FROM_NUMBER belongs to this account and can send SMS');
  });

  it('checks the messaging service when both senders are set: it is the one the sender uses', async () => {
    const r = await runAdminCli(['doctor'], env({ TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}` }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual(['FAIL twilio sender: TWILIO_MESSAGING_SERVICE_SID is not a messaging service of this account: fix the variable']);
  });

  it("names a Messaging Service whose sender pool is empty (21704 at every send, the SMS lane held), without a number; a pool of a number or a short code passes", async () => {
    const [empty, numbers, shortCode] = [`MG${'1'.repeat(32)}`, `MG${'2'.repeat(32)}`, `MG${'3'.repeat(32)}`];
    const services = new Map<string, MessagingService>([
      [empty, { senders: [], available: true, inboundUrl: `${PUBLIC_URL}/webhooks/twilio/sms` }],
      [numbers, { senders: [FROM_NUMBER, '+15005550009'], available: true, inboundUrl: `${PUBLIC_URL}/webhooks/twilio/sms` }],
      [shortCode, { senders: [], shortCodes: ['894546'], available: true, inboundUrl: `${PUBLIC_URL}/webhooks/twilio/sms` }],
    ]);
    const account = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ownedNumbers: [FROM_NUMBER], services });
    await account.start();
    try {
      const r = await runAdminCli(['doctor'], env({ TWILIO_API_BASE_URL: account.url, TWILIO_MESSAGING_SERVICE_SID: empty }));
      expect(r.code).toBe(1);
      expect(failures(r.stdout)).toEqual([
        'FAIL twilio sender: the Messaging Service of TWILIO_MESSAGING_SERVICE_SID has no sender in its pool (Twilio error 21704 at every send): add a phone number or short code to it in the Twilio console',
      ]);
      for (const sid of [numbers, shortCode]) {
        const good = await runAdminCli(['doctor'], env({ TWILIO_API_BASE_URL: account.url, TWILIO_MESSAGING_SERVICE_SID: sid }));
        expect(failures(good.stdout)).toEqual([]);
        expect(good.stdout).toContain('OK   twilio sender: TWILIO_MESSAGING_SERVICE_SID is a messaging service of this account with senders in its pool');
        expect(good.stdout).not.toMatch(/\+1500555|894546/);
      }
    } finally {
      await account.stop();
    }
  });

  it('names a sender number the Twilio account does not own', async () => {
    const r = await runAdminCli(['doctor'], env({ TWILIO_FROM_NUMBER: '+15005550007' }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual(['FAIL twilio sender: TWILIO_FROM_NUMBER is not a number of this Twilio account: buy or port it, or fix the variable']);
  });

  it("names a receive mode that does not match signal-cli-rest-api's MODE, and an unregistered number", async () => {
    const r = await runAdminCli(['doctor'], env({ SIGNAL_RECEIVE_MODE: 'poll', SIGNAL_NUMBER: '+15005550198' }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([
      'FAIL signal mode: signal-cli-rest-api runs MODE=json-rpc but SIGNAL_RECEIVE_MODE=poll needs MODE=normal or native: change one of them',
      'FAIL signal account: SIGNAL_NUMBER is not registered with signal-cli-rest-api: register or link it first',
    ]);
  });

  it('names an unreachable provider', async () => {
    const r = await runAdminCli(['doctor'], env({ SIGNAL_API_URL: 'http://127.0.0.1:9' }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual(['FAIL signal: no answer from signal-cli-rest-api at http://127.0.0.1:9: is it running, and SIGNAL_API_URL right?']);
  });

  it('names a redirect at SIGNAL_API_URL, which the server never follows, without the URL or where it leads', async () => {
    // It leads to a sound signal-cli-rest-api: a client that follows it would find all well.
    const proxy = await redirectingProxy(signal.url, 302);
    try {
      const r = await runAdminCli(['doctor'], env({ SIGNAL_API_URL: proxy.url }));
      expect(r.code).toBe(1);
      expect(failures(r.stdout)).toEqual([
        'FAIL signal: SIGNAL_API_URL answers /v1/about with a redirect (302), which Heads Up never follows: every Signal message would wait, held. Point SIGNAL_API_URL at signal-cli-rest-api itself, or make the proxy in front pass requests on',
      ]);
      expect(r.stdout).not.toContain(signal.url);
      // Asked once, the redirect not followed.
      expect(proxy.requests).toEqual(['GET /v1/about']);
    } finally {
      await proxy.stop();
    }
  });

  it("asks through a proxy with the credentials SIGNAL_API_URL holds, as the server does, and prints them nowhere", async () => {
    const proxy = await basicAuthProxy(signal.url, 'heads', 's3cret');
    try {
      const r = await runAdminCli(['doctor'], env({ SIGNAL_API_URL: proxy.url.replace('http://', 'http://heads:s3cret@') }));
      expect(failures(r.stdout)).toEqual([]);
      expect(r.stdout).toContain('OK   signal account:');
      expect(proxy.requests).toEqual(['GET /v1/about', 'GET /v1/accounts']);
      const down = await runAdminCli(['doctor'], env({ SIGNAL_API_URL: 'http://heads:s3cret@127.0.0.1:9' }));
      expect(failures(down.stdout)).toEqual(['FAIL signal: no answer from signal-cli-rest-api at http://127.0.0.1:9: is it running, and SIGNAL_API_URL right?']);
      expect(r.stdout + down.stdout).not.toContain('s3cret');
    } finally {
      await proxy.stop();
    }
  });

  it('names a proxy answering 200 with an HTML page in front of signal-cli-rest-api, instead of a wrong MODE', async () => {
    const proxied = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'json-rpc' });
    await proxied.start();
    proxied.proxyPage = '<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>';
    try {
      const r = await runAdminCli(['doctor'], env({ SIGNAL_API_URL: proxied.url }));
      expect(r.code).toBe(1);
      expect(failures(r.stdout)).toEqual([
        `FAIL signal: something at ${proxied.url} answered 200 to /v1/about, but not with signal-cli-rest-api's JSON (a proxy's page?): point SIGNAL_API_URL at signal-cli-rest-api itself`,
      ]);
    } finally {
      await proxied.stop();
    }
  });

  it('names a database file others can read', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(h.dataDir, 'heads-up.db'), path.join(dir, 'heads-up.db'));
    fs.chmodSync(path.join(dir, 'heads-up.db'), 0o644);
    const r = await runAdminCli(['doctor'], env({ DATA_DIR: dir }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([`FAIL database file mode: ${path.join(dir, 'heads-up.db')} is readable by others (mode 644): chmod 600 it`]);
  });

  it('names a development key file others can read (it opens every sealed value)', async () => {
    const dir = tempDir();
    await seedMembers(dir, '415', numbersIn('415', 2));
    const keyFile = path.join(dir, 'master.key');
    fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    const tight = await runAdminCli(['doctor'], env({ DATA_DIR: dir, HEADSUP_MASTER_KEY: '' }));
    expect(failures(tight.stdout)).toEqual([]);
    expect(tight.code).toBe(0);
    fs.chmodSync(keyFile, 0o640);
    const r = await runAdminCli(['doctor'], env({ DATA_DIR: dir, HEADSUP_MASTER_KEY: '' }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([`FAIL key file mode: ${keyFile} is readable by others (mode 640): chmod 600 it`]);
  });

  it('names what an interrupted restore left, and never advises starting the server over a missing database then (it would make an empty line)', async () => {
    const dir = tempDir();
    await seedMembers(dir, '415', numbersIn('415', 2));
    const file = path.join(dir, 'heads-up.db');
    // What a restore of an earlier version, killed between its two renames, left.
    fs.renameSync(file, `${file}.before-restore`);
    const missing = await runAdminCli(['doctor'], env({ DATA_DIR: dir }));
    expect(missing.code).toBe(1);
    expect(failures(missing.stdout)).toEqual([
      `FAIL database: no database at ${file}, but ${file}.before-restore, left by an interrupted restore: run npm run admin -- restore (heads-up restore in the image) again with the backup (the server refuses to start until then)`,
    ]);
    // And a restore killed after its swap: the restored database in place, the old one still aside.
    fs.copyFileSync(`${file}.before-restore`, file);
    const aside = await runAdminCli(['doctor'], env({ DATA_DIR: dir }));
    expect(aside.code).toBe(1);
    expect(failures(aside.stdout)).toEqual([
      `FAIL restore: ${file}.before-restore was left by an interrupted restore and may be the newest copy of the line: run npm run admin -- restore (heads-up restore in the image) again with the backup (it keeps that file under a dated name)`,
    ]);
  });

  it('names a damaged database (or a file that is none) with what to do, and still runs the other checks', async () => {
    const garbled = tempDir();
    const file = path.join(garbled, 'heads-up.db');
    fs.copyFileSync(path.join(h.dataDir, 'heads-up.db'), file);
    // A failing disk: every page but the first overwritten in its middle.
    const fd = fs.openSync(file, 'r+');
    for (let page = 1; page < fs.statSync(file).size / 4096; page++) fs.writeSync(fd, Buffer.alloc(200, 0xff), 0, 200, page * 4096 + 100);
    fs.closeSync(fd);
    const notDb = tempDir();
    fs.writeFileSync(path.join(notDb, 'heads-up.db'), 'this is not a database, only text '.repeat(100), { mode: 0o600 });
    for (const dir of [garbled, notDb]) {
      const r = await runAdminCli(['doctor'], env({ DATA_DIR: dir }));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(failures(r.stdout)).toEqual([`FAIL database: ${path.join(dir, 'heads-up.db')} is damaged: restore the latest backup`]);
      expect(r.stdout).toContain('OK   disk:');
      expect(r.stdout).toContain('OK   twilio:');
    }
  });

  it('stops at a bad configuration, naming the variable', async () => {
    const r = await runAdminCli(['doctor'], env({ SEND_RATE: 'fast' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('FAIL configuration: SEND_RATE: expected a number from 0.01 to 100000');
  });

  it('stops at a bad AREAS_FILE, naming the file and the entry', async () => {
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'LDN' }, { code: 'L D N' }] }));
    const r = await runAdminCli(['doctor'], env({ AREAS_FILE: file }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`FAIL configuration: AREAS_FILE: ${file}: entry 2: code: the code must be 1 to 8 letters or digits`);
  });

  it('names a database newer than this version, and a missing one', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(h.dataDir, 'heads-up.db'), path.join(dir, 'heads-up.db'));
    fs.chmodSync(path.join(dir, 'heads-up.db'), 0o600);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(dir, 'heads-up.db'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)").run();
    db.close();
    const newer = await runAdminCli(['doctor'], env({ DATA_DIR: dir }));
    expect(newer.code).toBe(1);
    expect(failures(newer.stdout)[0]).toMatch(/^FAIL migrations: the database has schema 9999, newer than this version knows \(\d+\): upgrade Heads Up$/);
    const empty = tempDir();
    const missing = await runAdminCli(['doctor'], env({ DATA_DIR: empty }));
    expect(missing.code).toBe(1);
    expect(failures(missing.stdout)).toEqual([`FAIL database: no database at ${path.join(empty, 'heads-up.db')}: start the server once, or restore a backup`]);
    // Doctor changes nothing: no database and no key file appear.
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('names a DATA_DIR that does not exist (a fresh checkout, or a mistyped variable) and still runs the other checks', async () => {
    const missing = path.join(tempDir(), 'not-made-yet');
    const r = await runAdminCli(['doctor'], env({ DATA_DIR: missing }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([`FAIL database: ${missing} does not exist: check DATA_DIR, or start the server once`]);
    const lines = r.stdout.split('\n');
    expect(lines.findIndex((l) => l.startsWith('OK   twilio:'))).toBeGreaterThan(lines.findIndex((l) => l.startsWith('FAIL database:')));
    expect(r.stdout).toContain('OK   signal account:');
    // Doctor changes nothing: it does not make the folder.
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('names a write-ahead log with no database beside it, and sends the operator to restore rather than start the server', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    leaveOnlyWal(file);
    const r = await runAdminCli(['doctor'], env({ DATA_DIR: dir }));
    expect(r.code).toBe(1);
    expect(failures(r.stdout)).toEqual([
      `FAIL database: no database at ${file}, but its write-ahead log ${file}-wal: put the database back beside it, or run npm run admin -- restore (heads-up restore in the image) with the latest backup (it keeps the log aside, renamed; the server refuses to start until then)`,
    ]);
    expect(fs.readdirSync(dir)).toEqual(['heads-up.db-wal']);
  });
});
