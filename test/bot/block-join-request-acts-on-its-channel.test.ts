/**
 * BLOCK of a join request acts on the membership that asked, over its own
 * channel only: an SMS JOIN may be spoofed (or come from the new holder of a
 * recycled number), so a moderator's BLOCK of it must not cost the owner of
 * the Signal account showing that number her membership, her requests, or
 * her voice there. And the reverse: BLOCK of a Signal request leaves SMS.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { claimLane } from '../../src/store/outbox';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const P = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const rosaSignal = { channel: 'signal' as const, address: UUID, phone: P };
let n = 0;
const signal = (w: BotWorld, text: string) => w.bot.handle({ sender: rosaSignal, text, providerId: `${UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const joinRef = (w: BotWorld) => /#([A-Z0-9]{4,6}) join/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];
const line = () =>
  botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }],
    subscribeMode: 'approval',
    checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] },
  });

/** Her Signal membership, admitted to 415. */
async function signalMember(): Promise<BotWorld> {
  const w = await line();
  signal(w, 'JOIN 415');
  expect(w.sms(MOD, `APPROVE ${joinRef(w)}`).reply).toMatch(/admitted/);
  return w;
}

/** The alert copies an ALERT to 415 queues, per channel. */
function alertCopies(w: BotWorld): { sms: number; signal: number } {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  const copies = (channel: 'sms' | 'signal') =>
    claimLane(w.db, channel, w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null && r.member_status === 'active').length;
  return { sms: copies('sms'), signal: copies('signal') };
}

describe('BLOCK of a join request, for someone on SMS and Signal with one number', () => {
  it('an SMS JOIN from her number, blocked, leaves her Signal membership its areas, its alerts and its voice', async () => {
    const w = await signalMember();
    w.sms(P, 'JOIN 212');
    expect(w.sms(MOD, `BLOCK ${joinRef(w)}`).reply).toMatch(/^The sender of #[A-Z0-9]{4,6} is blocked.$/);
    const twin = findMember(w.db, w.vault, rosaSignal);
    expect(twin?.status).toBe('active');
    expect(twin && listAreas(w.db, twin.id)).toEqual(['415']);
    expect(alertCopies(w)).toEqual({ sms: 0, signal: 1 });
    // Her Signal messages are still acted on: AREAS is answered.
    expect(signal(w, 'AREAS')).toMatchObject({ dropped: undefined });
    expect(w.queued(rosaSignal).at(-1)?.text).toBe(t.areas(['415']));
    // The SMS number itself is blocked: its messages are dropped.
    expect(w.sms(P, 'JOIN 415')).toMatchObject({ reply: null, dropped: 'blocked' });
  });

  it('an SMS member asking one more area, blocked, loses her SMS areas only', async () => {
    const w = await signalMember();
    w.sms(P, 'JOIN 415');
    w.sms(MOD, `APPROVE ${joinRef(w)}`);
    w.sms(P, 'JOIN 212');
    w.sms(MOD, `BLOCK ${joinRef(w)}`);
    const sms = findMember(w.db, w.vault, { channel: 'sms', address: P });
    expect(sms && listAreas(w.db, sms.id)).toEqual([]);
    const twin = findMember(w.db, w.vault, rosaSignal);
    expect(twin && listAreas(w.db, twin.id)).toEqual(['415']);
  });

  it('her CHECKIN over Signal, with no buddy, is still promised to the moderators when her SMS membership was blocked', async () => {
    const w = await signalMember();
    w.sms(P, 'JOIN 415');
    w.sms(MOD, `APPROVE ${joinRef(w)}`);
    w.sms(P, 'JOIN 212');
    w.sms(MOD, `BLOCK ${joinRef(w)}`);
    expect(signal(w, 'CHECKIN 30 room 40')).toMatchObject({ dropped: undefined });
    expect(w.queued(rosaSignal).at(-1)?.text).toContain('moderators');
  });

  it('her own request over Signal, waiting, stays waiting when the SMS one is blocked', async () => {
    const w = await line();
    signal(w, 'JOIN 415');
    w.sms(P, 'JOIN 212');
    const pending = w.sms(MOD, 'PENDING').reply ?? '';
    const smsRef = /#([A-Z0-9]{4,6}) join \(212\)/.exec(pending)?.[1];
    w.sms(MOD, `BLOCK ${smsRef}`);
    expect(w.sms(MOD, 'PENDING').reply).toMatch(/join \(415\)/);
  });

  it('a Signal JOIN blocked leaves the SMS membership of the number it showed', async () => {
    const w = await line();
    w.sms(P, 'JOIN 415');
    w.sms(MOD, `APPROVE ${joinRef(w)}`);
    signal(w, 'JOIN 212');
    w.sms(MOD, `BLOCK ${joinRef(w)}`);
    const sms = findMember(w.db, w.vault, { channel: 'sms', address: P });
    expect(sms && listAreas(w.db, sms.id)).toEqual(['415']);
    expect(w.sms(P, 'AREAS').reply).toBe(t.areas(['415']));
    expect(signal(w, 'AREAS')).toMatchObject({ dropped: 'blocked' });
  });

  it('a BLOCK of her report after that holds for the number: a Signal account showing it is dropped', async () => {
    const w = await signalMember();
    w.sms(P, 'JOIN 212');
    w.sms(MOD, `BLOCK ${joinRef(w)}`);
    // Blocked over SMS, her report is dropped there: she files it over Signal, and the moderator blocks it.
    signal(w, 'REPORT 415 fake: 415-555-0102 is a thief');
    const r = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlocked(`#${r}`));
    expect(signal(w, 'AREAS')).toMatchObject({ dropped: 'blocked' });
    // The number is blocked as a number now: another Signal account showing it is dropped too.
    const other = { channel: 'signal' as const, address: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', phone: P };
    expect(w.bot.handle({ sender: other, text: 'JOIN 415', providerId: 'other:1' }, 'outbox')).toMatchObject({ dropped: 'blocked' });
  });
});
