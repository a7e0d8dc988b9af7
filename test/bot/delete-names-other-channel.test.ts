/**
 * DELETE from one channel of someone on SMS and Signal with the same number.
 * It erases that channel's membership only (a channel's number is not proof
 * enough to erase the other's member), but its reply said "everything we held
 * about you is erased" while her other membership went on getting alerts.
 * The reply now says which membership stays and how to erase it.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const rosaSignal: Sender = { channel: 'signal', address: UUID, phone: ROSA };

async function twins(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld();
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: rosaSignal, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(t.joined(['415']));
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return { w, signal };
}

describe('DELETE from one channel of someone on both with the same number', () => {
  it('by SMS: the reply says her Signal membership stays and to send DELETE on Signal', async () => {
    const { w } = await twins();
    expect(w.sms(ROSA, 'DELETE').reply).toBe(t.deleted('signal'));
    expect(t.deleted('signal')).toContain('send DELETE on Signal');
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })).toBeUndefined();
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('active');
  });

  it('over Signal: the reply says her SMS membership stays and to text DELETE by SMS', async () => {
    const { w, signal } = await twins();
    expect(signal('DELETE')).toBe(t.deleted('sms'));
    expect(t.deleted('sms')).toContain('text DELETE by SMS');
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.status).toBe('active');
  });

  it('then DELETE on the other channel erases the rest, answered as any DELETE', async () => {
    const { w, signal } = await twins();
    expect(signal('DELETE')).toBe(t.deleted('sms'));
    expect(w.sms(ROSA, 'DELETE').reply).toBe(t.deleted());
  });

  it('a stopped membership on the other channel is still named: it is still held', async () => {
    const { w, signal } = await twins();
    w.sms(ROSA, 'STOP');
    expect(signal('DELETE')).toBe(t.deleted('sms'));
  });

  it.each([['es'], ['fr'], ['pt']] as const)('names the other channel and its own DELETE word in %s', (lang) => {
    const other = catalog(lang);
    expect(other.deleted('signal')).not.toBe(other.deleted());
    expect(other.deleted('signal')).toContain('Signal');
    expect(other.deleted('sms')).toContain('SMS');
  });
});
