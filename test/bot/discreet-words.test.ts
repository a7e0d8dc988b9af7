/**
 * The words after DISCREET, as the parser reads a message: an on or off word
 * in any of the four languages sets that state, politeness beside it changes
 * nothing, "mode" is the keyword still; bare DISCREET toggles; anything else
 * (a word not read, emoji or marks alone) leaves it as it stands.
 */
import type { Command } from '../../src/bot/commands';
import { discreetCommandOf } from '../../src/bot/discreet-words';
import { commandOf } from '../helpers/parsed';

const wanting = (wants?: 'on' | 'off' | 'unclear'): Command => (wants ? { kind: 'discreet', wants } : { kind: 'discreet' });

describe('the words after DISCREET', () => {
  it.each([
    ['DISCREET ENABLED', 'on'],
    ['discreet activated', 'on'],
    ['DISCREET ACTIVE', 'on'],
    ['discreto activado', 'on'],
    ['DISCRETA ACTIVADA', 'on'],
    ['discreto activados', 'on'],
    ['DISCRET ACTIVÉES', 'on'],
    ['discreto ativado', 'on'],
    ['DISCRETO LIGADAS', 'on'],
    ['discreet disabled', 'off'],
    ['DISCREET DEACTIVATED', 'off'],
    ['discreto desactivada', 'off'],
    ['DISCRET DÉSACTIVÉES', 'off'],
    ['discreto desativado', 'off'],
    ['DISCRETO DESLIGADAS', 'off'],
  ] as const)('%s sets it %s', (text, wants) => {
    expect(commandOf(text)).toEqual(wanting(wants));
  });

  it.each([
    ['discreet mode on', 'on'],
    ['DISCRETO MODO DESLIGADO', 'off'],
    ['discreet on please', 'on'],
    ['DISCREET OFF PLS', 'off'],
    ['discreet on plz', 'on'],
    ['DISCRET ACTIVER SVP', 'on'],
    ['discreto si por favor', 'on'],
    ['DISCRETO SIM PF', 'on'],
    ['discreto nao pfv', 'off'],
  ] as const)('%s: "mode" and politeness beside an on or off word set it %s', (text, wants) => {
    expect(commandOf(text)).toEqual(wanting(wants));
  });

  it.each(['DISCREET', 'discreet mode', 'DISCRETO MODO', '  discreet  ', 'discreet   mode'])('%j alone toggles', (text) => {
    expect(commandOf(text)).toEqual(wanting());
  });

  it.each(['discreet pls', 'DISCRETO POR FAVOR', 'discreet on off', 'DISCREET ON TOMORROW', 'discreet 👍', 'DISCREET MODE ✅', 'discreet  ?'])(
    '%j says neither, and changes nothing',
    (text) => {
      expect(commandOf(text)).toEqual(wanting('unclear'));
    },
  );

  it('reads the words as the parser hands them over, and the message as written', () => {
    expect(discreetCommandOf([], 'DISCREET')).toEqual(wanting());
    expect(discreetCommandOf(['MODE'], 'discreet mode')).toEqual(wanting());
    expect(discreetCommandOf([], 'DISCREET 👍')).toEqual(wanting('unclear'));
    expect(discreetCommandOf(['ON', 'PLEASE'], 'discreet on please')).toEqual(wanting('on'));
    expect(discreetCommandOf(['PLEASE', 'OFF'], 'discreet please off')).toEqual(wanting('off'));
  });
});
