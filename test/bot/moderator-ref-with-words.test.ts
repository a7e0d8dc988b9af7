/**
 * REJECT, BLOCK and RETRACT with words after the one reference: acted on when
 * no word after it could be a reference (references use no O, I, 0 or 1), else
 * refused saying what was wrong, nothing done: these cannot be undone.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
const MEMBER = '+14155550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const en = catalog('en');

async function world(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(MEMBER, 'JOIN 415');
  return w;
}

function report(w: BotWorld, text = 'REPORT 415 grey van, knife'): string {
  return /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, text).reply ?? '')?.[1] as string;
}

describe('a moderator decision with words after its reference', () => {
  it('BLOCK ref troll blocks: TROLL cannot be a reference', async () => {
    const w = await world();
    const ref = report(w);
    expect(w.sms(MOD, `BLOCK ${ref} troll`).reply).toBe(en.modBlockedDiscarded(`#${ref}`, 1));
    expect(w.sms(REPORTER, 'REPORT 415 more').reply).toBeNull();
  });

  it('REJECT ref, troll! rejects', async () => {
    const w = await world();
    const ref = report(w);
    expect(w.sms(MOD, `reject ${ref.toLowerCase()}, troll!`).reply).toBe(en.modRejected(`#${ref}`));
  });

  it('REJECT ref spam does nothing and says only the reference goes after it: SPAM could be one', async () => {
    const w = await world();
    const ref = report(w);
    const reply = w.sms(MOD, `REJECT ${ref} spam`).reply;
    expect(reply).toBe(en.modOneRef('REJECT'));
    expect(reply).toContain('no other words');
    expect(w.sms(MOD, 'PENDING').reply).toContain(`#${ref}`);
  });

  it('RETRACT ref wrong area does nothing and says so, in her language', async () => {
    const w = await world();
    const alert = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, 'ALERT 415 police sweep tonight').reply ?? '')?.[1] as string;
    w.sms(MOD, 'LANG ES');
    const reply = w.sms(MOD, `RETRACT ${alert} wrong area`).reply;
    expect(reply).toBe(catalog('es').modOneRef('RETRACT'));
    expect(reply).toContain('sin otras palabras');
    expect(w.sms(MOD, `RETRACT ${alert}`).reply).toContain(`#${alert}`);
    expect(w.sms(MOD, `RETRACT ${alert}`).reply).toBe(catalog('es').modAlreadyRetracted(`#${alert}`));
  });

  it.each(["M3P9's", 'm3p9.', 'and M3P9'])('REJECT ref %s does nothing: a second reference, with a possessive or punctuation, is no comment', async (after) => {
    const w = await world();
    const ref = report(w);
    expect(w.sms(MOD, `REJECT ${ref} ${after}`).reply).toBe(en.modOneRef('REJECT'));
    expect(w.sms(MOD, 'PENDING').reply).toContain(`#${ref}`);
  });

  it.each(['since 10pm', 'in 2019', 'his 7ABC12', 'x1000', '2nd time'])('RETRACT ref %s retracts: words with digits no reference could be are her comment', async (after) => {
    const w = await world();
    const ref = report(w);
    w.sms(MOD, `APPROVE ${ref}`);
    expect(w.sms(MOD, `RETRACT ${ref} ${after}`).reply).not.toBe(en.modOneRef('RETRACT'));
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(en.modAlreadyRetracted(`#${ref}`));
  });
});
