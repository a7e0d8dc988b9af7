/**
 * A Signal edit of an earlier message, driven through the bot over a real
 * SQLite file: never acted on (it would run its command again), always
 * answered within the hint's bounds, in her language: a member's once an
 * hour as a photo's answer is, a moderator's each time within her own bound
 * and saying that nothing changed, an open question left open.
 */
import { catalog } from '../../../src/bot/catalog';
import type { BotDeps } from '../../../src/bot/context';
import type { Sender } from '../../../src/phone/identity';
import { botWorld, type BotWorld } from '../../helpers/bot-world';
import { refOf } from '../../helpers/harness';

const MOD: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000900' };
const ROSA: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000001', phone: '+14155550101' };
const LUPE: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000002' };
const MIN = 60_000;
const t = catalog('en');
let ids = 0;

function world(deps: Partial<BotDeps> = {}): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD.address]), moderatorContacts: [MOD], ...deps });
}

const say = (w: BotWorld, who: Sender, text: string) => w.bot.handle({ sender: who, text, providerId: `${who.address}:${++ids}` }).reply;
const edit = (w: BotWorld, who: Sender) => w.bot.handle({ sender: who, text: '', providerId: `${who.address}:${++ids}`, edited: true }).reply;

describe('a Signal edit', () => {
  it('tells a member to send it again as a new message, five times an hour apart from the hint, and in her language', async () => {
    const w = await world();
    now(w, Date.UTC(2026, 11, 2, 12));
    expect(say(w, ROSA, 'JOIN 415')).toBe(t.joined(['415']));
    // The typo she then corrects with Signal's edit was answered "didn't understand": her edit is answered all the same.
    expect(say(w, ROSA, 'REPROT 415 grey van')).toBe(t.hint());
    // Twice in a row, as any same message with the same answer (inbound/steps/repeats.ts); five an hour in all, counted
    // as they come (the third, damped, too).
    expect(edit(w, ROSA)).toBe(t.editNotRead(false));
    expect(edit(w, ROSA)).toBe(t.editNotRead(false));
    expect(edit(w, ROSA)).toBeNull();
    for (let i = 0; i < 2; i++) {
      expect(say(w, ROSA, 'AREAS')).toBe(t.areas(['415']));
      expect(edit(w, ROSA)).toBe(t.editNotRead(false));
    }
    expect(say(w, ROSA, 'AREAS')).toBe(t.areas(['415']));
    expect(edit(w, ROSA)).toBeNull();
    w.clock.now += 61 * MIN;
    expect(edit(w, ROSA)).toBe(t.editNotRead(false));
    expect(say(w, ROSA, 'blah')).toBe(t.hint());
    expect(say(w, LUPE, 'LANG ES')).toBe(catalog('es').langSet());
    expect(edit(w, LUPE)).toBe(catalog('es').editNotRead(false));
  });

  it("acts on nothing: an edited REPORT files no second report, a guided report's question stays open", async () => {
    const w = await world();
    say(w, ROSA, 'JOIN 415');
    const ref = refOf(say(w, ROSA, 'REPORT 415 silver civic plate 7ABC123 choked me'));
    expect(edit(w, ROSA)).toBe(t.editNotRead(false));
    expect(say(w, MOD, 'PENDING')).toBe(t.modPending([{ ref: `#${ref}`, areas: ['415'], kind: 'report' }]));
    expect(say(w, LUPE, 'REPORT')).toBe(t.reportAsk('what'));
    expect(say(w, LUPE, '1')).toBe(t.reportAsk('when'));
    // Asked every time while the question is open, and the question is still "when".
    expect(edit(w, LUPE)).toBe(t.editNotRead(true));
    expect(edit(w, LUPE)).toBe(t.editNotRead(true));
    expect(say(w, LUPE, 'Fri 11pm')).toBe(t.reportAsk('where'));
  });

  it("tells a moderator each time that nothing changed (her own bound, with her typos), and her EDIT stands as it was", async () => {
    const w = await world();
    say(w, ROSA, 'JOIN 415');
    const ref = refOf(say(w, ROSA, 'REPORT 415 grey van, hurt Marisol at the Elm motel'));
    say(w, MOD, `EDIT ${ref} grey van, hurt Marisol at the Elm motel, violent`);
    const replies = Array.from({ length: 19 }, () => edit(w, MOD));
    expect(replies).toEqual(Array(19).fill(t.modEditNotRead()));
    expect(t.modEditNotRead()).toMatch(/nothing was changed/i);
    expect(say(w, MOD, 'APROVE K7Q2')).toBe(t.modHint());
    expect(edit(w, MOD)).toBeNull();
    // Nothing was changed: the report reads as her last EDIT made it.
    expect(say(w, MOD, `SHOW ${ref}`)).toContain('hurt Marisol at the Elm motel, violent');
    // A member's hint is still hers.
    expect(edit(w, ROSA)).toBe(t.editNotRead(false));
  });
});

function now(w: BotWorld, at: number): void {
  w.clock.now = at;
}
