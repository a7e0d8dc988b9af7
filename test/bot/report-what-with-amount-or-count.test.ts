/**
 * The answer to "what happened" picks categories by its numbers; an amount, a
 * duration or a count written beside them ("3 $50", "7 15 min", "8 x2") picks
 * none: its digits would add categories she never picked (5: threats).
 */
import { catalog } from '../../src/bot/catalog';
import { categoriesOf } from '../../src/bot/report-dialogue';
import { MOD, MEMBER, reportWorld } from '../helpers/report-world';

describe('the answer to "what happened" with an amount, a duration or a count in it', () => {
  it.each([
    ['3 $50', ['robbery']],
    ['3 $200', ['robbery']],
    ['3, $200', ['robbery']],
    ['3 50$', ['robbery']],
    ['3 €45', ['robbery']],
    ['3 R$150', ['robbery']],
    ['3 £60', ['robbery']],
    ['7 15 min', ['time-waster']],
    ['7 20 min', ['time-waster']],
    ['7 45 minutos', ['time-waster']],
    ['7 2 hours', ['time-waster']],
    ['7 2 heures', ['time-waster']],
    ['8 x2', ['no-show']],
    ['8 2x', ['no-show']],
    ['8 2 times', ['no-show']],
    ['8, 3 veces', ['no-show']],
    ['1 3 times', ['violence']],
    ['3 1/2', ['robbery']],
    ['7 x 2', ['time-waster']],
    ['8 x 3', ['no-show']],
    ['8 X3', ['no-show']],
    ['8 × 2', ['no-show']],
    ['8 2 x', ['no-show']],
  ])('%j picks only what she picked', (text, picked) => {
    expect(categoriesOf(text)).toEqual(picked);
  });

  it.each([['$50'], ['15 min'], ['x2'], ['x 2']])('%j alone picks none: the question is asked again', (text) => {
    expect(categoriesOf(text)).toBeNull();
  });

  it.each([
    ['1 3', ['violence', 'robbery']],
    ['1,3', ['violence', 'robbery']],
    ['1, 3.', ['violence', 'robbery']],
    ['1 and 3', ['violence', 'robbery']],
    ['1 et 3', ['violence', 'robbery']],
    ['13', ['violence', 'robbery']],
    ['1-3', ['violence', 'robbery']],
    ['2 at 10pm', ['sexual-assault']],
    ['1 3!', ['violence', 'robbery']],
    ['2 and 5?', ['sexual-assault', 'threats']],
    ['1 y 3…', ['violence', 'robbery']],
    ['3?!', ['robbery']],
  ])('%j still picks its categories', (text, picked) => {
    expect(categoriesOf(text)).toEqual(picked);
  });

  it('files "3 $200" as a robbery, with no sexual assault in the alert a moderator is shown', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '3 $200']) w.sms(MEMBER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MEMBER, 'DONE').reply ?? '')![1]!;
    const shown = w.sms(MOD, `SHOW ${ref}`).reply ?? '';
    expect(shown).toContain(catalog('en').categoryNames(['robbery']));
    expect(shown).not.toContain(catalog('en').categoryNames(['sexual-assault']));
  });

  it('files "7 x 2" (a time-waster, twice) as a time-waster, with no sexual assault in it', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '7 x 2']) w.sms(MEMBER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MEMBER, 'DONE').reply ?? '')![1]!;
    const shown = w.sms(MOD, `SHOW ${ref}`).reply ?? '';
    expect(shown).toContain(catalog('en').categoryNames(['time-waster']));
    expect(shown).not.toContain(catalog('en').categoryNames(['sexual-assault']));
  });
});
