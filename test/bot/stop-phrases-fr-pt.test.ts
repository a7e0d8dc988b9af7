/**
 * Plain-language opt-outs in French and Portuguese: the line speaks four
 * languages and honours "please stop texting me" and "no más mensajes"; a
 * French or Portuguese member who asks the same in her own words is
 * unsubscribed (and answered in her language). She was hinted at and kept
 * getting alerts, or, in the middle of a guided report, her request was
 * filed as an answer. A report that says he would not stop is no request.
 */
import { catalog } from '../../src/bot/catalog';
import { parse } from '../../src/bot/parser';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';

const AMELIE = '+14155550121';
const JOANA = '+14155550122';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('a plain-language opt-out in French or Portuguese', () => {
  it.each([
    ["Arrêtez de m'écrire", 'fr'],
    ['Arrêtez de m’envoyer des messages svp', 'fr'],
    ['Ne m’écrivez plus', 'fr'],
    ['Parem de mandar mensagens', 'pt'],
    ['Não quero mais receber mensagens', 'pt'],
    ['Por favor parem de me mandar mensagem', 'pt'],
    // Receiving, with nothing after it but messages, "nothing" or politeness.
    ['Não quero mais receber', 'pt'],
    ['Não quero mais receber nada', 'pt'],
    ['Não quero mais receber essas mensagens', 'pt'],
    ['Não quero mais receber textos', 'pt'],
    ['Je ne veux plus recevoir', 'fr'],
    ['Je ne veux plus recevoir ces messages', 'fr'],
    ['Je ne veux plus recevoir tes messages', 'fr'],
    ['Je ne veux plus recevoir de textos', 'fr'],
    ['Merci, plus de messages', 'fr'],
    // The everyday plural, alone or with politeness.
    ['Arrêtez', 'fr'],
    ['Arrêtez svp', 'fr'],
    ['Arrêtez!!', 'fr'],
    ['Parem!', 'pt'],
    ['Parem por favor', 'pt'],
    // The singular too (PARE is Spanish as well: no language).
    ['Arrête', 'fr'],
    ['Arrête stp', 'fr'],
    ['Arrête !', 'fr'],
    ['Pare', undefined],
    ['Pare obrigada', undefined],
    // PARA opening a request is Brazilian too: her Portuguese words say so (a sender with no language kept yet).
    ['Para de mandar mensagens', 'pt'],
    ['Para de me mandar mensagem', 'pt'],
    ['Para de me escrever', 'pt'],
    ['Para de mandar mensajes', 'es'],
    ['Pare de mandarme mensajes', 'es'],
    ['Para de mandarme mensajes ja ja', 'es'],
    ['Pare de me mandar mensagem', 'pt'],
    // MANDA for MANDAR: "de me manda" is Portuguese's order, as "de me mandar" is.
    ['Para de me manda msg', 'pt'],
    ['Não quero mais receber msgs', 'pt'],
    ['Me deixa em paz', 'pt'],
    ['Por favor me deixem em paz', 'pt'],
    ['Me deixe em paz', 'pt'],
    ['Me deixa em paz por favor', 'pt'],
    ['Désabonne-moi', 'fr'],
    ['Je veux me désabonner de la liste svp', 'fr'],
    // Her reason after it, out of a question (a short message is not cut at its comma).
    ['désabonnez-moi, mon mari lit mes messages', 'fr'],
    ['me deixa em paz. meu marido le', 'pt'],
    ['me deixa em paz meu marido le meu celular', 'pt'],
    ['je veux me désabonner merci beaucoup', 'fr'],
    ['je voudrais me désabonner de vos messages', 'fr'],
    ['je veux me désabonner de heads up', 'fr'],
    ['para de me manda essas mensagens', 'pt'],
    ['para de me manda essa mensagem', 'pt'],
    ['para de me manda esse sms', 'pt'],
    ['para de me manda os alertas', 'pt'],
    ['para de me manda esses alertas', 'pt'],
    ['pare de me manda estes alertas', 'pt'],
    ['pf para de me manda essas msg', 'pt'],
    ['pfvr para de me manda mensagem', 'pt'],
    ['Désabonnez-moi', 'fr'],
    ['Je veux me désabonner', 'fr'],
    // Politeness, or her reason opening a clause of her own, after the line's name.
    ['Désabonnez-moi de la liste svp', 'fr'],
    ['je veux me désabonner de tout merci', 'fr'],
    ['je veux me désabonner de tout ça', 'fr'],
    ['je veux me désabonner de vos notifications', 'fr'],
    ['désabonnez-moi de votre service svp', 'fr'],
    ['désabonnez-moi de tout ça merci', 'fr'],
    ["je veux me désabonner s'il vous plaît", 'fr'],
    ["désabonnez-moi svp j'ai changé de vie", 'fr'],
    ['je veux me désabonner parce que je quitte la ville', 'fr'],
    // The imperative is said to the line: a request whatever follows, but one area (LEAVE's).
    ['désabonnez-moi maintenant', 'fr'],
    ['désabonnez-moi tout de suite', 'fr'],
    ['désabonnez-moi immédiatement svp', 'fr'],
    ['désabonnez-moi du service', 'fr'],
    ["désabonnez-moi svp c'est mon mari qui lit", 'fr'],
    ['désabonnez-moi merci bonne journée', 'fr'],
    ["désabonnez-moi, c'est fini pour moi", 'fr'],
    // The infinitive after her own opener.
    ['je ne sais pas comment me désabonner', 'fr'],
    ['comment je fais pour me désabonner', 'fr'],
    ['vous pouvez me désabonner svp', 'fr'],
    ["j'aimerais me désabonner", 'fr'],
    ['je veux me désabonner, mon mari lit mes messages tous les soirs quand je dors', 'fr'],
    // Polite formulas and greetings before the infinitive; the imperative with an area further on, in her reason.
    ['Veuillez me désabonner', 'fr'],
    ['veuillez me désabonner svp', 'fr'],
    ['Merci de me désabonner', 'fr'],
    ['merci de me désabonner de la liste', 'fr'],
    ['Allô, je veux me désabonner', 'fr'],
    ['Bonsoir je voudrais me désabonner', 'fr'],
    ['Coucou je veux me désabonner', 'fr'],
    ['Désabonnez-moi svp, mon mari a vu vos messages du 514', 'fr'],
    ["désabonnez-moi, il m'a pris pour 200 balles", 'fr'],
  ])('parses %p as STOP', (text, lang) => {
    const parsed = parse(text);
    expect(parsed.ok && parsed.command.kind).toBe('stop');
    expect(parsed.lang).toBe(lang);
  });

  it('unsubscribes a French member who asks in French, and answers her in French', async () => {
    const w = await botWorld();
    expect(w.sms(AMELIE, 'REJOINDRE 415').reply).toBe(catalog('fr').joined(['415']));
    const reply = w.sms(AMELIE, "Arrêtez de m'écrire").reply;
    const member = findMember(w.db, w.vault, sms(AMELIE))!;
    expect(listAreas(w.db, member.id)).toEqual([]);
    expect(member.status).toBe('stopped');
    expect(reply).toBe(catalog('fr').stopped('sms'));
  });

  it('unsubscribes a Portuguese member who asks in Portuguese, even in the middle of a guided report', async () => {
    const w = await botWorld();
    expect(w.sms(JOANA, 'INSCREVER 415').reply).toBe(catalog('pt').joined(['415']));
    expect(w.sms(JOANA, 'DENUNCIA').reply).toBe(catalog('pt').reportAsk('what'));
    const reply = w.sms(JOANA, 'Parem de mandar mensagens').reply;
    const member = findMember(w.db, w.vault, sms(JOANA))!;
    expect(listAreas(w.db, member.id)).toEqual([]);
    expect(reply).toBe(catalog('pt').stopped('sms'));
  });
});

describe('French and Portuguese words about stopping that ask nothing of us', () => {
  it.each([
    ["il n'arrête pas de m'écrire"],
    ['ele não para de me mandar mensagens'],
    ['ele parava de me mandar mensagem'],
    // "More messages", and receiving a client.
    ['Il m’a envoyé plus de messages après'],
    ['Je ne veux plus recevoir ce client'],
    ['Não quero mais receber esse cliente'],
    // The word opening a sentence about something else.
    ['Arrêtez-le, il est dangereux'],
    ['Arrêtez vous au coin, il attend'],
    ['Parem o carro ali'],
    ['Arrête-toi au coin, il attend'],
    ["Arrête de pleurer qu'il m'a dit"],
    ['Pare o carro ali'],
    // MANDA, or "me deixa em paz", not opening the message: what he does, or does not ("he won't leave me alone").
    ['ele não para de me manda mensagem'],
    ['ele não me deixa em paz'],
    ['ele nunca me deixa em paz'],
    ['ela disse me deixa em paz'],
    // MANDA before something not the line's is no request to the line.
    ['para de me manda foto ele disse'],
    ['pare de me manda foto'],
    // DÉSABONNER is also a site's or a channel's: a request only ending the message.
    ['je veux me désabonner de son site'],
    ['il voulait me désabonner de mon compte onlyfans'],
    ['comment me désabonner de son site'],
    ["il m'a fait me désabonner d'instagram"],
    // One area, or some of the alerts: LEAVE's work, not every alert dropped.
    ['je veux me désabonner du 514'],
    ['je veux me désabonner des alertes de Montréal'],
    ['je voudrais me désabonner de vos alertes pour 438 seulement'],
    ['désabonnez-moi du 514 svp'],
    // One area named: LEAVE's, not every alert.
    ['désabonnez-moi pour la zone 450'],
    ['désabonnez-moi de la région 450'],
    // Not unsubscribing.
    ['je veux pas me désabonner, juste changer de zone'],
    ['je ne veux pas me désabonner'],
    ['je ne veux jamais me désabonner'],
    // The infinitive not opening the message after her own opener: someone else's doing, or a question.
    ['il voulait me désabonner il a pris mon téléphone'],
    ['mon mec veut me désabonner'],
    ['le client voulait me désabonner'],
    ["il m'a dit de me désabonner"],
    ['je ne veux pas vraiment me désabonner'],
    ['je ne veux pas encore me désabonner'],
    ['je veux pa me désabonner'],
    ["je n'ai pas voulu me désabonner"],
    ['est-ce que je dois me désabonner?'],
    ['désabonnez-moi de vos alertes pour 438 seulement'],
  ])('%p is no opt-out', (text) => {
    expect(parse(text)).toMatchObject({ ok: false, error: 'unknown' });
  });
});
