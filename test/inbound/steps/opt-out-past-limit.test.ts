/**
 * STOP and DELETE past the message limit from someone with no membership:
 * a buddy who opted out, a reporter who never joined. Each still has
 * something to end (her buddy link, her reports' link to her), and the
 * first few past the limit are acted on; only the rest of a flood is
 * dropped. Dropping every one from a sender with no membership left a
 * buddy's STOP unheard (the member relied on her, and her missed check-in
 * went to a number that had opted out) and a reporter's DELETE undone.
 */
import { DEFAULT_LIMITS } from '../../../src/bot/context';
import { catalog } from '../../../src/bot/catalog';
import { memberKey } from '../../../src/phone/identity';
import { findMember, setMemberStatus } from '../../../src/store/members';
import { botWorld } from '../../helpers/bot-world';

const MOD = '+14155550199';
const ANA = '+14155550123';
const HOUR = 3_600_000;
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });

it("erases a reporter's link to her reports on her DELETE past the limit, though she never joined", async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], limits: { ...DEFAULT_LIMITS, messages: { max: 3, windowMs: HOUR } } });
  w.sms(ANA, 'REPORT 415 client 415-555-0188 choked a girl, grey van');
  w.sms(ANA, 'REPORT 415 he also took her phone');
  w.sms(ANA, 'thanks');
  const key = w.vault.index('reporter', memberKey(sms(ANA)));
  const linked = () => (w.db.stmt('SELECT count(*) AS n FROM reports WHERE reporter_bidx = ?').get(key) as { n: number }).n;
  expect(linked()).toBe(2);
  expect(w.sms(ANA, 'DELETE').dropped).toBeUndefined();
  expect(linked()).toBe(0);
});

it("ends a buddy's link on her STOP past the limit, and the member is told", async () => {
  const ROSA = '+14155550101';
  const BUDDY = '+14155550177';
  const w = await botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [sms(MOD)],
    limits: { ...DEFAULT_LIMITS, messages: { max: 3, windowMs: HOUR } },
    checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] },
  });
  w.sms(ROSA, 'JOIN 415');
  w.sms(ROSA, 'BUDDY 415-555-0177 Rosa');
  w.clock.now += HOUR;
  w.sms(BUDDY, 'ACCEPT');
  w.sms(BUDDY, 'who is this');
  w.sms(BUDDY, 'is she ok?');
  const before = w.queued(sms(ROSA)).length;
  expect(w.sms(BUDDY, 'STOP').dropped).toBeUndefined();
  expect(w.queued(sms(ROSA)).slice(before).map((m) => m.text)).toEqual([expect.stringContaining('ending 0177')]);
  // With no buddy left, her check-in is refused rather than relying on one who opted out.
  const answer = w.sms(ROSA, 'CHECKIN 30 blue Honda').reply;
  expect(answer).toContain('buddy');
  expect(answer).not.toContain('check-in until');
});

it("acts on a member's STOP over Signal and her DELETE past the limit, however many STOPs she sent by SMS", async () => {
  const ROSA = '+14155550101';
  const uuid = '3b9c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
  let n = 0;
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], limits: { ...DEFAULT_LIMITS, messages: { max: 4, windowMs: HOUR } } });
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: uuid, phone: ROSA }, text, providerId: `${uuid}:${1_700_000_000_000 + ++n}` }, 'outbox');
  w.sms(ROSA, 'JOIN 415');
  signal('JOIN 415');
  w.sms(ROSA, 'hi');
  w.sms(ROSA, 'hi?');
  // Unanswered past the limit, she sends STOP again and again, then tries Signal.
  for (let i = 0; i < 8; i++) w.sms(ROSA, 'STOP');
  expect(signal('STOP').dropped).toBeUndefined();
  const statuses = () => (w.db.stmt('SELECT status FROM members ORDER BY id').all() as Array<{ status: string }>).map((m) => m.status);
  expect(statuses()).toEqual(['stopped', 'stopped']);
  expect(w.sms(ROSA, 'DELETE').dropped).toBeUndefined();
  expect(statuses()).toEqual(['stopped']);
});

it('acts on the STOP past the limit of a membership marked stopped whose check-in still runs (a carrier opt-out leaves it running)', async () => {
  const ROSA = '+14155550101';
  const BUDDY = '+14155550177';
  const w = await botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [sms(MOD)],
    limits: { ...DEFAULT_LIMITS, messages: { max: 4, windowMs: HOUR } },
    checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] },
  });
  w.sms(ROSA, 'JOIN 415');
  w.sms(ROSA, 'BUDDY 415-555-0177 Rosa');
  w.sms(BUDDY, 'ACCEPT');
  w.clock.now += HOUR;
  w.sms(ROSA, 'CHECKIN 120 blue Honda');
  // The carrier reported her opted out (Twilio 21610): her membership is stopped, her check-in left running.
  setMemberStatus(w.db, findMember(w.db, w.vault, sms(ROSA))!.id, 'stopped');
  for (let i = 0; i < 5; i++) w.sms(ROSA, 'hello?');
  expect(w.sms(ROSA, 'STOP').dropped).toBeUndefined();
  // Her STOP ended it: back an hour later, her OK finds none running.
  w.clock.now += HOUR + 60_000;
  w.sms(ROSA, 'START');
  expect(w.sms(ROSA, 'OK').reply).toBe(catalog('en').checkinNone());
});
