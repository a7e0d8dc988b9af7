/**
 * An invitation that ends because its number is unreachable (Twilio's 30006,
 * a landline; a number not on Signal) no longer counts among the member's
 * day's invitations: after a couple of wrong numbers she could not ask her
 * real buddy until tomorrow. Only then: a declined invitation still counts,
 * and the counts given back are bounded, so wrong numbers cannot make
 * BUDDY send without end.
 */
import { INVITES_PER_DAY } from '../../src/bot/buddy-commands';
import { catalog } from '../../src/bot/catalog';
import type { BotResult } from '../../src/bot/bot';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { openCopy } from '../../src/store/outbox-rows';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const RULES = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } as const;
const ROSA = '+14155550100';
const t = catalog('en');
const number = (n: number) => `+1212555${String(1000 + n)}`;
const LANDLINE = { kind: 'invalid', code: 'undelivered:30006' } as const;

async function line(): Promise<BotWorld> {
  return botWorld({ checkins: { ...RULES, buddyChannels: [...RULES.buddyChannels] } });
}

/** Sends what waits on the SMS lane; Twilio reports those to `unreachable` numbers undelivered as no number SMS reaches. */
function sendSms(w: BotWorld, unreachable: string[]): void {
  const claimed = claimLane(w.db, 'sms', w.clock.now, 50, w.clock.now + 60_000);
  recordOutcomes(w.db, claimed.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: `SM${r.id}` })), w.clock.now);
  w.clock.now += 60_000;
  for (const r of claimed) {
    if (unreachable.includes(openCopy(w.vault, r)?.address ?? '')) applyDeliveryReport(w.db, w.vault, { providerId: `SM${r.id}`, delivery: LANDLINE }, w.clock.now);
  }
}

let sid = 0;
const fromSignal = (w: BotWorld, uuid: string, text: string, phone?: string): BotResult =>
  w.bot.handle({ sender: { channel: 'signal', address: uuid, ...(phone ? { phone } : {}) }, text, providerId: `sig-${++sid}` });

describe("an invitation's day count", () => {
  it('is given back when the number is unreachable, so she can still ask her real buddy today', async () => {
    const w = await line();
    w.sms(ROSA, 'JOIN 415');
    // Four asked and taken back, then two wrong numbers: her day's six.
    for (let n = 1; n <= INVITES_PER_DAY - 2; n++) {
      expect(w.sms(ROSA, `BUDDY ${number(n)} Rose`).reply).toBe(t.buddyAsked(number(n).slice(-4)));
      w.sms(ROSA, `BUDDY OFF ${number(n)}`);
    }
    const wrong = [number(11), number(12)];
    for (const to of wrong) expect(w.sms(ROSA, `BUDDY ${to} Rose`).reply).toBe(t.buddyAsked(to.slice(-4)));
    sendSms(w, wrong);
    expect(w.queued({ channel: 'sms', address: ROSA }).map((m) => m.text)).toEqual(wrong.map((to) => t.buddyUnreachedMember(to.slice(-4), 'sms')));
    expect(w.sms(ROSA, `BUDDY ${number(20)} Rose`).reply).toBe(t.buddyAsked('1020'));
    expect(w.sms(ROSA, `BUDDY ${number(21)} Rose`).reply).toBe(t.buddyAsked('1021'));
    expect(w.sms(ROSA, `BUDDY ${number(22)} Rose`).reply).toBe(t.buddyInvitesToday(INVITES_PER_DAY));
  });

  it('is given back under the key BUDDY counted it, over Signal with her number shown or hidden', async () => {
    const w = await line();
    for (const [uuid, phone] of [
      ['5e6f7a8b-9c0d-4e1f-8a2b-000000000001', '+14155550101'],
      ['5e6f7a8b-9c0d-4e1f-8a2b-000000000002', undefined],
    ] as const) {
      const wrong: string[] = [];
      for (let n = 1; n <= INVITES_PER_DAY; n++) {
        const to = number(n + (phone ? 100 : 200));
        expect(fromSignal(w, uuid, `BUDDY ${to} Rose`, phone).reply).toBe(t.buddyAsked(to.slice(-4)));
        if (n < INVITES_PER_DAY) fromSignal(w, uuid, `BUDDY OFF ${to}`, phone);
        else wrong.push(to);
      }
      sendSms(w, wrong);
      expect(fromSignal(w, uuid, `BUDDY ${number(phone ? 150 : 250)} Rose`, phone).reply).toBe(t.buddyAsked(phone ? '1150' : '1250'));
      expect(fromSignal(w, uuid, `BUDDY ${number(phone ? 151 : 251)} Rose`, phone).reply).toBe(t.buddyInvitesToday(INVITES_PER_DAY));
    }
  });

  it('is not given back for an invitation declined', async () => {
    const w = await line();
    w.sms(ROSA, 'JOIN 415');
    for (let n = 1; n <= INVITES_PER_DAY; n++) {
      w.sms(ROSA, `BUDDY ${number(n)} Rose`);
      w.sms(number(n), 'DECLINE');
    }
    expect(w.sms(ROSA, `BUDDY ${number(30)} Rose`).reply).toBe(t.buddyInvitesToday(INVITES_PER_DAY));
  });

  it('is given back no more than a day of invitations: wrong numbers cannot make BUDDY send without end', async () => {
    const w = await line();
    w.sms(ROSA, 'JOIN 415');
    for (let n = 1; n <= 2 * INVITES_PER_DAY; n++) {
      expect(w.sms(ROSA, `BUDDY ${number(n)} Rose`).reply).toBe(t.buddyAsked(number(n).slice(-4)));
      sendSms(w, [number(n)]);
    }
    expect(w.sms(ROSA, `BUDDY ${number(40)} Rose`).reply).toBe(t.buddyInvitesToday(INVITES_PER_DAY));
  });
});
