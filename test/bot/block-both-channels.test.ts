/** BLOCK, and the per-sender limits, hold for one number over SMS and over Signal showing it: the line treats them as one person. */
import { catalog } from '../../src/bot/catalog';
import { findMember } from '../../src/store/members';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { listAreas } from '../../src/store/subscriptions';
import { Vault } from '../../src/store/vault';
import { botWorld, newBot, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const P = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });
let n = 0;
const signal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: P }, text, providerId: `${UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const ref = (s: string | null, re = /#([A-Z0-9]{4,6})/) => re.exec(s ?? '')?.[1];
const world = (mode: 'open' | 'approval' = 'open') => botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], subscribeMode: mode });

/** rotate-key's work on the world's database, then the line restarted under the new key: its bot, and how many blocks were erased. */
function rotated(w: BotWorld) {
  const { from, to } = rotationVersions(w.db);
  expect(from).toBe(w.vault.keyVersion);
  const vault = new Vault(new Uint8Array(32).fill(9), to);
  const { erased } = new KeyRotation(w.db, w.vault, vault).run();
  return { bot: newBot(w.db, vault, w.clock, { moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] }), erasedBlocks: erased.blocks };
}

describe('one number over SMS and over Signal showing it', () => {
  it('a sender blocked over SMS is still blocked from Signal showing the same number', async () => {
    const w = await world();
    const r = ref(w.sms(P, 'REPORT 415 fake: 415-555-0102 is a thief').reply);
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlockedDiscarded(`#${r}`, 1));
    expect(signal(w, 'REPORT 415 another fake one')).toMatchObject({ dropped: 'blocked' });
  });

  it('a sender blocked over Signal (number shown) is still blocked by SMS from that number', async () => {
    const w = await world();
    signal(w, 'REPORT 415 fake: 415-555-0102 is a thief');
    const r = ref(w.sms(MOD, 'PENDING').reply);
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlockedDiscarded(`#${r}`, 1));
    expect(w.sms(P, 'REPORT 415 another fake one')).toMatchObject({ reply: null, dropped: 'blocked' });
  });

  it('a Signal sender who DELETEs takes both links of their report: BLOCK finds no one', async () => {
    const w = await world();
    signal(w, 'REPORT 415 fake: 415-555-0102 is a thief');
    const r = ref(w.sms(MOD, 'PENDING').reply);
    signal(w, 'DELETE');
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modSenderErased(`#${r}`));
    expect(w.sms(P, 'REPORT 415 a real one').reply).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('an applicant blocked over SMS cannot apply again from Signal with the same number', async () => {
    const w = await world('approval');
    w.sms(P, 'JOIN 415');
    const r = ref(w.sms(MOD, 'PENDING').reply, /#([A-Z0-9]{4,6}) join/);
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlocked(`#${r}`));
    signal(w, 'JOIN 415');
    expect(w.sms(MOD, 'PENDING').reply).not.toMatch(/join \(415\)/);
  });

  it('a member blocked for asking one more area loses the alerts of his Signal twin too', async () => {
    const w = await world('approval');
    const admit = () => w.sms(MOD, `APPROVE ${ref(w.sms(MOD, 'PENDING').reply, /#([A-Z0-9]{4,6}) join/)}`);
    w.sms(P, 'JOIN 415');
    admit();
    signal(w, 'JOIN 415');
    admit();
    w.sms(P, 'JOIN 212');
    expect(w.sms(MOD, `BLOCK ${ref(w.sms(MOD, 'PENDING').reply, /#([A-Z0-9]{4,6}) join/)}`).reply).toMatch(/blocked/i);
    const twin = findMember(w.db, w.vault, { channel: 'signal', address: UUID });
    expect(twin && listAreas(w.db, twin.id)).toEqual([]);
  });

  it('CHECK: one hourly limit for the number over SMS and over Signal', async () => {
    const { DEFAULT_LIMITS } = await import('../../src/bot/context');
    const w = await botWorld({ limits: { ...DEFAULT_LIMITS, checks: { max: 3, windowMs: 3_600_000 } } });
    w.sms(P, 'JOIN 415');
    signal(w, 'JOIN 415');
    let answered = 0;
    for (let i = 0; i < 4; i++) if (w.sms(P, `CHECK +16285550${i}00`).reply === t.checkNone()) answered++;
    for (let i = 0; i < 4; i++) {
      signal(w, `CHECK +16285551${i}00`);
      if (w.queued({ channel: 'signal', address: UUID, phone: P }).at(-1)?.text === t.checkNone()) answered++;
    }
    expect(answered).toBe(3);
  });

  it('a sender blocked over Signal (number shown) and heard from since stays blocked on both after a key rotation', async () => {
    const w = await world();
    signal(w, 'REPORT 415 fake: 415-555-0102 is a thief');
    const r = ref(w.sms(MOD, 'PENDING').reply);
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlockedDiscarded(`#${r}`, 1));
    // Her next message, dropped, tells each block (her Signal account's, her number's over SMS) who it is of.
    expect(signal(w, 'REPORT 415 another fake one')).toMatchObject({ dropped: 'blocked' });
    const after = rotated(w);
    expect(after.erasedBlocks).toBe(0);
    expect(after.bot.handle({ sender: sms(P), text: 'REPORT 415 by SMS now', providerId: 'SMrotated1' })).toMatchObject({ reply: null, dropped: 'blocked' });
    const bySignal = { sender: { channel: 'signal' as const, address: UUID }, text: 'REPORT 415 number hidden now', providerId: `${UUID}:1700000009999` };
    expect(after.bot.handle(bySignal, 'outbox')).toMatchObject({ reply: null, dropped: 'blocked' });
  });
});
