/**
 * 🆗 (the squared OK, with or without an emoji's selector, spaces around it) is the word OK written in one
 * character: where OK is a command it is read as OK. It was dropped as a mark: the message was empty, so
 * her 🆗 answering a running check-in's reminder ended nothing and her buddies were told she may be in
 * danger. Other emoji (✅ 👍) are read as before: as no word (a reaction is no OK; see the README).
 * Real SQLite and crypto, through the bot.
 */
import { catalog } from '../../src/bot/catalog';
import { parse } from '../../src/bot/parser';
import { findMember } from '../../src/store/members';
import { hasCheckin } from '../../src/store/checkins';
import { listAreas } from '../../src/store/subscriptions';
import type { Sender } from '../../src/phone/identity';
import { BUDDY, ROSE, withBuddy } from './checkin-buddy-line';

const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function running() {
  const w = await withBuddy();
  w.sms(ROSE, 'CHECKIN 60 grey Civic, Motel 6');
  const id = findMember(w.db, w.vault, sms(ROSE))?.id as number;
  expect(hasCheckin(w.db, id)).toBe(true);
  return { w, id };
}

describe('🆗 while a check-in runs', () => {
  it.each([['🆗'], ['🆗\uFE0F'], ['  🆗  '], ['🆗 thanks'], ['🆗!']])('%j ends it as OK does', async (text) => {
    const { w, id } = await running();
    w.clock.now += 20 * 60_000;
    expect(w.sms(ROSE, text).reply).toBe(t.checkinOk());
    expect(hasCheckin(w.db, id)).toBe(false);
  });

  it('🆗 stop texting me is her STOP, as OK stop texting me is', async () => {
    const { w, id } = await running();
    expect(w.sms(ROSE, '🆗 stop texting me').reply).toMatch(/^Heads Up: you're unsubscribed/);
    expect(listAreas(w.db, id)).toEqual([]);
  });

  it.each([['✅'], ['👍'], ['👍🏽']])('%j ends nothing: an emoji is no word', async (text) => {
    const { w, id } = await running();
    w.sms(ROSE, text);
    expect(hasCheckin(w.db, id)).toBe(true);
  });

  it('during a guided report, 🆗 ends it as OK does; 🆗 and more words answer the question', async () => {
    const { w, id } = await running();
    w.sms(ROSE, 'REPORT');
    expect(w.sms(ROSE, '7').reply).toBe(t.reportAsk('when'));
    expect(w.sms(ROSE, '🆗 he').reply).toBe(t.reportAsk('where'));
    expect(hasCheckin(w.db, id)).toBe(true);
    expect(w.sms(ROSE, '🆗\uFE0F thank you').reply).toBe(t.checkinOk());
    expect(hasCheckin(w.db, id)).toBe(false);
  });

  it('with no check-in, 🆗 gets the answer OK gets', async () => {
    const w = await withBuddy();
    expect(w.sms(ROSE, '🆗').reply).toBe(t.checkinNone());
    expect(w.sms(BUDDY, '🆗\uFE0F').reply).toBe(t.checkinNone());
  });
});

describe('🆗 where OK is no command', () => {
  it('is kept as written in a report, and names no area after JOIN', () => {
    expect(parse('REPORT 415 he said 🆗 then hit me')).toMatchObject({ ok: true, command: { kind: 'report', areas: ['415'], text: 'he said 🆗 then hit me' } });
    expect(parse('JOIN 415 🆗')).toMatchObject({ ok: true, command: { kind: 'join', areas: ['415'] } });
    expect(parse('thanks 🆗')).toMatchObject({ ok: false, error: 'unknown' });
  });
});
