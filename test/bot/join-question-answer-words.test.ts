/**
 * The answer to "which area?" (a sender with no area of her own texted JOIN). A polite word with the area's code
 * ("LDN thanks", "ok LDN") was no answer: she was told the code she sent was none of the line's, or given the
 * hint, and a second miss ended the question unjoined. Past the courtesy words only codes written as codes count:
 * a name there joined people to areas they never meant ("thanks man" to Manchester, "hey Austin" to 512/737).
 * LANG there switched the language but counted as one of her two tries (README: LANG changes the language "for
 * the questions of a conversation already open"); and it made a stranger a member.
 */
import { catalog } from '../../src/bot/catalog';
import { lineExamples } from '../../src/bot/line-examples';
import { botWorld, exampleLine, type BotWorld } from '../helpers/bot-world';

const MOBILE = '+447911100020'; // a UK mobile: no area of its own
const UK_CODES = ['LDN', 'MAN', 'BHM', 'LDS', 'LIV', 'BRS', 'GLA', 'EDI', 'CDF', 'BEL'];
// HELP on this line gives its own examples (JOIN LDN).
const UK_EXAMPLES = lineExamples(exampleLine('uk'));

async function asked(): Promise<BotWorld> {
  const w = await botWorld({ regions: exampleLine('uk') });
  expect(w.sms(MOBILE, 'JOIN').reply).toBe(catalog('en').joinWhichAreaListed(UK_CODES));
  return w;
}

describe('the answer to the join question', () => {
  it.each(['LDN thanks', 'LDN, thank you!', 'ok LDN', 'LDN por favor', 'hi, LDN pls', 'london', 'LDN'])('takes "%s" for London', async (answer) => {
    const w = await asked();
    expect(w.sms(MOBILE, answer).reply).toBe(catalog('en').joined(['LDN']));
  });

  it.each([
    'thanks',
    "I'm the man",
    'LDN or MAN please',
    'please call me back',
    'london bridge please',
    'thanks man',
    'ok man',
    'cheers man',
    'hey man',
    'London please',
    'Londres por favor',
    'ldn thanks',
  ])('joins no area for "%s"', async (answer) => {
    const w = await asked();
    expect(w.sms(MOBILE, answer).reply ?? '').not.toMatch(/alerts for/);
    w.sms(MOBILE, 'DROP');
    // She holds what a sender who never joined holds.
    expect(w.sms(MOBILE, 'AREAS').reply).toBe(w.sms('+447911100021', 'AREAS').reply);
  });

  // JOIN's words reach it in capitals ("JOIN ok man" reads as OK MAN): which are codes as she typed them is not known.
  it.each([
    ['JOIN ok man', 'en'],
    ['JOIN LDN please', 'en'],
    ['JOIN London thanks', 'en'],
    ['UNIRSE Londres por favor', 'es'],
  ] as const)('joins no area for "%s" in one message, and asks which', async (text, lang) => {
    const w = await botWorld({ regions: exampleLine('uk') });
    expect(w.sms(MOBILE, text).reply).toBe(catalog(lang).unknownAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(catalog(lang).joined(['LDN']));
  });

  it('joins no area for "JOIN ok man" as the answer to the question', async () => {
    const w = await asked();
    expect(w.sms(MOBILE, 'JOIN ok man').reply ?? '').not.toMatch(/alerts for/);
  });

  it.each(['thanks austin', 'hey Austin', 'ok dallas', 'hi Portland', 'JOIN thanks austin'])('on a North American line, joins no area for "%s"', async (answer) => {
    const w = await botWorld();
    w.sms(MOBILE, 'JOIN');
    expect(w.sms(MOBILE, answer).reply ?? '').not.toMatch(/alerts for/);
    w.sms(MOBILE, 'DROP');
    expect(w.sms(MOBILE, 'AREAS').reply).toBe(w.sms('+447911100021', 'AREAS').reply);
  });

  it.each(['415 please', 'ok 415', 'thanks 415 628'])('on a North American line, takes "%s" by its codes', async (answer) => {
    const w = await botWorld();
    w.sms(MOBILE, 'JOIN');
    expect(w.sms(MOBILE, answer).reply).toBe(catalog('en').joined(answer.includes('628') ? ['415', '628'] : ['415']));
  });

  it.each(['JOIN 415 please', 'join 415 thanks', 'UNIRSE 415 por favor'])('on a North American line, joins "%s" in one message by its code', async (text) => {
    const w = await botWorld();
    expect(w.sms('+12125550190', text).reply).toBe(catalog(text.startsWith('UNIRSE') ? 'es' : 'en').joined(['415']));
  });

  it('asks again in the new language after LANG, without using one of her two tries', async () => {
    const w = await asked();
    expect(w.sms(MOBILE, 'LANG FR').reply).toBe(catalog('fr').joinWhichAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'Londn').reply).toBe(catalog('fr').unknownAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(catalog('fr').joined(['LDN']));
    // She joined in the language she chose: her later commands are answered in it.
    expect(w.sms(MOBILE, 'INFO').reply).toBe(catalog('fr').help(UK_EXAMPLES));
  });

  it.each(['LANG FR please', 'LANG FR 🙏'])('takes "%s" there as LANG FR, the words after it aside', async (text) => {
    const w = await asked();
    expect(w.sms(MOBILE, text).reply).toBe(catalog('fr').joinWhichAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'Londn').reply).toBe(catalog('fr').unknownAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(catalog('fr').joined(['LDN']));
  });

  it('lists the languages and asks again after a bare LANG, without using one of her two tries', async () => {
    const w = await botWorld({ regions: exampleLine('uk') });
    expect(w.sms(MOBILE, 'REJOINDRE').reply).toBe(catalog('fr').joinWhichAreaListed(UK_CODES));
    const fr = catalog('fr');
    expect(w.sms(MOBILE, 'LANG').reply).toBe(`${fr.badLang(['EN', 'ES', 'FR', 'PT'])} ${fr.joinWhichAreaListed(UK_CODES)}`);
    expect(w.sms(MOBILE, 'bonjour').reply).toBe(fr.unknownAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(fr.joined(['LDN']));
  });

  it('keeps nothing of a stranger who sends LANG there and drops the question', async () => {
    const w = await asked();
    const members = () => w.db.sqlite.prepare('SELECT count(*) AS n FROM members').get();
    const before = members();
    expect(w.sms(MOBILE, 'LANG FR').reply).toBe(catalog('fr').joinWhichAreaListed(UK_CODES));
    w.sms(MOBILE, 'DROP');
    expect(members()).toEqual(before);
  });

  it("sets a member's own language when she sends LANG there", async () => {
    const w = await botWorld({ regions: exampleLine('uk') });
    w.sms(MOBILE, 'JOIN LDN');
    expect(w.sms(MOBILE, 'JOIN Londn').reply).toBe(catalog('en').unknownAreaListed(UK_CODES));
    expect(w.sms(MOBILE, 'LANG FR').reply).toBe(catalog('fr').joinWhichAreaListed(UK_CODES));
    w.sms(MOBILE, 'DROP');
    expect(w.sms(MOBILE, 'INFO').reply).toBe(catalog('fr').help(UK_EXAMPLES));
  });
});
