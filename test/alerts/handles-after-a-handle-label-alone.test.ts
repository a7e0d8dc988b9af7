/**
 * A handle with an underscore but not two letters each side of it ("j_smith") after a word that says it is a handle
 * ("his handle is j_smith", "username: j_smith", "su usuario es j_smith", "son pseudo c'est j_smith", "nome de
 * usuário: j_smith") was lost when no site was named: CHECK j_smith missed the report. A handle's label is enough;
 * still only words with an underscore, and "name" alone is no such label.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

describe('an underscore handle after a handle label with no site named', () => {
  it.each([
    ['his handle is j_smith', 'j_smith'],
    ['his username was j_smith', 'j_smith'],
    ['user name: j_smith', 'j_smith'],
    ['Username: ricky_', 'ricky_'],
    ['su usuario es j_smith', 'j_smith'],
    ['nombre de usuario: j_smith', 'j_smith'],
    ["son pseudo c'est j_smith", 'j_smith'],
    ["nom d'utilisateur : _rick_", '_rick_'],
    ['o usuário dele é j_smith', 'j_smith'],
    ['nome de usuário: j_smith', 'j_smith'],
  ])('%j names %j', (text, handle) => {
    expect(handles(text)).toEqual([handle]);
  });

  it('CHECK of the sentence looks the handle up', () => {
    expect(checkQueryGroups('his handle is j_smith')).toEqual([[{ kind: 'handle', value: 'j_smith' }]]);
  });

  it.each([
    'his handle is jsmith',
    'the name was _odd_',
    'his username is _totally fake_',
    'handle with care, j_s',
    "he couldn't handle _it_",
    'he said he would handle _everything_',
  ])('%j names none: "handle" is a verb too, a label only before ":" or "is"', (text) => {
    expect(handles(text)).toEqual([]);
  });
});
