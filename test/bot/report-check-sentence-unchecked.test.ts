/**
 * A CHECK of a sentence of more than five identifiers looked up the first
 * five and answered "no alerts name that" though the sixth, in an approved
 * alert, was never looked up. Where some were left unchecked and none of
 * those checked is named, the reply says so, in her language.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const SIX = 'CHECK 415-555-0171, 415-555-0172, 415-555-0173, 415-555-0174, 415-555-0175 and plate ABC123';

async function world(): Promise<BotWorld> {
  const w = await reportWorld();
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, grey Honda plate ABC123'))?.[1] ?? 'none';
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return w;
}

describe('CHECK of a sentence naming more than five identifiers', () => {
  it('does not answer "no alerts name that" when the sixth was never looked up: it says the others were not checked', async () => {
    const w = await world();
    const reply = say(w, MEMBER, SIX);
    expect(reply).not.toBe(t.checkNone());
    expect(reply).toMatch(/^Heads Up: checked the first 5: no alerts name them\. The others were not checked/);
  });

  it('says so in her language', async () => {
    const w = await world();
    expect(say(w, MEMBER, 'LANG es')).toMatch(/espa/i);
    expect(say(w, MEMBER, SIX.replace('CHECK', 'VERIFICAR'))).toMatch(/primeros 5/);
  });

  it('names the match as ever when one of the first five is in an alert', async () => {
    const w = await world();
    const reply = say(w, MEMBER, 'CHECK plate ABC123, 415-555-0171, 415-555-0172, 415-555-0173, 415-555-0174 and 415-555-0175');
    expect(reply).toMatch(/^Heads Up: ABC123 is in 1 alert/);
  });
});
