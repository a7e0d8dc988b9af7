/**
 * parse(): plain-language opt-outs. What reads as STOP (or as ending a
 * check-in), and what mentions stop without being one.
 */
import type { Lang } from '../../src/bot/commands';
import { parse } from '../../src/bot/parser';
import { commandOf, errorOf } from '../helpers/parsed';

describe('parse', () => {
  describe('plain-language opt-outs', () => {
    it.each([
      ['please stop texting me', 'en'],
      ['Stop texting me please', undefined],
      ['remove me', 'en'],
      ["don't text me", 'en'],
      ['Don\u2019t text me', 'en'],
      ['Leave me alone', 'en'],
      ['leave me alone!!', 'en'],
      ['no more messages', 'en'],
      ['No más!', 'es'],
      ['no mas', 'es'],
      ['dejen de escribirme', 'es'],
      ['quítame de la lista', 'es'],
      // LEAVE's own word, of the whole list: not areas named "DE", "LA" and "LISTA".
      ['Salir de la lista', 'es'],
      ['Quitter la liste', 'fr'],
      ['Sair da lista', 'pt'],
      ['Quero sair', 'pt'],
      // Hyphenated, as phones and forms write it.
      ['Opt-out', 'en'],
      ['opt-out.', 'en'],
      ['please opt-out me', 'en'],
      // Two languages' words joined, either way round.
      ['ALTO/STOP', 'es'],
      // STOP, which every language writes, sets none.
      ['STOP/ALTO', undefined],
      ['ALTO!STOP', 'es'],
      ['No quiero más mensajes', 'es'],
      ['no quiero recibir mas mensajes', 'es'],
      ['Paren de mandar mensajes', 'es'],
      ['Para de escribirme', 'es'],
      ['Por favor, paren de enviar alertas', 'es'],
      // Wanting no messages, with nothing after but politeness.
      ['No quiero más mensajes, gracias', 'es'],
      ['ya no quiero recibir mensajes por favor', 'es'],
      // Shortened as phones write them.
      ['Ya no quiero recibir msjs', 'es'],
      ['no quiero recibir mas msj gracias', 'es'],
      ['ya no quiero recibir sms', 'es'],
      // The singular imperative alone (or with politeness): it can only mean stop. PARE is Portuguese too.
      ['Pare', undefined],
      ['Pare por favor', undefined],
      ['Paren', 'es'],
      ['Paren ya', 'es'],
    ] as Array<[string, Lang | undefined]>)('reads %j as STOP', (input, lang) => {
      const p = parse(input);
      expect(p).toMatchObject({ ok: true, command: { kind: 'stop' } });
      expect(p.lang).toBe(lang);
    });

    it.each([
      ["he wouldn't stop"],
      ['he did not stop at the light'],
      ['ya no tengo saldo'],
      ['deja de llover'],
      ['bus stop on 5th'],
      // PARA is also "for" and "he stops": only an opening "para de escribir/mandar…" asks us.
      ['lo vi en la parada de bus'],
      ['para de noche'],
      ['el no para de escribirme'],
      ['me dijo que no para de mandar fotos'],
      ['no quiero mas problemas con el'],
      // Not wanting messages from someone, or of some kind: not a request to stop everything.
      ['No quiero alertas de 858'],
      ['no quiero mensajes de él'],
      ['Le dije que no quiero mensajes suyos'],
      ['No quiero textos de clientes'],
      ['ya no quiero mensajes de ese tipo'],
      ['no quiero recibir msjs de ese cliente'],
      ['ya no quiero recibir sms de el'],
      // The singular opening a longer sentence.
      ['Pare en la esquina'],
      ['Paren el carro'],
    ])(
      'does not read %j, which mentions stopping but asks nothing of us, as an opt-out',
      (input) => {
        expect(errorOf(input)).toMatchObject({ error: 'unknown' });
      },
    );

    // END, CANCEL, QUIT, ALTO, PARAR, ARRÊT are everyday words too: STOP alone, with politeness, or in a request.
    it.each([['END'], ['Cancel!'], ['quit please'], ['ALTO por favor'], ['Parar'], ['Arrêt svp'], ['Cancel, stop texting me'], ['Quit texting me'], ['cancel all alerts please'], ['END STOP']])(
      'reads %j, a stop word that is an everyday word too, alone or asking to stop, as STOP',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'stop' });
      },
    );

    // Opening anything else they stay STOP: a request not honoured ("cancel me", "quit sending me this") keeps texts
    // coming to a phone others may read; an unwanted STOP is told at once, and START undoes it.
    it.each([['QUIT SENDING ME THIS'], ['cancel me'], ['cancel my membership'], ['end msgs'], ['quit txting me'], ['cancel pls thank u'], ['parar de mandar mensajes'], ['parar as mensagens'], ["Arrêter d'envoyer des messages"], ['End of my shift, all good']])(
      'reads %j, opening with such a word, as STOP',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'stop' });
      },
    );

    // OK, OKAY and YES, keywords alone (a check-in's OK, a JOIN), before a request: the request.
    it.each([['ok stop texting me'], ['OK please stop texting me'], ['okay unsubscribe me'], ['ok leave me alone'], ['yes please stop texting me'], ['Yes, unsubscribe']])(
      'reads %j, a request after OK or YES, as STOP',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'stop' });
      },
    );

    // Out of a question, STOP opening the message after courtesy or asking is enough, as it is alone.
    // STOP is every language's word: it sets none ("merci stop" leaves a French member in French).
    it.each([['merci stop'], ['hey stop'], ['could you stop'], ['thank you, stop']])('reads %j, STOP after courtesy, as STOP in no language', (input) => {
      const p = parse(input);
      expect(p.ok && p.command.kind === 'stop' ? p.lang ?? 'none' : 'not STOP').toBe('none');
    });

    // After courtesy or asking, STOP with anything but politeness or the line's messages is about something else;
    // NO, SO, OMG, SORRY, "I need to" are no courtesy before it; alerts of an area are LEAVE's.
    it.each([
      ['i need to stop seeing this guy he is dangerous'],
      ['omg stop he is at my door'],
      ['omg stop'],
      ['no stop that guy is bad news'],
      ['can you stop him'],
      ['i want to stop the timer'],
      ['can you stop the alerts for 415 only'],
      ['hey can you stop the alert going to my buddy'],
      ['ok no more alerts for 628'],
      ['no more alerts for 628'],
    ])('does not read %j as STOP', (input) => {
      const p = parse(input);
      expect(p.ok && p.command.kind === 'stop').toBe(false);
    });

    // Not OK or YES before anything else.
    it.each([['ok so he stopped at the light', 'ok'], ['ok so he said stop texting me and hit me', 'ok'], ['ok 415', 'ok'], ['yes 415', 'join']])('still reads %j as %s', (input, kind) => {
      expect(parse(input)).toMatchObject({ ok: true, command: { kind } });
    });

    it.each([['STOP texting me'], ['UNSUBSCRIBE me now'], ['STOP sending these'], ['OPTOUT pls']])('still reads %j, opening with a word that only means stop, as STOP', (input) => {
      expect(commandOf(input)).toEqual({ kind: 'stop' });
    });

    // Naming the check-in: OK's work while one runs (run-command), not an unsubscribe.
    it.each([
      ['Cancel my check-in', 'en', undefined],
      ['end checkin', 'en', undefined],
      ['Cancel check in please', 'en', undefined],
      ['STOP my check-in', undefined, true],
      ['cancelar mi check-in', undefined, undefined],
      ['Annuler le check-in', 'fr', undefined],
    ] as Array<[string, Lang | undefined, true | undefined]>)('reads %j as ending the check-in', (input, lang, stopWord) => {
      const p = parse(input);
      expect(p).toMatchObject({ ok: true, command: { kind: 'ok', cancels: true } });
      expect(p.ok && p.command.kind === 'ok' ? p.command.stopWord === true : 'not OK').toBe(stopWord === true);
      expect(p.lang).toBe(lang);
    });

    it.each([
      ['He would not stop when I asked him to, grabbed my arm and kept going, grey van near the bridge'],
      // A request further on than its opening, in a long message: his words, or hers to him.
      ['When I said please stop texting me he kept going and sent more all night'],
      ['Le dije que no quiero mensajes de él y siguió mandando fotos toda la noche'],
    ])('does not read a long message %j that mentions stop as an opt-out', (text) => {
      expect(errorOf(text)).toMatchObject({ error: 'unknown' });
    });

    // Opening the message, a request is one whatever reason follows; a phrase that must end the message does not
    // end it at the words looked at: "no quiero mensajes de él, …" wants only his gone.
    it.each([
      ['Please stop texting me, my boyfriend goes through my phone every night', 'en'],
      ['Hola hola, por favor, por favor, ya no quiero recibir más mensajes de él, me escribe', undefined],
      // A phrase that must end the message ends its first clause: her reason after the comma.
      ['No quiero mas mensajes por favor, mi esposo revisa mi celular', 'es'],
      ['Je ne veux plus recevoir de messages, mon mari lit mon telephone', 'fr'],
      ['Nao quero mais receber mensagens. Meu marido olha meu celular toda noite', 'pt'],
    ] as Array<[string, Lang | undefined]>)('reads %j by its opening', (text, lang) => {
      const p = parse(text);
      expect(p.ok && p.command.kind === 'stop' ? p.lang : 'not STOP').toBe(lang ?? 'not STOP');
    });

    it('does not read a REPORT that mentions stop as an opt-out', () => {
      expect(commandOf('REPORT 415 he would not stop, stop, STOP')).toMatchObject({ kind: 'report', text: 'he would not stop, stop, STOP' });
    });
  });

});
