/**
 * The answer to "which area?" (a sender with no area of her own texted JOIN). A polite word with the area ("LDN
 * thanks", "London please") was no answer: she was told the code she sent was none of the line's, or given the
 * hint, and a second miss ended the question unjoined. LANG there switched the language but counted as one of her
 * two tries (README: LANG changes the language "for the questions of a conversation already open").
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, exampleLine, type BotWorld } from '../helpers/bot-world';

const MOBILE = '+447911100020'; // a UK mobile: no area of its own
const UK_CODES = ['LDN', 'MAN', 'BHM', 'LDS', 'LIV', 'BRS', 'GLA', 'EDI', 'CDF', 'BEL'];

async function asked(): Promise<BotWorld> {
  const w = await botWorld({ regions: exampleLine('uk') });
  expect(w.sms(MOBILE, 'JOIN').reply).toBe(catalog('en').joinWhichAreaListed(UK_CODES));
  return w;
}

describe('the answer to the join question', () => {
  it.each(['LDN thanks', 'London please', 'London, thank you!', 'ok LDN', 'Londres por favor', 'hi, london pls'])('takes "%s" for London', async (answer) => {
    const w = await asked();
    expect(w.sms(MOBILE, answer).reply).toBe(catalog('en').joined(['LDN']));
  });

  it.each(['thanks', "I'm the man", 'LDN or MAN please', 'please call me back', 'london bridge please'])('joins no area for "%s"', async (answer) => {
    const w = await asked();
    expect(w.sms(MOBILE, answer).reply ?? '').not.toMatch(/alerts for/);
    w.sms(MOBILE, 'DROP');
    // She holds what a sender who never joined holds.
    expect(w.sms(MOBILE, 'AREAS').reply).toBe(w.sms('+447911100021', 'AREAS').reply);
  });

  it.each([
    ['JOIN LDN please', 'en'],
    ['JOIN London thanks', 'en'],
    ['UNIRSE Londres por favor', 'es'],
  ] as const)('takes "%s" in one message too', async (text, lang) => {
    const w = await botWorld({ regions: exampleLine('uk') });
    expect(w.sms(MOBILE, text).reply).toBe(catalog(lang).joined(['LDN']));
  });

  it('asks again in the new language after LANG, without using one of her two tries', async () => {
    const w = await asked();
    expect(w.sms(MOBILE, 'LANG FR').reply).toBe(catalog('fr').joinWhichAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'Londn').reply).toBe(catalog('fr').unknownAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(catalog('fr').joined(['LDN']));
  });
});
