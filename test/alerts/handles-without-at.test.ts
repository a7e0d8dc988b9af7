/**
 * A handle written without its "@" in a sentence ("his insta is rick_sf")
 * was read nowhere. Ordinary words never hold an underscore, so a word that
 * does is read as a handle; a word without one is left as a word: "rickysf"
 * cannot be told from "tonight" or "Rick", and a false handle in an alert
 * reads as a match for whoever has it.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

describe('a handle without its "@" in a sentence', () => {
  it.each([
    ['his insta is rick_sf, calls himself Rick', ['rick_sf']],
    ['goes by Rick_SF99 on twitter', ['rick_sf99']],
    ['snap: _rickysf_ and ig @rick.sf', ['_rickysf_', 'rick.sf']],
    ['el ig es rick_sf.', ['rick_sf']],
  ])('%j names %j', (text, values) => {
    expect(handles(text)).toEqual(values);
  });

  it.each([
    "grabbed my arm, didn't pay, said he'd be back tonight. Tall, beard, calls himself Rick, e.g. rickysf on insta",
    'Mary-Jane at the motel, 5th floor, 10pm, approx. 45 years old',
    'mail rick_sf@gmail.com',
    'eros.com/rick_sf',
    'a line of ____ then nothing, _ alone',
  ])('%j names no handle but those written as addresses', (text) => {
    expect(handles(text)).toEqual([]);
  });
});

describe('underscores that are no handle: WhatsApp italics and emoticons', () => {
  it.each([
    'he was _very_ aggressive, choked me',
    '_he was drunk_ and _rude_, 415 555 0144',
    'me dijo que _nunca_ paga',
    'il était _vraiment_ violent',
    'he wanted it bare o_O then got angry T_T',
    'kind of _weird_ about money',
  ])('%j names no handle', (text) => {
    expect(handles(text)).toEqual([]);
  });

  it.each([
    ['insta _rickysf_ and snap rick_sf', ['_rickysf_', 'rick_sf']],
    ['his tiktok is _rick_', ['_rick_']],
    ['OF: _ricky_', ['_ricky_']],
  ])('%j names %j: a word wrapped in underscores after a handle label', (text, values) => {
    expect(handles(text)).toEqual(values);
  });
});

describe('a handle with one or two characters beside its underscore', () => {
  it.each([
    ['he goes by dj_rick on insta', ['dj_rick']],
    ['his onlyfans is of_ricky', ['of_ricky']],
    ['ab_cd choked me', ['ab_cd']],
  ])('%j names %j: two letters or digits each side of the underscore are enough', (text, values) => {
    expect(handles(text)).toEqual(values);
  });

  it.each([
    ['his insta is j_smith', ['j_smith']],
    ['ig: ab_c', ['ab_c']],
    ['snap: x_ricky_x', ['x_ricky_x']],
    ['his snap is ricky_', ['ricky_']],
  ])('%j names %j: after a handle label any word with an underscore and a letter or digit is one', (text, values) => {
    expect(handles(text)).toEqual(values);
  });

  it.each([
    'sent you IMG_2034.jpg of his car',
    'see Screenshot_20240312 for his ad',
    'his insta is in VID_20240312_101500.mp4',
    'ig: PXL_20240312_123456789.jpg',
    'ig: ___',
  ])('%j names no handle: a file name as the phone names it is none', (text) => {
    expect(handles(text)).toEqual([]);
  });
});
