/**
 * The name after ACCEPT is read as BUDDY reads the name it is matched against: without what is invisible
 * (zero-width spaces, direction overrides, control characters; the joiners between letters or emoji kept),
 * in NFKC with any script's digits as ASCII, and cut at MAX_BUDDY_NAME between whole characters. It was
 * taken as typed: "ACCEPT Ro\u200Bse" (a zero-width space a keyboard or a paste left) or a name as long as
 * the one the member wrote named no one, and the buddy was told someone else waits. Real SQLite and crypto.
 */
import { catalog } from '../../src/bot/catalog';
import { MAX_BUDDY_NAME } from '../../src/bot/buddy-parser';
import { parse } from '../../src/bot/parser';
import type { BotWorld } from '../helpers/bot-world';
import { acceptLine, FRIEND, HER, STRANGER } from './accept-line';

const t = catalog('en');

const world = (): Promise<BotWorld> => acceptLine();

const toldAccepted = (w: BotWorld, member: string) => w.queued({ channel: 'sms', address: member, phone: member }).some((m) => m.text === t.buddyAcceptedMember('0173'));

describe('the name after ACCEPT', () => {
  it.each([
    ['Rose', 'ACCEPT Ro\u200Bse'],
    ['Rose', 'ACCEPT \u202ERose\u202C\u0007'],
    ['Rose', 'ACCEPT Ro\u034Fse'],
    ['🌹', 'ACCEPT 🌹\u200B'],
    ['Rose ٢', 'ACCEPT Rose ٢'],
    ['👩‍👩‍👧', 'ACCEPT 👩‍👩‍👧\u202E'],
  ])('given as %j, %j accepts her friend among two who asked', async (name, answer) => {
    const w = await world();
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    w.sms(FRIEND, `BUDDY ${HER} ${name}`);
    expect(w.sms(HER, answer).reply).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });

  it('as long as the name the member wrote, accepts her: both are cut alike', async () => {
    const long = 'Rosalind Marguerite Fairweather-Smith';
    expect([...long].length).toBeGreaterThan(MAX_BUDDY_NAME);
    const w = await world();
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    w.sms(FRIEND, `BUDDY ${HER} ${long}`);
    expect(w.sms(HER, `ACCEPT ${long}`).reply).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
  });

  it('is parsed clean and bounded; invisible characters alone are a bare ACCEPT', () => {
    expect(parse('ACCEPT Ro\u200Bse\u202E \u0007 Marie')).toMatchObject({ ok: true, command: { kind: 'accept', name: 'Rose Marie' } });
    expect(parse('ACCEPT \u200B\u202E')).toEqual(expect.objectContaining({ ok: true, command: { kind: 'accept' } }));
    const parsed = parse(`ACCEPT ${'🇫🇷'.repeat(40)}`);
    const name = parsed.ok && parsed.command.kind === 'accept' ? (parsed.command.name ?? '') : '';
    expect(name).toBe('🇫🇷'.repeat(MAX_BUDDY_NAME / 2));
  });

  it('still tells her who waits when she names someone else, the name shown as given', async () => {
    const w = await world();
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect(w.sms(HER, 'ACCEPT Mi\u200Bke').reply).toBe(t.buddyWaiting('Rose'));
    expect(toldAccepted(w, FRIEND)).toBe(false);
  });
});
