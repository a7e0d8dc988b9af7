/**
 * The answer to "what happened" picks categories by their digits ("1 3",
 * "13"); a time written with it ("2 at 10pm", "3 20:30") added the time's
 * digits as categories (violence, sexual assault) the member never picked.
 */
import { categoriesOf } from '../../src/bot/report-dialogue';

describe('the answer to "what happened" with a time in it', () => {
  it.each([
    ['2 at 10pm', ['sexual-assault']],
    ['2 at 10 pm', ['sexual-assault']],
    ['3 20:30', ['robbery']],
    ['3, 22h', ['robbery']],
    ['4 22h30', ['condom']],
    ['5 9 p.m.', ['threats']],
  ])('%j picks only the categories', (text, picked) => {
    expect(categoriesOf(text)).toEqual(picked);
  });

  it.each([
    ['2 at 11', ['sexual-assault']],
    ['2 a las 11', ['sexual-assault']],
    ['2 a la 1', ['sexual-assault']],
    ['3 às 11', ['robbery']],
    ['3 as 11', ['robbery']],
    ['3 à 11', ['robbery']],
    ['3 vers 11', ['robbery']],
    ['1 around 9', ['violence']],
    ['1 about 9', ['violence']],
    ['1 approx 9', ['violence']],
    ['2 AT 11', ['sexual-assault']],
    ['2 around 10pm', ['sexual-assault']],
    ['3 às 21:15', ['robbery']],
  ])('%j, a time with no am, pm or h after its word, picks only the category', (text, picked) => {
    expect(categoriesOf(text)).toEqual(picked);
  });

  it.each([['at 10pm'], ['20:30']])('%j alone picks none: the question is asked again', (text) => {
    expect(categoriesOf(text)).toBeNull();
  });

  it.each([
    ['1 3', ['violence', 'robbery']],
    ['13', ['violence', 'robbery']],
    ['1 y 3', ['violence', 'robbery']],
    ['1,3', ['violence', 'robbery']],
    ['1 e 3', ['violence', 'robbery']],
    ['9', ['other']],
  ])('%j still picks its categories', (text, picked) => {
    expect(categoriesOf(text)).toEqual(picked);
  });
});
