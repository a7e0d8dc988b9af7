/**
 * A link a phone wrote between curly quotes or guillemets is the link without them: the closing quote was read
 * as part of its path ("skipthegames.com/p/123%E2%80%9D"), so CHECK of the link as anyone writes it found nothing.
 */
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';

const links = (text: string) => identifiersIn(text, { country: 'US' }).filter((i) => i.kind === 'link').map((i) => i.value);

describe('a link between a phone’s quotes', () => {
  it.each([
    ['his ad “https://skipthegames.com/p/123” took my deposit'],
    ['his ad ‘skipthegames.com/p/123’ took my deposit'],
    ['son annonce «skipthegames.com/p/123» est fausse'],
  ])('%s names the link CHECK reads', (text) => {
    const checked = checkQueries('skipthegames.com/p/123').filter((i) => i.kind === 'link').map((i) => i.value);
    expect(links(text)).toEqual(checked);
    expect(checked).toEqual(['skipthegames.com/p/123']);
  });
});

describe('an apostrophe inside a link, and quotes copied with one', () => {
  it("keeps a link's own apostrophe: o’neil and o’brien are two links, as CHECK reads them", () => {
    const oneil = links('his ad tryst.link/escort/o’neil is fake');
    expect(oneil).toEqual(checkQueries('tryst.link/escort/o’neil').filter((i) => i.kind === 'link').map((i) => i.value));
    expect(oneil).not.toEqual(links('his ad tryst.link/escort/o’brien is fake'));
  });

  it('finds the link when CHECK copies its quotes too', () => {
    const checked = checkQueries('skipthegames.com/p/123”').filter((i) => i.kind === 'link').map((i) => i.value);
    expect(checked).toEqual(links('his ad “https://skipthegames.com/p/123” took my deposit'));
  });
});
