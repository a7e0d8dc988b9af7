/**
 * A handle with an underscore but not two letters each side of it ("j_smith", "ricky_") after a handle's label worded
 * other than "is"/"es"/"est"/"é" ("his snap was j_smith", "his instagram handle is j_smith", "snap username:
 * j_smith") was lost: CHECK j_smith missed the report. The label may be followed by a word for the account
 * (handle, username, name, nombre, compte, nome…), a possessive ("dele") and another linking word (was, era, c'est,
 * foi); only words with an underscore are ever read so.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

describe('an underscore handle after a label and its wording', () => {
  it.each([
    ['his snap was j_smith', 'j_smith'],
    ['his instagram handle is j_smith', 'j_smith'],
    ['snap username: j_smith', 'j_smith'],
    ['his IG name is ricky_', 'ricky_'],
    ['su insta era j_smith', 'j_smith'],
    ["son insta c'est j_smith", 'j_smith'],
    ['o insta dele é j_smith', 'j_smith'],
    ['su usuario de insta es j_smith', 'j_smith'],
    ['his tiktok account: _rick_', '_rick_'],
  ])('%j names %j', (text, handle) => {
    expect(handles(text)).toEqual([handle]);
  });

  it.each(['the name was _odd_', 'his car was j_s', 'he said _nothing_ about it'])(
    '%j names none: the wording counts only after a handle label',
    (text) => {
      expect(handles(text)).toEqual([]);
    },
  );
});
