/**
 * The words the line reads as commands where a member may type an area: a
 * guided report's SKIP, BACK, DONE and CANCEL in every language its questions
 * advertise, LEAVE's ALL, and every language's keywords. The start warns of an
 * area coded or named so (areas-file.ts), naming what the word means.
 */
import { commandWordMeaning } from '../../src/bot/control-words';

describe('commandWordMeaning', () => {
  it.each([
    ['SKIP', 'SKIP'],
    ['NEXT', 'SKIP'],
    ['SALTAR', 'SKIP'],
    ['PASAR', 'SKIP'],
    ['OMITIR', 'SKIP'],
    ['PASSER', 'SKIP'],
    ['PULAR', 'SKIP'],
    ['BACK', 'BACK'],
    ['ATRAS', 'BACK'],
    ['VOLVER', 'BACK'],
    ['RETOUR', 'BACK'],
    ['VOLTAR', 'BACK'],
    ['DONE', 'DONE'],
    ['SEND', 'DONE'],
    ['LISTO', 'DONE'],
    ['ENVIAR', 'DONE'],
    ['ENVOYER', 'DONE'],
    ['CANCEL', 'CANCEL'],
    ['CANCELAR', 'CANCEL'],
    ['DROP', 'CANCEL'],
    ['DESCARTAR', 'CANCEL'],
    ['ANNULER', 'CANCEL'],
  ])("%s is a guided report's %s", (word, control) => {
    expect(commandWordMeaning(word)).toBe(`a guided report's ${control}`);
  });

  it.each(['ALL', 'TODOS', 'TOUT', 'TUDO'])("%s is LEAVE's and APPROVE's word for every area", (word) => {
    expect(commandWordMeaning(word)).toBe("LEAVE's and APPROVE's word for every area");
  });

  it('names a keyword of any language with what it does', () => {
    expect(commandWordMeaning('END')).toBe('the keyword END (stop)');
    expect(commandWordMeaning('DISCRETO')).toBe('the keyword DISCRETO (discreet)');
    expect(commandWordMeaning('DISCRET')).toBe('the keyword DISCRET (discreet)');
  });

  it('is none for a word that is no command, a place name, or a name only an object inherits', () => {
    expect(commandWordMeaning('OAKLAND')).toBeNull();
    expect(commandWordMeaning('415')).toBeNull();
    expect(commandWordMeaning('constructor')).toBeNull();
    expect(commandWordMeaning('toString')).toBeNull();
  });
});
