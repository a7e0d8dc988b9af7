/**
 * Moderator notices over a real SQLite file, driven through the bot with a
 * clock the test moves: the cap of notices per period and the one digest
 * per moderator past it, periods aligned to the clock, a digest the
 * dispatcher has claimed, and the erasure of the notices that quote a
 * report once a moderator decides or edits it (waiting, sent, or in flight,
 * and then never tried again). What is checked is what the moderators' phones would get:
 * their queued messages, opened, and what the dispatcher can still claim.
 */
import fs from 'node:fs';
import { DEFAULT_LIMITS, type BotDeps, type Limit } from '../../src/bot/context';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { claimLane, openBody, recordOutcomes } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const MOD2 = '+14155550198';
const REPORTER = '+14155550105';
const MIN = 60_000;
const PERIOD = 15 * MIN;
/** 04:07 on a December night: seven minutes into a quarter hour. */
const START = Date.UTC(2026, 11, 2, 4, 7, 0, 123);
const QUARTER_START = Date.UTC(2026, 11, 2, 4, 0);

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function world(notices: Limit = DEFAULT_LIMITS.notices!, deps: Partial<BotDeps> = {}): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], limits: { ...DEFAULT_LIMITS, notices }, ...deps }, START);
}

interface Queued {
  id: number;
  /** Null once erased. */
  text: string | null;
  state: string;
  error: string | null;
  dueAt: number;
}

/** Every message queued for a moderator, oldest first, opened where it still has a body. */
function toModerator(w: BotWorld, who = MOD): Queued[] {
  const member = findMember(w.db, w.vault, sms(who));
  if (!member) return [];
  const rows = w.db.sqlite
    .prepare('SELECT id, body_ct, key_version, state, error, due_at FROM outbox WHERE member_id = ? AND alert_id IS NULL ORDER BY id')
    .all(member.id) as Array<{ id: number; body_ct: Buffer | null; key_version: number; state: string; error: string | null; due_at: number }>;
  return rows.map((r) => ({ id: r.id, text: r.body_ct ? openBody(w.vault, r) : null, state: r.state, error: r.error, dueAt: r.due_at }));
}

const texts = (w: BotWorld, who = MOD) => toModerator(w, who).map((q) => q.text);

/** The messages queued for a moderator, a notice shown by the report it quotes ("Report #K7Q2"), a digest in full. */
const summary = (w: BotWorld, who = MOD) => texts(w, who).map((text) => /^Report #[A-Z0-9]+/.exec(text ?? '')?.[0] ?? text);

function report(w: BotWorld, from: string, text: string): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(from, `REPORT ${text}`).reply ?? '')?.[1];
  if (!ref) throw new Error('no reference');
  return ref;
}

const reporter = (i: number) => `+1206201${String(i).padStart(4, '0')}`;

/** The notice quoting a report. */
function noticeOf(w: BotWorld, ref: string): Queued {
  const found = toModerator(w).find((q) => q.text?.startsWith(`Report #${ref} `));
  if (!found) throw new Error(`no notice of #${ref}`);
  return found;
}

/** Which of the database file and its WAL hold an outbox row's sealed body (its first 32 bytes, read now). */
function sealedBodyHeldIn(w: BotWorld, outboxId: number): () => string[] {
  const sealed = (w.db.sqlite.prepare('SELECT body_ct FROM outbox WHERE id = ?').get(outboxId) as { body_ct: Buffer }).body_ct.subarray(0, 32);
  return () => [w.file, `${w.file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(sealed));
}

describe('the cap of notices per period', () => {
  it('sends the first five notices of a quarter hour, then one digest per moderator counting the rest, due at its end', async () => {
    const w = await world(DEFAULT_LIMITS.notices, { moderatorContacts: [sms(MOD), sms(MOD2)] });
    const refs: string[] = [];
    for (let i = 0; i < 7; i++) {
      refs.push(report(w, reporter(i), '206 grey van'));
      w.clock.now += MIN;
    }
    for (const who of [MOD, MOD2]) {
      const queued = toModerator(w, who);
      expect(summary(w, who)).toEqual([...refs.slice(0, 5).map((r) => `Report #${r}`), '2 more reports waiting; text PENDING']);
      expect(queued[5]).toMatchObject({ text: '2 more reports waiting; text PENDING', dueAt: QUARTER_START + PERIOD, state: 'pending' });
      expect(queued.slice(0, 5).every((q) => q.dueAt < QUARTER_START + PERIOD)).toBe(true);
    }
  });

  it('caps join requests apart from reports, so they never take a report’s slot, and counts each in the digest', async () => {
    const w = await world({ max: 2, windowMs: PERIOD }, { subscribeMode: 'approval' });
    const first = report(w, reporter(1), '206 grey van');
    w.sms('+13125550120', 'JOIN');
    w.sms('+13125550121', 'JOIN');
    w.sms('+13125550122', 'JOIN');
    const second = report(w, reporter(2), '206 blue car');
    report(w, reporter(3), '206 red truck');
    expect(summary(w)).toEqual([
      `Report #${first}`,
      expect.stringMatching(/^Join request #/),
      expect.stringMatching(/^Join request #/),
      `Report #${second}`,
      '1 more report and 1 more join request waiting; text PENDING',
    ]);
  });

  it('withdraws a join notice still waiting when the applicant STOPs or DELETEs: their request is gone', async () => {
    const w = await world(DEFAULT_LIMITS.notices, { subscribeMode: 'approval' });
    w.sms('+13125550120', 'JOIN');
    w.sms('+13125550121', 'JOIN');
    w.sms('+13125550122', 'JOIN');
    w.sms('+13125550120', 'STOP');
    w.sms('+13125550121', 'DELETE');
    expect(toModerator(w).map((q) => [q.state, q.error])).toEqual([
      ['failed', 'superseded'],
      ['failed', 'superseded'],
      ['pending', null],
    ]);
    expect(w.sms(MOD, 'PENDING').reply).toMatch(/^Pending: #[A-Z0-9]+ join \(312\)$/);
  });

  it('starts each quarter hour with notices again and a fresh count', async () => {
    const w = await world({ max: 1, windowMs: PERIOD });
    const a = report(w, reporter(1), '206 grey van');
    report(w, reporter(2), '206 blue car');
    w.clock.now = QUARTER_START + PERIOD + 3 * MIN;
    const c = report(w, reporter(3), '206 red truck');
    report(w, reporter(4), '206 white pickup');
    const queued = toModerator(w);
    expect(summary(w)).toEqual([`Report #${a}`, '1 more report waiting; text PENDING', `Report #${c}`, '1 more report waiting; text PENDING']);
    expect(queued.map((q) => q.dueAt)).toEqual([START, QUARTER_START + PERIOD, w.clock.now, QUARTER_START + 2 * PERIOD]);
  });

  it('keeps a digest the dispatcher has claimed, and queues a new one with the new count', async () => {
    const w = await world({ max: 1, windowMs: PERIOD });
    report(w, reporter(1), '206 grey van');
    report(w, reporter(2), '206 blue car');
    // The dispatcher claims everything due by the end of the quarter: the notice and the digest.
    expect(claimLane(w.db, 'sms', QUARTER_START + PERIOD, 10, QUARTER_START + PERIOD + MIN)).toHaveLength(2);
    report(w, reporter(3), '206 red truck');
    expect(texts(w).slice(1)).toEqual(['1 more report waiting; text PENDING', '2 more reports waiting; text PENDING']);
  });
});

describe('erasing the notices that quote a report', () => {
  it('never sends the waiting notice of a report a moderator has decided, leaves no copy in the WAL, and leaves the others', async () => {
    const w = await world();
    const decided = report(w, REPORTER, '415 grey van, took my phone');
    const other = report(w, reporter(1), '206 blue car');
    const notice = noticeOf(w, decided);
    const heldIn = sealedBodyHeldIn(w, notice.id);
    expect(heldIn()).not.toEqual([]);
    expect(w.sms(MOD, `REJECT ${decided}`).reply).toBe(`#${decided} rejected.`);
    // Finished, it is no longer the moderator's (a reporter's reply may have been queued beside it): read by its id.
    expect(w.db.sqlite.prepare('SELECT member_id, body_ct, state, error FROM outbox WHERE id = ?').get(notice.id)).toEqual({ member_id: null, body_ct: null, state: 'failed', error: 'superseded' });
    expect(noticeOf(w, other).state).toBe('pending');
    const claimed = claimLane(w.db, 'sms', w.clock.now + MIN, 10, w.clock.now + 2 * MIN);
    expect(claimed.map((r) => r.id)).toEqual([noticeOf(w, other).id]);
    // The WAL is checkpointed and truncated just after the deciding commit.
    await new Promise((resolve) => setImmediate(resolve));
    expect(heldIn()).toEqual([]);
  });

  it('erases the text of a notice already sent, keeps its row, and leaves no copy in the WAL', async () => {
    const w = await world();
    // A member in 415: an approval no one would get is answered otherwise (moderator-alert-to-empty-area).
    w.sms('+14155550101', 'JOIN 415');
    const ref = report(w, REPORTER, '415 grey van, took my phone');
    const notice = noticeOf(w, ref);
    const heldIn = sealedBodyHeldIn(w, notice.id);
    claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + MIN);
    recordOutcomes(w.db, [{ id: notice.id, kind: 'sent', providerId: 'SMnotice1' }], w.clock.now);
    expect(heldIn()).not.toEqual([]);

    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
    expect(toModerator(w).find((q) => q.id === notice.id)).toMatchObject({ text: null, state: 'sent', error: null });
    await new Promise((resolve) => setImmediate(resolve));
    expect(heldIn()).toEqual([]);
  });

  it('erases the text of a notice in flight at once, records its send, and fails a retry of it as superseded instead of sending it again', async () => {
    const w = await world();
    const ref = report(w, REPORTER, '415 grey van, took my phone');
    const other = report(w, reporter(1), '206 blue car');
    // The dispatcher is sending both notices when the moderator approves the first report.
    const claimed = claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + MIN);
    const inFlight = noticeOf(w, ref).id;
    const otherId = noticeOf(w, other).id;
    expect(claimed.map((r) => r.id)).toEqual([inFlight, otherId]);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toContain('approved');
    expect(toModerator(w).find((q) => q.id === inFlight)).toMatchObject({ text: null, state: 'pending' });

    // The send fails in a way that is worth another try: the notice of a decided report is not tried again.
    recordOutcomes(
      w.db,
      [
        { id: inFlight, kind: 'retry', dueAt: w.clock.now + 1, error: 'server:500' },
        { id: otherId, kind: 'retry', dueAt: w.clock.now + 1, error: 'server:500' },
      ],
      w.clock.now,
    );
    expect(toModerator(w).find((q) => q.id === inFlight)).toMatchObject({ text: null, state: 'failed', error: 'superseded' });
    // The notice of a report still pending keeps its text and its retry.
    expect(noticeOf(w, other)).toMatchObject({ state: 'pending', error: 'server:500' });
    expect(claimLane(w.db, 'sms', w.clock.now + MIN, 10, w.clock.now + 2 * MIN).map((r) => r.id)).toEqual([otherId]);
  });

  it('fails as superseded a notice sent before its report was decided that a delivery report would send again', async () => {
    const w = await world();
    const ref = report(w, REPORTER, '415 grey van, took my phone');
    const notice = noticeOf(w, ref).id;
    claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + MIN);
    recordOutcomes(w.db, [{ id: notice, kind: 'sent', providerId: 'SMnotice1' }], w.clock.now);
    expect(w.sms(MOD, `REJECT ${ref}`).reply).toBe(`#${ref} rejected.`);

    // The handset was unreachable: a fresh message would be tried again, this one is not.
    expect(applyDeliveryReport(w.db, w.vault, { providerId: 'SMnotice1', delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, w.clock.now + MIN)).toEqual({
      matched: true,
      kind: 'retry',
    });
    expect(toModerator(w).find((q) => q.id === notice)).toMatchObject({ text: null, state: 'failed', error: 'superseded' });
    expect(claimLane(w.db, 'sms', w.clock.now + 60 * MIN, 10, w.clock.now + 61 * MIN)).toEqual([]);
  });

  it('erases the text of the waiting notice when a moderator edits the report, and fails a retry of one in flight then', async () => {
    const w = await world();
    const ref = report(w, REPORTER, '415 grey van, took my phone');
    const first = noticeOf(w, ref).id;
    claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + MIN);
    expect(w.sms(MOD, `EDIT ${ref} 415 grey van`).reply).toContain(ref);
    recordOutcomes(w.db, [{ id: first, kind: 'retry', dueAt: w.clock.now + 1, error: 'server:500' }], w.clock.now);
    expect(toModerator(w).find((q) => q.id === first)).toMatchObject({ text: null, state: 'failed', error: 'superseded' });
    expect(texts(w).filter((t) => t?.includes('took my phone'))).toEqual([]);
  });
});
