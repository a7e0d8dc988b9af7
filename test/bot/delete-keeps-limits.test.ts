/** DELETE keeps the counts of the current windows: the report, CHECK and BUDDY-invitation limits of one phone are not reset on demand. */
import { catalog } from '../../src/bot/catalog';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { openAddress } from '../../src/store/members';
import { claimLane, openBody, openRowAddress, recordOutcomes } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const X = '+14155550166';
const t = catalog('en');
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });

/** The dispatcher: sends what is queued; returns the (to, text) sent. */
function send(w: BotWorld): Array<[string, string]> {
  const rows = claimLane(w.db, 'sms', w.clock.now, 1000, w.clock.now + 60_000);
  recordOutcomes(w.db, rows.map((r, i) => ({ id: r.id, kind: 'sent' as const, providerId: `SMf${r.id}x${i}` })), w.clock.now);
  return rows.map((r) => [r.member_id !== null && r.address_ct ? openAddress(w.vault, { id: r.member_id, address_ct: r.address_ct, key_version: r.address_kv }) : openRowAddress(w.vault, r), openBody(w.vault, r)]);
}

describe('limits of one phone across its DELETEs', () => {
  it('reports: at most 5 a day, though BLOCK cannot reach a troll who DELETEs after them', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], limits: DEFAULT_LIMITS });
    const refs: string[] = [];
    for (let b = 0; b < 3; b++) {
      for (let i = 0; i < 6; i++) {
        const r = /#([A-Z0-9]{4,6})/.exec(w.sms(X, `REPORT 415 fake ${b}${i}: 628-555-01${b}${i} robbed me`).reply ?? '')?.[1];
        if (r) refs.push(r);
      }
      w.sms(X, 'DELETE');
    }
    for (const r of refs) expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modSenderErased(`#${r}`));
    expect(refs.length).toBeLessThanOrEqual(5);
  });

  it('CHECK: the hourly limit is not reset by DELETE and JOIN', async () => {
    const w = await botWorld({ limits: { ...DEFAULT_LIMITS, checks: { max: 3, windowMs: 3_600_000 } } });
    let answered = 0;
    for (let round = 0; round < 2; round++) {
      w.sms(X, 'JOIN 415');
      for (let i = 0; i < 4; i++) if (w.sms(X, `CHECK +1628555${round}${i}00`).reply === t.checkNone()) answered++;
      w.sms(X, 'DELETE');
    }
    expect(answered).toBe(3);
  });

  it('BUDDY: at most six strangers texted a day, DELETE or not', async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    const invited = new Set<string>();
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < 6; i++) {
        w.sms(X, `BUDDY +1212555${b}${i}00 Rose`);
        for (const [to, text] of send(w)) if (text === t.buddyInvite('Rose')) invited.add(to);
        if (i === 2) w.sms(X, 'BUDDY OFF');
      }
      w.sms(X, 'DELETE');
    }
    expect(invited.size).toBeLessThanOrEqual(6);
  });
});
