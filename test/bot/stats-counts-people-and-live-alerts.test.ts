/** STATS as a moderator reads it: people (one number on SMS and Signal is one member), and the alerts that stand. */
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const P = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8e';
const sms = (a: string) => ({ channel: 'sms' as const, address: a, phone: a });
let n = 0;
const signal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: P }, text, providerId: `${UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const world = () => botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
const ref = (s: string | null) => /#([A-Z0-9]{4,6})/.exec(s ?? '')?.[1];

describe('STATS', () => {
  it('counts someone on SMS and Signal with one number once in each of her areas', async () => {
    const w = await world();
    w.sms(P, 'JOIN 415');
    signal(w, 'JOIN 415 212');
    w.sms('+14155550102', 'JOIN 415');
    expect(w.sms(MOD, 'STATS').reply).toBe('Members: 2 in all; 415:2 212:1. Pending reports: 0. Pending members: 0. Alerts issued: 0.');
  });

  it('does not count a retracted alert as sent, and says how many were retracted', async () => {
    const w = await world();
    w.sms(P, 'JOIN 415');
    const kept = ref(w.sms(MOD, 'ALERT 415 grey van, took phone').reply);
    const wrong = ref(w.sms(MOD, 'ALERT 415 sent in error').reply);
    expect(kept).not.toBe(wrong);
    w.sms(MOD, `RETRACT ${wrong}`);
    expect(w.sms(MOD, 'STATS').reply).toBe('Members: 1 in all; 415:1. Pending reports: 0. Pending members: 0. Alerts issued: 1 (not counting 1 retracted).');
  });
});

describe('STATS under approval', () => {
  it('counts one number asking to join on SMS and on Signal as one pending member', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], subscribeMode: 'approval' });
    w.sms(P, 'JOIN 415');
    signal(w, 'JOIN 415');
    w.sms('+14155550102', 'JOIN 415');
    expect(w.sms(MOD, 'STATS').reply).toBe('Members: none. Pending reports: 0. Pending members: 2. Alerts issued: 0.');
  });
});
