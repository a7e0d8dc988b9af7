/**
 * DELETE from one channel of someone on SMS and Signal with the same number
 * erases that channel's membership only (a number is not proof enough to erase
 * the other channel's member). Its reply always says to send DELETE on the
 * other channel too, the same whatever is held there: naming a membership that
 * remains told the new holder of a recycled number that its previous owner
 * uses the line on Signal.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const LONE = '+14155550123';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const LONE_UUID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const t = catalog('en');
const rosaSignal: Sender = { channel: 'signal', address: UUID, phone: ROSA };
const ALSO_SIGNAL = 'If you also use Heads Up on Signal, send DELETE there too.';
const ALSO_SMS = 'If you also get alerts by SMS, text DELETE there too.';

async function twins(): Promise<{ w: BotWorld; signal: (text: string, from?: Sender) => string | null }> {
  const w = await botWorld();
  let n = 0;
  const signal = (text: string, from: Sender = rosaSignal) => w.bot.handle({ sender: from, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(t.joined(['415']));
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return { w, signal };
}

describe('DELETE from one channel of someone on both with the same number', () => {
  it('by SMS: her Signal membership stays, and the reply is the one anyone on SMS gets, saying to send DELETE on Signal too', async () => {
    const { w } = await twins();
    w.sms(LONE, 'JOIN 415');
    const lone = w.sms(LONE, 'DELETE').reply;
    const reply = w.sms(ROSA, 'DELETE').reply;
    expect(reply).toBe(lone);
    expect(reply).toContain(ALSO_SIGNAL);
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })).toBeUndefined();
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('active');
  });

  it('over Signal: her SMS membership stays, and the reply is the one anyone on Signal gets, saying to text DELETE by SMS too', async () => {
    const { w, signal } = await twins();
    const loneSignal: Sender = { channel: 'signal', address: LONE_UUID };
    signal('JOIN 415', loneSignal);
    const lone = signal('DELETE', loneSignal);
    const reply = signal('DELETE');
    expect(reply).toBe(lone);
    expect(reply).toContain(ALSO_SMS);
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.status).toBe('active');
  });

  it('a number with no membership at all is answered the same', async () => {
    const { w } = await twins();
    expect(w.sms(LONE, 'DELETE').reply).toBe(w.sms(ROSA, 'DELETE').reply);
  });
});

describe('the new holder of a number her Signal account still shows (a recycled number)', () => {
  it('his DELETE by SMS erases nothing of hers and is answered as anyone’s', async () => {
    const { w } = await twins(); // her Signal account, then his JOIN by SMS from the number it shows
    const his = w.sms(ROSA, 'DELETE').reply;
    expect(findMember(w.db, w.vault, rosaSignal)?.status).toBe('active');
    const other = await botWorld();
    expect(his).toBe(other.sms(LONE, 'DELETE').reply);
  });
});

describe.each([['es'], ['fr'], ['pt']] as const)('in %s', (lang) => {
  it('the reply names the other channel, the same whatever exists', () => {
    const c = catalog(lang);
    expect(c.deleted('sms')).toContain('Signal');
    expect(c.deleted('signal')).toContain('SMS');
  });
});
