/**
 * The Signal lane held for a fault of the line's own, against the fake
 * signal-cli-rest-api: a proxy in front of it refusing the line (401, 403,
 * 407), SIGNAL_API_URL leading to no send route (404, 405), the line's
 * account not registered. The operator reads which, in fixed words (as the
 * SMS lane names Twilio's 21212 or 2170x), never an address or the answer's
 * body; a return of the same fault within the hour is a warning, not a
 * second alarm.
 */
import path from 'node:path';
import { SignalSender } from '../../src/channels/signal/signal-sender';
import { createLogger } from '../../src/log/logger';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSignal, SIGNAL_ERRORS, type SignalAnswer } from '../fakes/fake-signal';
import { laneOn } from '../helpers/lane-world';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT = '+15005550199';
const ROSE = '5c3d4e5f-6a7b-4c8d-9e0f-000000000415';
const PROXY = "a proxy in front of signal-cli-rest-api refuses the line's requests, its credentials or its rules (see `doctor`)";
const ROUTE = 'SIGNAL_API_URL leads to no signal-cli-rest-api send route: a wrong URL or path, or a proxy without the route (see `doctor`)';
const ACCOUNT_GONE = "the line's Signal account (SIGNAL_NUMBER) is not registered with signal-cli: register or link it again (see `doctor`)";

interface Line {
  level: number;
  msg: string;
  reason?: string;
}

describe("the Signal lane held for the line's own fault", () => {
  let db: Db;
  let vault: Vault;
  let fake: FakeSignal;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(async () => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    fake = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
    db.close();
  });

  // [the fault, signal-cli-rest-api's (or its proxy's) answer, the reason recorded, what the log says of it]
  it.each<[string, SignalAnswer, string, string]>([
    ['a proxy refusing the credentials', { status: 401, body: 'Unauthorized' }, 'line:401', PROXY],
    ['a proxy forbidding the line', { status: 403, body: '<html><body>403 Forbidden</body></html>' }, 'line:403', PROXY],
    ['a proxy asking for its own credentials', { status: 407, body: '' }, 'line:407', PROXY],
    ['a wrong path (gin: 404 page not found)', SIGNAL_ERRORS.noSuchRoute(), 'line:404', ROUTE],
    ['a proxy allowing no such method there', { status: 405, body: '<html><body>405 Not Allowed</body></html>' }, 'line:405', ROUTE],
    ["the line's account not registered (normal mode)", SIGNAL_ERRORS.accountNotRegistered(ACCOUNT, 'normal'), 'line:account_not_registered', ACCOUNT_GONE],
    ["the line's account not held by the daemon (json-rpc)", SIGNAL_ERRORS.accountNotRegistered(ACCOUNT, 'json-rpc'), 'line:account_not_registered', ACCOUNT_GONE],
  ])('%s: names it, once as an error, again within the hour as a warning', async (_what, refusal, reason, words) => {
    const lines: Line[] = [];
    const raw: string[] = [];
    const log = createLogger('debug', {
      write: (l: string) => {
        raw.push(l);
        lines.push(JSON.parse(l) as Line);
      },
    });
    let refusing = true;
    fake.answer = () => (refusing ? refusal : 'accept');
    const sender = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log, timeoutMs: 5_000 });
    const writer = new OutcomeWriter(db, log);
    const lane = laneOn({ db, vault, log, now: Date.now, writer }, sender, { pollMs: 20, lineBackoff: { baseMs: 50, maxMs: 50 } }, { smsSends: false });
    const rose = ensureMember(db, vault, { channel: 'signal', address: ROSE }, 'en', Date.now()).id;
    const held = () => lines.filter((l) => l.msg.includes('held until the operator fixes it'));
    lane.start();
    try {
      enqueueMessage(db, vault, rose, 'first', Date.now());
      await waitFor(() => held().length === 1, 5_000, 'the first hold');
      // The fault fixed: the message goes, the hold ends; then it comes back.
      refusing = false;
      await waitFor(() => fake.to(ROSE).length === 1, 5_000, 'the first message sent');
      refusing = true;
      enqueueMessage(db, vault, rose, 'second', Date.now());
      await waitFor(() => held().length === 2, 5_000, 'the second hold');
    } finally {
      await lane.stop();
      writer.flush();
      await sender.close();
    }
    expect(held().map((l) => [l.level, l.reason])).toEqual([
      [50, reason],
      [40, reason],
    ]);
    expect(held()[0]!.msg).toContain(words);
    expect(held()[1]!.msg).toContain('(again within the hour)');
    // No address, no number, nothing of the answer's body.
    const all = raw.join('\n');
    expect(all).not.toContain(ROSE);
    expect(all).not.toContain(ACCOUNT);
    expect(all).not.toMatch(/Unauthorized|Forbidden|Not Allowed|page not found|Specified account/);
  });
});
