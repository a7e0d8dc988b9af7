import fs from 'node:fs';
import path from 'node:path';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, newSid, startHarness, tempDir, waitFor, type Harness, refOf } from '../helpers/harness';
import { findNeedles, findNeedlesInFile, numberForms } from '../helpers/needles';

const MOD = '+13125550177';
const ALICE = '+14155550100'; // 415
const BETO = '+16285550142'; // 628, overlays 415
const CARLA = '+14155550123'; // writes in Spanish
const DANI = '+14155550164'; // chooses Spanish with LANG
const EVE = '+12125550188'; // elsewhere; joins, then DELETE
const CLIENT = '+14155550187'; // the bad date's number, named in the report
const PEOPLE = [MOD, ALICE, BETO, CARLA, DANI, EVE, CLIENT];

const REPORT_TEXT = 'grey Honda van, said his name was Rickard, took my phone, calls from (415) 555-0187';
const EDITED_TEXT = 'Grey Honda van, calls himself Rickard, robs workers. Number 415-555-0187';
// Distinctive pieces of member-written text that must never be stored or logged in the clear.
const TEXT_NEEDLES = ['Honda van', 'Rickard', 'took my phone', 'robs workers'];


describe('privacy: nothing identifying in the logs, the database or its WAL', () => {
  const numberNeedles = PEOPLE.flatMap(numberForms);
  let fake: FakeTwilio;
  let h: Harness;
  let dbFile: string;
  let walWhileOpen: Buffer | null = null;
  let closed = false;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '1000', LOG_LEVEL: 'debug' } });
    dbFile = path.join(h.dataDir, 'heads-up.db');
  });

  afterAll(async () => {
    if (!closed) await h.close();
    await fake.stop();
  });

  it('finds a planted number in every encoding it searches, so the searches below can fail', () => {
    const scratch = path.join(tempDir(), 'scratch.bin');
    const planted = ['4155550100', `x${REPORT_TEXT}y`];
    fs.writeFileSync(scratch, Buffer.concat([Buffer.from('noise\u0000'), Buffer.from(planted[0] as string, 'utf16le'), Buffer.from(planted[1] as string, 'latin1')]));
    expect(findNeedlesInFile(scratch, numberNeedles)).toEqual(['4155550100', '(415) 555-0187']);
    expect(findNeedlesInFile(scratch, TEXT_NEEDLES)).toEqual(TEXT_NEEDLES.slice(0, 3));
    expect(findNeedles(Buffer.from('call +1 (415) 555-0100'), numberForms(ALICE))).toEqual(['(415) 555-0100']);
    expect(findNeedles(Buffer.from('nothing here'), numberNeedles)).toEqual([]);
  });

  // The later tests read what this flow left; each runs it first if no test did (Stryker runs only the tests covering a mutant).
  let flowRun: Promise<void> | null = null;
  const flow = () => (flowRun ??= runFlow());
  async function runFlow(): Promise<void> {
    expect((await h.sms(ALICE, 'JOIN')).message).toContain('415');
    expect((await h.sms(BETO, 'join 628')).message).toContain('628');
    expect((await h.sms(CARLA, 'UNIRSE 415')).message).toContain('recibiras');
    expect((await h.sms(DANI, 'JOIN 415')).message).toContain('415');
    expect((await h.sms(DANI, 'LANG ES')).message).toContain('español');
    expect((await h.sms(EVE, 'JOIN')).message).toContain('212');

    const reported = await h.sms(ALICE, `REPORT 415 ${REPORT_TEXT}`);
    const ref = refOf(reported.message);
    await waitFor(() => fake.to(MOD).length === 1, 5_000, 'the moderator notice');
    const notice = (fake.to(MOD)[0] as { body: string }).body;
    expect(notice).toContain(`#${ref}`);
    expect(findNeedles(Buffer.from(notice), numberForms(ALICE))).toEqual([]);

    expect((await h.sms(MOD, `EDIT ${ref} ${EDITED_TEXT}`)).message).toContain('edited');
    expect((await h.sms(MOD, `APPROVE #${ref}`)).message).toContain('approved');
    await waitFor(() => [ALICE, BETO, CARLA, DANI].every((n) => fake.to(n).length === 1), 5_000, 'the alert to every subscriber');
    expect(fake.to(EVE)).toHaveLength(0);
    expect((fake.to(CARLA)[0] as { body: string }).body).toContain('Alerta');
    expect((fake.to(DANI)[0] as { body: string }).body).toContain('Alerta');
    expect((fake.to(ALICE)[0] as { body: string }).body).toContain('Rickard');

    // A delivery status callback for one of the alerts.
    const status = await h.postForm('/webhooks/twilio/status', {
      MessageSid: (fake.to(BETO)[0] as { sid: string }).sid,
      MessageStatus: 'delivered',
      AccountSid: ACCOUNT_SID,
      To: BETO,
      From: '+15005550006',
    });
    expect(status.status).toBe(204);

    expect((await h.sms(CARLA, 'VERIFICAR (415) 555-0187')).message).toMatch(/1 alerta\b/);
    expect((await h.sms(ALICE, 'CHECK +1 415 555 0187')).message).toMatch(/1 alert\b/);
    expect((await h.sms(ALICE, 'CHECK 212-555-0188')).message).toContain('no alerts');
    expect((await h.sms(BETO, 'LEAVE 628')).message).toContain('628');
    expect((await h.sms(DANI, 'STOP')).status).toBe(200);
    expect((await h.sms(EVE, 'DELETE')).message).toContain('erased');
    expect((await h.sms(CARLA, 'BORRAR')).message).toContain('borramos');
    // An unknown word and a repeated webhook, so those paths log too.
    await h.sms(ALICE, 'what is this');
    const sid = newSid();
    await h.sms(ALICE, 'AREAS', { sid });
    await h.sms(ALICE, 'AREAS', { sid });
    // Refused requests log as well.
    expect((await h.sms(ALICE, 'JOIN', { signature: 'bad' })).status).toBe(403);

    await h.server.planner.idle();
    await waitFor(
      () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0,
      5_000,
      'the outbox to drain',
    );
  }

  it('runs a whole flow: join, language, report, moderation, alert, check, leave, stop, delete', async () => {
    await flow();
    expect(h.logs.length).toBeGreaterThan(0);
  });

  it('logs no phone number in any form and no report or alert text', async () => {
    await flow();
    const all = h.logs.join('\n');
    expect(findNeedles(Buffer.from(all), numberNeedles)).toEqual([]);
    expect(findNeedles(Buffer.from(all), TEXT_NEEDLES)).toEqual([]);
    expect(all).not.toContain(EDITED_TEXT);
    // The debug level really was on, so there was something to leak.
    expect(h.logs.some((l) => /"level":(20|30)/.test(l))).toBe(true);
  });

  it('stores no phone number and no report or alert text in the database or its WAL while open', async () => {
    await flow();
    const wal = `${dbFile}-wal`;
    expect(fs.existsSync(wal)).toBe(true);
    walWhileOpen = fs.readFileSync(wal);
    // The WAL really holds this run's pages (nothing was checkpointed away yet).
    expect(walWhileOpen.length).toBeGreaterThan(4096);
    expect(findNeedles(walWhileOpen, numberNeedles)).toEqual([]);
    expect(findNeedles(walWhileOpen, TEXT_NEEDLES)).toEqual([]);
    expect(findNeedlesInFile(dbFile, numberNeedles)).toEqual([]);
    expect(findNeedlesInFile(dbFile, TEXT_NEEDLES)).toEqual([]);
    expect(findNeedlesInFile(`${dbFile}-shm`, [...numberNeedles, ...TEXT_NEEDLES])).toEqual([]);
  });

  it('keeps the tables that hold people free of plaintext columns', async () => {
    await flow();
    const db = h.server.db.sqlite;
    // The sealed columns hold ciphertext, not the text, even as a prefix.
    const sealed = db.prepare('SELECT text_ct FROM reports UNION ALL SELECT text_ct FROM alerts').all() as Array<{ text_ct: Buffer }>;
    expect(sealed.length).toBeGreaterThanOrEqual(2);
    for (const row of sealed) expect(findNeedles(row.text_ct, TEXT_NEEDLES)).toEqual([]);
    // DELETE left no member row behind.
    expect((db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(4); // Alice, Beto, Dani and the moderator: Eve and Carla erased themselves
  });

  it('stores none of it in the database file after a clean close either', async () => {
    await flow();
    await h.close();
    closed = true;
    expect(fs.existsSync(dbFile)).toBe(true);
    expect(findNeedlesInFile(dbFile, numberNeedles)).toEqual([]);
    expect(findNeedlesInFile(dbFile, TEXT_NEEDLES)).toEqual([]);
    expect(findNeedlesInFile(`${dbFile}-wal`, [...numberNeedles, ...TEXT_NEEDLES])).toEqual([]);
    // Nor anywhere else in the data directory (the master key file aside, which is not written with an env key).
    for (const f of fs.readdirSync(h.dataDir)) {
      expect(findNeedlesInFile(path.join(h.dataDir, f), [...numberNeedles, ...TEXT_NEEDLES])).toEqual([]);
    }
  });
});
