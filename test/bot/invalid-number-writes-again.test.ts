/**
 * A member whose number the provider called invalid three messages in a row
 * (store/invalid-streak.ts, as the outbox counts them) writes again: her
 * message proves it works. Whatever the command, she is active again with
 * her areas before it is handled, and its answer is a member's.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { countInvalid, INVALID_IN_A_ROW } from '../../src/store/invalid-streak';
import { findMember, memberStatus } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const SIGNAL: Sender = { channel: 'signal', address: '5a1e0000-0000-4000-8000-00000000abcd' };
const SMS: Sender = { channel: 'sms', address: '+14155550142', phone: '+14155550142' };

describe('a member marked invalid who writes again', () => {
  let w: BotWorld;
  beforeEach(async () => {
    w = await botWorld();
  });
  afterEach(() => w.db.close());

  const send = (who: Sender, text: string) => w.bot.handle({ sender: who, text, providerId: `id${Math.random()}` }, 'outbox');
  const idOf = (who: Sender) => findMember(w.db, w.vault, who)!.id;
  /** What the outbox does at refusals or reports of an invalid number. */
  const refused = (who: Sender, times: number) => {
    for (let i = 0; i < times; i++) countInvalid(w.db, idOf(who));
  };

  it('over Signal, AREAS: she is active again and told her areas, over her membership', () => {
    send(SIGNAL, 'JOIN 415 628');
    refused(SIGNAL, INVALID_IN_A_ROW);
    expect(memberStatus(w.db, idOf(SIGNAL))).toBe('invalid');
    send(SIGNAL, 'AREAS');
    expect(memberStatus(w.db, idOf(SIGNAL))).toBe('active');
    expect(listAreas(w.db, idOf(SIGNAL))).toEqual(['415', '628']);
    expect(w.queued(SIGNAL).at(-1)?.text).toMatch(/415.*628/);
  });

  it('READ shows her what waits, as to any member (not "you are not a member")', () => {
    send(SMS, 'JOIN');
    refused(SMS, INVALID_IN_A_ROW);
    const reply = w.sms(SMS.address, 'READ').reply;
    expect(memberStatus(w.db, idOf(SMS))).toBe('active');
    expect(reply).toBe(catalog('en').readNone());
    expect(reply).not.toBe(catalog('en').notMember());
  });

  it('STOP still stops her, her areas dropped', () => {
    send(SMS, 'JOIN');
    refused(SMS, INVALID_IN_A_ROW);
    send(SMS, 'STOP');
    expect(memberStatus(w.db, idOf(SMS))).toBe('stopped');
    expect(listAreas(w.db, idOf(SMS))).toEqual([]);
  });

  it('starts the count again: two refusals before her message and two after leave her active', () => {
    send(SMS, 'JOIN');
    refused(SMS, INVALID_IN_A_ROW - 1);
    send(SMS, 'AREAS');
    refused(SMS, INVALID_IN_A_ROW - 1);
    expect(memberStatus(w.db, idOf(SMS))).toBe('active');
  });
});
