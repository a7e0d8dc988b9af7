/**
 * The notice that a late OK's word reached none of her buddies speaks of one
 * buddy in the singular where the language marks it ("Prévenez-le", not
 * "Prévenez-les", to one contact): read as several, she may think others
 * were not told either.
 */
import { catalog } from '../../src/bot/catalog';

const singular = { es: 'Avisale tu misma', fr: 'Prévenez-le', pt: 'esteja preocupado' } as const;
const plural = { es: 'Avisales tu misma', fr: 'Prévenez-les', pt: 'estejam preocupados' } as const;

describe.each(Object.keys(singular) as Array<keyof typeof singular>)('in %s', (lang) => {
  const t = catalog(lang);
  it('one buddy: singular', () => {
    expect(t.checkinOkUnreached(1)).toContain(singular[lang]);
    expect(t.checkinOkUnreached(1)).not.toContain(plural[lang]);
  });
  it('several: plural', () => {
    expect(t.checkinOkUnreached(2)).toContain(plural[lang]);
  });
  it('discreet, one buddy: singular where the pronoun shows it', () => {
    if (lang === 'pt') expect(t.discreetOkUnreached(1)).toContain('ao seu contato');
    else expect(t.discreetOkUnreached(1)).toContain(singular[lang].split(' ')[0]);
    expect(t.discreetOkUnreached(2)).not.toBe(t.discreetOkUnreached(1));
  });
});
