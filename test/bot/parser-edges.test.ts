/** Parser cases the mutation run showed no test held: stray punctuation tokens, the text cap, where free text starts. */
import { MAX_TEXT, parse } from '../../src/bot/parser';
import { isStopRequest } from '../../src/bot/stop-phrases';

describe('parse, at the edges', () => {
  it('skips tokens that are only punctuation before the keyword', () => {
    expect(parse('-- JOIN 415')).toMatchObject({ ok: true, command: { kind: 'join', areas: ['415'] }, keyword: 'JOIN' });
    expect(parse('— # report 415 grey van')).toMatchObject({ ok: true, command: { kind: 'report', areas: ['415'], text: 'grey van' } });
  });

  it('ignores punctuation-only tokens between areas', () => {
    expect(parse('JOIN 415 , 628')).toMatchObject({ ok: true, command: { kind: 'join', areas: ['415', '628'] } });
    expect(parse('LEAVE 415.')).toMatchObject({ ok: true, command: { kind: 'leave', areas: ['415'] } });
  });

  it('splits area tokens on any punctuation but keeps hyphens in region names', () => {
    expect(parse('JOIN 415,,628')).toMatchObject({ ok: true, command: { kind: 'join', areas: ['415', '628'] } });
    expect(parse('JOIN bay-area,415')).toMatchObject({ ok: true, command: { kind: 'join', areas: ['BAY-AREA', '415'] } });
    // A leading # survives normalisation: splitting leaves an empty part that must not become an area.
    expect(parse('JOIN #415')).toMatchObject({ ok: true, command: { kind: 'join', areas: ['415'] } });
  });

  it('takes only whole three-digit area codes before a report text', () => {
    expect(parse('REPORT 4150 grey van')).toMatchObject({ ok: true, command: { areas: [], text: '4150 grey van' } });
    expect(parse('REPORT 41 grey van')).toMatchObject({ ok: true, command: { areas: [], text: '41 grey van' } });
    expect(parse('REPORT 415,,628 grey van')).toMatchObject({ ok: true, command: { areas: ['415', '628'], text: 'grey van' } });
    // One part that is not an area code ends the areas: the whole token belongs to the text.
    expect(parse('REPORT 415,van grey')).toMatchObject({ ok: true, command: { areas: [], text: '415,van grey' } });
  });

  it('cuts free text where its first word starts, not earlier or later', () => {
    expect(parse('REPORT   415   grey  van ')).toMatchObject({ command: { text: 'grey  van' } });
    expect(parse('CHECK   (415) 555-0100 ')).toMatchObject({ command: { kind: 'check', query: '(415) 555-0100' } });
    expect(parse('EDIT #K7Q2   new  text ')).toMatchObject({ command: { kind: 'edit', text: 'new  text' } });
  });

  it(`reads at most ${MAX_TEXT} characters`, () => {
    const filler = 'x'.repeat(MAX_TEXT - 'REPORT '.length - 1);
    // Exactly MAX_TEXT characters: kept whole.
    expect(parse(`REPORT ${filler}y`)).toMatchObject({ command: { text: `${filler}y` } });
    // One more: the last character is cut.
    expect(parse(`REPORT ${filler}yz`)).toMatchObject({ command: { text: `${filler}y` } });
  });

  it('calls a plain-language opt-out not an exact keyword', () => {
    expect(parse('please stop texting me')).toMatchObject({ ok: true, command: { kind: 'stop' }, exactKeyword: false });
  });
});

describe('plain-language opt-outs, anchored where they must be', () => {
  const words = (s: string) => s.split(' ');

  it('reads NO MAS and BASTA only at the start of a message', () => {
    expect(isStopRequest(words('NO MAS'))).toEqual({ lang: 'es' });
    expect(isStopRequest(words('BASTA'))).toEqual({ lang: 'es' });
    expect(isStopRequest(words('EL NO MAS ME PEGO'))).toBeNull();
    expect(isStopRequest(words('EL DIJO BASTA Y ME PEGO'))).toBeNull();
  });
});
