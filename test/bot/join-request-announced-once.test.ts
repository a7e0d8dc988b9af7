/** Under approval, one number cycling JOIN and STOP or DELETE is announced once a day, and its join notices never take a report's slot. */
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });

/** The texts each world's moderator was sent, read as they went (a request closed since erases a sent notice's text). */
const sentTexts = new WeakMap<BotWorld, Map<number, string>>();

/** What reaches the moderator: what went to her, and her messages still waiting, not withdrawn (a join notice withdrawn before it went never does). */
function live(w: BotWorld): string[] {
  const mod = findMember(w.db, w.vault, sms(MOD))!;
  const sent = sentTexts.get(w) ?? new Map<number, string>();
  const rows = w.db.sqlite.prepare("SELECT id, state, body_ct, key_version FROM outbox WHERE member_id = ? AND state <> 'failed' ORDER BY id").all(mod.id) as Array<{
    id: number;
    state: string;
    body_ct: Buffer | null;
    key_version: number;
  }>;
  return rows.flatMap((r) => (sent.has(r.id) ? [sent.get(r.id) as string] : r.state === 'pending' && r.body_ct ? [openBody(w.vault, { ...r, body_ct: r.body_ct })] : []));
}

/** The dispatcher sent what waits: its text is read as it goes. */
function delivered(w: BotWorld): void {
  const sent = sentTexts.get(w) ?? new Map<number, string>();
  sentTexts.set(w, sent);
  for (const r of w.db.sqlite.prepare("SELECT id, body_ct, key_version FROM outbox WHERE state = 'pending'").all() as Array<{ id: number; body_ct: Buffer; key_version: number }>) {
    sent.set(r.id, openBody(w.vault, r));
  }
  w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE state = 'pending'").run();
}

it('announces a join request of one number once, and cannot hold back a real report with it', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], subscribeMode: 'approval' });
  for (let i = 0; i < 5; i++) {
    w.sms('+14155550166', 'JOIN 415');
    w.sms('+14155550166', i % 2 ? 'STOP' : 'DELETE');
  }
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms('+14155550102', 'REPORT 415 grey van, pulled a knife, Mission St').reply ?? '')?.[1];
  const notices = live(w);
  expect(notices.some((m) => m.includes(`#${ref}`))).toBe(true);
  expect(notices.filter((m) => m.startsWith('Join request')).length).toBeLessThanOrEqual(1);
});

it('announces a number’s new join request again the next day', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], subscribeMode: 'approval' });
  const joins = () => live(w).filter((m) => m.startsWith('Join request')).length;
  w.sms('+14155550166', 'JOIN 415');
  // Its notice has gone to the moderator (one still waiting is withdrawn by DELETE, and the day's announcement given back).
  delivered(w);
  w.sms('+14155550166', 'DELETE');
  w.sms('+14155550166', 'JOIN 415');
  expect(joins()).toBe(1);
  w.sms('+14155550166', 'DELETE');
  w.clock.now += 86_400_000;
  w.sms('+14155550166', 'JOIN 415');
  expect(joins()).toBe(2);
});
