import { DEFAULT_LIMITS } from '../../src/bot/context';
import { runRetention } from '../../src/jobs/retention';
import type { Sender } from '../../src/phone/identity';
import { listAreas } from '../../src/store/subscriptions';
import { findMember } from '../../src/store/members';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const MOD_SENDER: Sender = { channel: 'sms', address: MOD, phone: MOD };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function reporters(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `+1206201${String(i).padStart(4, '0')}`);
}

describe('moderator notices under a flood', () => {
  it('sends at most the cap of notices in a period and sums up the rest in one digest, due at the end of the period', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER] });
    const limit = DEFAULT_LIMITS.notices!;
    for (const from of reporters(12)) expect(w.sms(from, 'REPORT 206 grey van, aggressive').reply).toContain('#');
    const queued = w.queued(MOD_SENDER);
    const notices = queued.filter((q) => q.text.startsWith('Report #'));
    const digests = queued.filter((q) => q.text.includes('waiting'));
    expect(notices).toHaveLength(limit.max);
    expect(digests.map((d) => d.text)).toEqual([`${12 - limit.max} more reports waiting; text PENDING`]);
    const periodEnd = w.clock.now - (w.clock.now % limit.windowMs) + limit.windowMs;
    expect(digests[0]!.dueAt).toBe(periodEnd);

    // The next period starts with notices again.
    w.clock.now = periodEnd + 1;
    w.sms(reporters(13)[12]!, 'REPORT 206 blue car');
    expect(w.queued(MOD_SENDER).filter((q) => q.text.startsWith('Report #'))).toHaveLength(limit.max + 1);
  });

  it('tells moderators of a join request once, however often the applicant repeats JOIN', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER], subscribeMode: 'approval' });
    const replies = Array.from({ length: 25 }, () => w.sms('+14155550123', 'JOIN 415').reply);
    // The same answer to the same message is given twice an hour at most (an auto-reply's loop ends).
    expect(replies.slice(0, 2)).toEqual([expect.stringContaining('moderator'), expect.stringContaining('moderator')]);
    expect(replies.slice(2).filter((r) => r !== null)).toEqual([]);
    expect(w.queued(MOD_SENDER).filter((q) => q.text.startsWith('Join request'))).toHaveLength(1);
  });

  it('pages PENDING, saying how many more wait beyond what is listed', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER] });
    for (const from of reporters(25)) w.sms(from, 'REPORT 206 grey van');
    const list = w.sms(MOD, 'PENDING').reply ?? '';
    const shown = (list.match(/#[A-Z0-9]{4,6}/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(list).toContain(`+${25 - shown} more`);
  });
});

describe('erasing the notices of a decided report', () => {
  it('never lets a notice in flight be confused with a row written after it', async () => {
    const alerts: number[] = [];
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER], onAlert: (id) => alerts.push(id) });
    w.sms('+14155550190', 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms('+14155550191', 'REPORT 415 grey van').reply ?? '')![1]!;
    // The dispatcher has claimed the notice and is sending it when the moderator approves.
    const [notice] = claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toContain('approved');
    planNextRange(w.db, alerts[0]!, w.clock.now);
    recordOutcomes(w.db, [{ id: notice!.id, kind: 'sent', providerId: 'SMnotice' }], w.clock.now);
    const rows = w.db.sqlite.prepare('SELECT state FROM outbox WHERE alert_id IS NOT NULL').all();
    expect(rows).toEqual([{ state: 'pending' }]);
    // Once sent, the next sweep erases what it quoted.
    runRetention(w.db, 90, w.clock.now);
    expect(w.db.sqlite.prepare('SELECT body_ct FROM outbox WHERE id = ?').get(notice!.id)).toEqual({ body_ct: null });
  });
});

describe('MAX_AREAS', () => {
  it('refuses a JOIN that would take a member past the most areas, changing nothing, in a reply Twilio takes', async () => {
    const w = await botWorld({ maxAreas: 10 });
    const codes = ['201', '202', '203', '205', '206', '207', '208', '209', '210', '212', '213', '214'];
    const all = w.sms('+14155550140', `JOIN ${codes.join(' ')}`);
    expect(all.reply).toContain('at most 10');
    expect(findMember(w.db, w.vault, { channel: 'sms', address: '+14155550140' })).toBeUndefined();
    w.sms('+14155550140', `JOIN ${codes.slice(0, 6).join(' ')}`);
    const more = w.sms('+14155550140', `JOIN ${codes.slice(6).join(' ')}`);
    expect(more.reply).toContain('at most 10');
    const member = findMember(w.db, w.vault, { channel: 'sms', address: '+14155550140' })!;
    expect(listAreas(w.db, member.id)).toEqual(codes.slice(0, 6));
    // Every North American area code in one text: one short refusal.
    const huge = w.sms('+14155550141', `JOIN ${Array.from({ length: 800 }, (_, i) => String(200 + i)).join(' ')}`);
    expect((huge.reply ?? '').length).toBeLessThanOrEqual(1600);
  });

  it('in approval mode, holds an area added after admission for a moderator, like the first join', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER], subscribeMode: 'approval' });
    w.sms('+14155550150', 'JOIN 415');
    const first = /#([A-Z0-9]{4,6})/.exec(w.queued(MOD_SENDER)[0]!.text)![1]!;
    expect(w.sms(MOD, `APPROVE ${first}`).reply).toContain('admitted');
    const member = findMember(w.db, w.vault, { channel: 'sms', address: '+14155550150' })!;
    expect(listAreas(w.db, member.id)).toEqual(['415']);

    expect(w.sms('+14155550150', 'JOIN 212').reply).toContain('moderator');
    expect(listAreas(w.db, member.id)).toEqual(['415']);
    const notices = w.queued(MOD_SENDER).filter((q) => q.text.startsWith('Join request'));
    expect(notices).toHaveLength(2);
    const second = /#([A-Z0-9]{4,6})/.exec(notices[1]!.text)![1]!;
    expect(w.sms(MOD, `APPROVE ${second}`).reply).toContain('admitted');
    expect(listAreas(w.db, member.id)).toEqual(['212', '415']);
  });
});

describe('replay', () => {
  it('never acts twice on a provider id within RETENTION_DAYS, even after DELETE and a day', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    const member = { channel: 'sms', address: '+14155550160' } as const;
    w.sms(member.address, 'JOIN 415', 'SMjoin');
    w.sms(MOD, 'ALERT 415 grey van', 'SMalert');
    w.sms(member.address, 'DELETE', 'SMdelete');
    expect(findMember(w.db, w.vault, member)).toBeUndefined();

    w.clock.now += 25 * HOUR;
    runRetention(w.db, 90, w.clock.now);
    const join = w.sms(member.address, 'JOIN 415', 'SMjoin');
    expect(join.duplicate).toBe(true);
    expect(join.reply).toBeNull();
    expect(findMember(w.db, w.vault, member)).toBeUndefined();
    expect(w.sms(MOD, 'ALERT 415 grey van', 'SMalert').duplicate).toBe(true);
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n).toBe(1);
    // No reply is stored past the day.
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM inbound_messages').get() as { n: number }).n).toBe(0);

    // Past the retention period the record goes too.
    w.clock.now += 90 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM inbound_seen').get() as { n: number }).n).toBe(0);
  });
});

describe('timestamps at the precision they need', () => {
  it('writes the exact millisecond of a REPORT into no table', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER] });
    const at = w.clock.now;
    w.sms('+14155550170', 'JOIN 415');
    w.sms('+14155550170', 'REPORT 415 grey van');
    w.sms('+14155550170', 'CHECK 415-555-0177');
    const tables = (w.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('outbox', 'schema_migrations')").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    const holding: string[] = [];
    for (const table of tables) {
      const rows = w.db.sqlite.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>;
      if (rows.some((row) => Object.values(row).includes(at))) holding.push(table);
    }
    expect(tables).toContain('sender_limits');
    expect(holding).toEqual([]);
  });
});

describe('the Signal-to-SMS link', () => {
  it('uses an index of its own purpose, not the SMS membership’s look-up index', async () => {
    const w = await botWorld();
    const phone = '+14155550180';
    w.sms(phone, 'JOIN 415');
    w.bot.handle({ sender: { channel: 'signal', address: '0b8e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b', phone }, text: 'JOIN 415', providerId: 'sig1' });
    const rows = w.db.sqlite.prepare('SELECT channel, address_bidx, phone_bidx FROM members ORDER BY id').all() as Array<{
      channel: string;
      address_bidx: Buffer;
      phone_bidx: Buffer | null;
    }>;
    const sms = rows.find((r) => r.channel === 'sms')!;
    const signal = rows.find((r) => r.channel === 'signal')!;
    expect(signal.phone_bidx).not.toBeNull();
    expect(signal.phone_bidx!.equals(sms.address_bidx)).toBe(false);
    // The two memberships still share their link, so fan-out sends the person one alert.
    expect(sms.phone_bidx?.equals(signal.phone_bidx!)).toBe(true);
  });
});
