/**
 * Portuguese replies, in GSM-7: é and à are kept (they are in the GSM
 * alphabet); ã, õ, ç, á, í, ó, ú, â, ê and ô are written without their
 * accent ("nao", "voce"), as Portuguese SMS often is, so a reply is not
 * billed as 70-character UCS-2 segments.
 */
import type { AreaCommand, Catalog } from './catalog-type';
import type { ModeratorCatalog } from './catalog-moderator-type';
import { alertFromFields, categoryCounts, checkNamed, clip, listAreas, numbered, sentence, threeDigits } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { checkinExample } from './checkin-examples';
import { localDate } from './clock-time';
import { fitSegments } from './sms-segments';
import { ptModerators } from './catalog-pt-moderators';
import { CATEGORY, LABELS } from './catalog-pt-words';
import { CORRECTIONS, type CorrectionCatalog } from './catalog-corrections';

export { LABELS };

// Reports (issue 11)
const KIND = { phone: 'esse numero', plate: 'essa placa', email: 'esse email', handle: 'esse usuario', link: 'esse link' } as const;
// A check-in's end on another day: "21:30 de quarta, dia 2".
const WEEKDAY = ['domingo', 'segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado'];

/** The command a reply about an unknown area says to send again, as members and moderators type it. */
const AREA_COMMAND: Record<AreaCommand, string> = { leave: 'SAIR', report: 'DENUNCIA', approve: 'APPROVE', alert: 'ALERT' };

/** What the catalogue says to members; to moderators, catalog-pt-moderators.ts. */
const members: Omit<Catalog, keyof ModeratorCatalog | keyof CorrectionCatalog> = {
  joined: (areas) => `Heads Up: voce vai receber alertas de clientes perigosos em ${listAreas(areas)}. DENUNCIA + detalhes para avisar. AJUDA para ajuda, PARAR para sair.`,
  joinPending: (areas) => `Heads Up: seu pedido para ${listAreas(areas)} esta com uma moderadora. Avisamos quando entrar. PARAR para sair.`,
  joinWhichArea: () => 'Heads Up: de qual area voce quer alertas? Responda com o codigo, ex. 415.',
  conversationEnded: () => 'Heads Up: ok, cancelado. Escreva AJUDA para ver os comandos.',
  reportTooManyAreas: (max) => `Heads Up: uma denuncia pode indicar no maximo ${max} areas. Envie de novo com ${max} ou menos.`,
  tooManyAreas: (max, held, ex = NA_EXAMPLES) =>
    held?.length === 0
      ? `Heads Up: voce pode seguir no maximo ${max} areas. ENTRAR com ${max} ou menos.`
      : `Heads Up: voce pode seguir no maximo ${max} areas. REGIOES para ver as suas, SAIR ${held?.[0] ?? ex.area} para tirar uma.`,
  unknownArea: (token, resend, area = '415') =>
    `Heads Up: "${clip(token, 12)}" nao é uma area ${threeDigits(token) ? 'que cobrimos. Tente' : 'conhecida. Use 3 digitos,'} ex. ${resend ? AREA_COMMAND[resend] : 'ENTRAR'} ${area}.`,
  left: (areas, remaining, ex = NA_EXAMPLES) =>
    remaining.length
      ? `Heads Up: voce saiu de ${listAreas(areas)}. Continua com alertas de ${listAreas(remaining)}.`
      : `Heads Up: voce saiu de ${listAreas(areas)} e nao recebe mais alertas. ENTRAR ${ex.area} para voltar.`,
  leftCovered: (left, covered, through) =>
    `Heads Up: ${left.length ? `voce saiu de ${listAreas(left)}. Os` : 'os'} alertas de ${listAreas(covered)} ainda chegam por ${listAreas(through)} (mesma area). SAIR ${through.join(' ')} para parar.`,
  notMember: (ex = NA_EXAMPLES) => `Heads Up: voce nao esta inscrita. Escreva ENTRAR e sua area, ex. ENTRAR ${ex.area}.`,
  stopped: (via, checkinEnded, moderator) =>
    `Heads Up: inscricao por ${via === 'sms' ? 'SMS' : 'Signal'} encerrada.${checkinEnded ? ' Seu acompanhamento foi encerrado: ninguem sera avisado.' : ''} ${
      via === 'sms' ? 'Se usa Signal tambem, envie PARAR pelo Signal.' : 'Se usa SMS tambem, envie PARAR por SMS.'
    } START para voltar.${moderator ? ' Alertas encerrados, mas voce continua recebendo os avisos de denuncias como moderadora ate o operador tirar voce de MODERATORS.' : ''}`,
  help: (ex = NA_EXAMPLES, checkin = 90) =>
    `Heads Up, lista de clientes perigosos. ENTRAR ${ex.area}: alertas de uma area. DENUNCIA: avisar, passo a passo. VERIFICAR + numero, placa ou @usuario: checar um cliente. PARCEIRA + numero + nome, depois SEGURA ${checkin}: alguem sabe se voce sumir. DISCRETO, REGIOES, SAIR${areaCodes(ex) ? ' 415' : ''}, APAGAR, LANG. PARAR para sair.`,
  areas: (list, ex = NA_EXAMPLES) =>
    list.length
      ? `Heads Up: suas areas de alerta sao ${listAreas(list)}. SAIR ${list[0]} tira uma, PARAR tira todas.`
      : `Heads Up: voce nao tem areas de alerta. Escreva ENTRAR ${ex.area} para receber alertas.`,
  deleted: (via) =>
    via === 'sms'
      ? 'Heads Up: apagamos tudo o que tinhamos sobre voce por SMS. Se usa Signal tambem, envie APAGAR pelo Signal. ENTRAR para comecar de novo.'
      : 'Heads Up: apagamos tudo o que tinhamos sobre voce no Signal. Se usa SMS tambem, envie APAGAR por SMS. ENTRAR para comecar de novo.',
  langSet: () => 'Heads Up vai responder em portugues.',
  badLang: (codes) => `Heads Up fala ${codes.join(', ')}: escreva LANG e uma delas, ex. LANG ${codes[0] ?? 'PT'}.`,
  hint: () => 'Heads Up nao entendeu. Escreva AJUDA para ver os comandos.',
  joinWith: (areas) => `Heads Up: para receber alertas de ${listAreas(areas)}, escreva ENTRAR ${areas.join(' ')}.`,
  mediaNotKept: () => '(Fotos e arquivos nao chegam ao Heads Up: escreva o que mostram.)',
  mediaNotRead: (answering) =>
    `Heads Up recebe apenas texto: fotos, audios e arquivos nao chegam. ${answering ? 'Escreva sua resposta, por favor.' : 'Escreva a mensagem, ou escreva AJUDA para ver os comandos.'}`,
  leaveNeedsArea: (ex = NA_EXAMPLES) => `Heads Up: qual area? ex. SAIR ${ex.area}. PARAR tira todas.`,
  reportReceived: (ref, areas) => `Heads Up: obrigada. A denuncia ${ref} para ${listAreas(areas)} esta com uma moderadora e sai como alerta depois de verificada.`,
  reportReceivedCut: (ref, areas, kept) =>
    `Heads Up: obrigada. A denuncia ${ref} para ${listAreas(areas)} esta com uma moderadora, mas era longa demais: ficaram os primeiros ${kept} caracteres. Mande o resto com DENUNCIA.`,
  reportNeedsText: (ex = NA_EXAMPLES) => `Heads Up: escreva DENUNCIA, a area e o que houve, ex. DENUNCIA ${ex.area} van cinza, agressivo, numero ${ex.number}.`,
  reportLimit: () => 'Heads Up: voce ja enviou o maximo de denuncias de hoje. Tente de novo amanha.',
  reportNeedsArea: (codes, example = '415') =>
    codes
      ? `Heads Up: qual area? Escreva DENUNCIA, uma de ${listAreas(codes)}, e o que houve.`
      : `Heads Up: qual area? Escreva DENUNCIA, a area e o que houve, ex. DENUNCIA ${example} van cinza.`,
  reportDoneNeedsArea: (codes, example = '415') =>
    `Heads Up: sua denuncia precisa de uma area para ser enviada. Responda com ${codes ? `uma de ${listAreas(codes)}` : `o codigo ou nome dela, ex. ${example}`}, ou DESCARTAR.`,
  checkNeedsNumber: (ex = NA_EXAMPLES) => `Heads Up: escreva VERIFICAR e um numero, placa, email, @usuario ou link, ex. VERIFICAR ${ex.number}.`,
  checkFound: (r) =>
    `Heads Up: ${KIND[r.kind ?? 'phone']} esta em ${r.count} alerta${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'sem categoria')}, o ultimo em ${localDate(r.latest)}, em ${listAreas(r.areas)}. Se cuide.`,
  checkFoundAmong: (r, named) =>
    `Heads Up: ${checkNamed(named, 'e')} ${named.length === 1 ? 'esta' : 'estao'} em ${r.count} alerta${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'sem categoria')}, o ultimo em ${localDate(r.latest)}, em ${listAreas(r.areas)}. Se cuide.`,
  checkNumberUnread: () => 'Heads Up: nao da para ler esse numero. Confira os digitos; um de fora precisa de + e do codigo do pais.',
  checkNone: () => 'Heads Up: nenhum alerta cita isso. Sem registro nao quer dizer seguro: confie no seu instinto.',
  checkNoneOfFirst: (n, limited) =>
    `Heads Up: ${n === 1 ? 'verifiquei o primeiro: nenhum alerta' : `verifiquei os primeiros ${n}: nenhum alerta`}. Os outros nao: ${limited ? 'acabaram suas verificacoes por agora, mande-os em uma hora' : 'mande-os em outro VERIFICAR'}. Sem registro nao quer dizer seguro: confie no seu instinto.`,
  checkUnchecked: (n, limited) =>
    `${n === 1 ? 'So o primeiro foi verificado' : `So os primeiros ${n} foram verificados`}: ${limited ? 'acabaram suas verificacoes por agora. Mande os outros em uma hora.' : 'mande os outros em outro VERIFICAR.'}`,
  checkLimit: () => 'Heads Up: voce fez o maximo de verificacoes por agora. Tente de novo em uma hora.',
  membersOnly: () => 'Heads Up: isto é para membros. Primeiro escreva ENTRAR e sua area.',
  requestWaiting: (areas) => `Heads Up: voce ainda nao entrou: seu pedido para ${listAreas(areas)} esta com uma moderadora. Avisamos quando entrar.`,
  alert: (areas, text) => `Alerta Heads Up (${listAreas(areas)}): ${text} -- PARAR para sair`,
  modCheckinNoDetails: (ref) => `Os detalhes do check-in ${ref} nao sao mais guardados. BLOCK ${ref.slice(1)} ainda bloqueia quem enviou.`,
  admitted: (areas) => `Heads Up: voce entrou. Vai receber alertas de clientes perigosos em ${listAreas(areas)}. AJUDA para ajuda, PARAR para sair.`,
  // Reach (issue 12)
  joinWhichAreaListed: (codes) => `Heads Up: de qual area voce quer alertas? Responda com uma: ${listAreas(codes)}.`,
  unknownAreaListed: (codes, resend) =>
    resend
      ? `Heads Up: essa nao é uma das nossas areas. Envie ${AREA_COMMAND[resend]} de novo com uma de: ${listAreas(codes)}.`
      : `Heads Up: essa nao é uma das nossas areas. Responda com uma de: ${listAreas(codes)}.`,
  joinWhichAreaNamed: (example) => `Heads Up: de qual area voce quer alertas? Responda com o codigo ou o nome, ex. ${example}.`,
  unknownAreaNamed: (token, example, resend) =>
    `Heads Up: "${clip(token, 12)}" nao é uma das nossas areas. Use o codigo ou o nome, ex. ${resend ? AREA_COMMAND[resend] : 'ENTRAR'} ${example}.`,
  discreetOn: (via) =>
    `Heads Up: alertas discretos ligados. Cada alerta chega como um aviso neutro; escreva LER para ver. ${
      via === 'sms' ? 'Se usa Signal tambem, envie DISCRETO SIM pelo Signal.' : 'Se usa SMS tambem, envie DISCRETO SIM por SMS.'
    }`,
  discreetOff: (via) =>
    via === 'sms'
      ? 'Heads Up: alertas discretos desligados por SMS. Se tambem os ligou no Signal, envie DISCRETO NAO pelo Signal. DISCRETO SIM aqui para ligar.'
      : 'Heads Up: alertas discretos desligados no Signal. Se tambem os ligou por SMS, envie DISCRETO NAO por SMS. DISCRETO SIM aqui para ligar.',
  discreetState: (on, via) =>
    `Heads Up: alertas discretos ${on ? 'ligados' : 'desligados'} ${via === 'sms' ? 'por SMS' : 'no Signal'}. Escreva DISCRETO ${on ? 'NAO para desligar' : 'SIM para ligar'}.`,
  discreetWhenBack: (on, via) =>
    `Heads Up: voce nao recebe alertas ${via === 'sms' ? 'por SMS' : 'no Signal'} agora. Ao voltar, os alertas discretos estarao ${on ? 'ligados' : 'desligados'}. START para voltar.`,
  discreetNotice: (areas) => `HU ${listAreas(areas)}: 1 mensagem nova. Responda LER para ver.`,
  readNone: () => 'Heads Up: nada por ler.',
  readItem: (areas, text, day) => `(${listAreas(areas)}, ${localDate(day)}) ${text}`,
  readMore: (count) => `+${count} mais antiga${count === 1 ? '' : 's'}: escreva LER de novo.`,
  discreetAdmitted: (areas) => `HU: voce entrou para ${listAreas(areas)}. Responda AJUDA para ver os comandos.`,
  // Check-ins (issue 13)
  buddyInvite: (name) =>
    `Heads Up: ${name} pediu que voce seja seu contato de seguranca. Se ela nao der noticias depois de um encontro, enviamos o que ela compartilhou para voce procura-la. Responda ACEITAR ou RECUSAR. PARAR: sem mais mensagens.`,
  discreetBuddyInvite: (name) => `HU: ${name} pede que voce seja seu contato: se ela nao nos responder a tempo, passaremos a mensagem dela a voce. Responda ACEITAR ou RECUSAR.`,
  buddyAnswerHint: () => 'HU nao entendeu. Responda ACEITAR ou RECUSAR.',
  buddyAsked: (ending) => `Heads Up: pedimos ao numero terminado em ${ending} que seja seu contato. Sera quando responder ACEITAR; avisamos voce.`,
  buddyAlreadyAsked: (ending) => `Heads Up: o numero terminado em ${ending} ja foi convidado ou ja e seu contato. Escreva PARCEIRA para ver seus contatos.`,
  buddyLimit: (max) => `Heads Up: voce pode ter no maximo ${max} contatos. PARCEIRA OFF e o numero remove um.`,
  buddyInvitesToday: (max) => `Heads Up: hoje voce ja convidou ${max} pessoas para serem seu contato, o maximo por dia. Tente de novo amanha.`,
  buddyDeclinedBefore: (ending, days) => `Heads Up: o numero terminado em ${ending} recusou ser seu contato, entao nao vamos convida-lo de novo por ${days} dias.`,
  buddyUsage: (ex = NA_EXAMPLES) => `Heads Up: escreva PARCEIRA, o numero e o nome pelo qual a pessoa conhece voce, ex. PARCEIRA ${ex.number} Rosa. PARCEIRA OFF remove seus contatos.`,
  buddyNameRefused: (ex = NA_EXAMPLES) => `Heads Up: o nome pelo qual a pessoa conhece voce: so letras, sem link, @ ou numero (Dr. Ana, com espaco). Nada foi enviado. Ex. PARCEIRA ${ex.number} Rosa.`,
  buddyOwnNumber: () => 'Heads Up: esse e o seu proprio numero. Escolha alguem de confianca.',
  buddyList: (items) =>
    `Heads Up: seus contatos: ${items.map((i) => `numero terminado em ${i.ending} (${i.status === 'accepted' ? 'aceitou' : i.status === 'invited' ? 'esperando' : 'parado'})`).join(', ')}. PARCEIRA OFF remove.`,
  buddyNone: (ex = NA_EXAMPLES) => `Heads Up: voce nao tem contato. Escreva PARCEIRA, o numero e o nome pelo qual a pessoa conhece voce, ex. PARCEIRA ${ex.number} Rosa.`,
  buddiesRemoved: (count) => (count ? `Heads Up: ${count} ${count === 1 ? 'contato removido' : 'contatos removidos'}.` : 'Heads Up: nenhum contato seu tem esse numero.'),
  buddyDropped: (name) => `Heads Up: ${name} removeu voce como contato de seguranca. Voce nao recebera mais mensagens sobre essa pessoa.`,
  discreetBuddyDropped: (name) => `HU: ${name} removeu voce como contato. Voce nao recebera mais mensagens sobre essa pessoa.`,
  buddyAccepted: () =>
    'Heads Up: obrigada. Agora voce e contato de seguranca: escrevemos se quem pediu nao der noticia. RECUSAR para deixar de ser.',
  buddyAcceptedMember: (ending) => `Heads Up: o numero terminado em ${ending} aceitou: e seu contato. SEGURA e minutos comeca um acompanhamento.`,
  buddyWhich: (names, more) =>
    `Heads Up: ${names.length + more > 1 ? 'estas pessoas pediram' : 'esta pessoa pediu'} que voce seja seu contato de seguranca, na ordem do pedido: ${numbered(names)}${more ? ` e mais ${more}` : ''}. Responda ACEITAR e o numero de quem voce conhece (ACEITAR 1).`,
  buddyWaiting: (name) => `Heads Up: quem espera sua resposta deu o nome ${name}. Se voce conhece, responda so ACEITAR; se nao, RECUSAR.`,
  buddyNumberHidden: (answer) => {
    const word = answer === 'accept' ? 'ACEITAR' : 'RECUSAR';
    return `Heads Up: seu numero esta oculto no Signal, nao sabemos quem pediu. Se foi por SMS, envie ${word} por SMS.`;
  },
  buddyNumberHiddenNoSms: (answer) =>
    `Heads Up: seu numero esta oculto no Signal, nao sabemos quem pediu, e esta linha nao tem SMS. ${answer === 'accept' ? 'Avise a pessoa que nao pudemos receber sua resposta.' : 'Sem resposta, o convite termina em uma semana.'}`,
  buddyNoInviteHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? 'Heads Up: ninguem pediu por SMS que voce fosse seu contato. Se pediram no Signal, envie ACEITAR pelo Signal. AJUDA: os comandos.'
        : 'Heads Up: ninguem pediu no Signal que voce fosse seu contato. Se pediram por SMS, envie ACEITAR por SMS. AJUDA: os comandos.'
      : via === 'sms'
        ? 'Heads Up: ninguem pediu por SMS que voce fosse seu contato. AJUDA: os comandos.'
        : 'Heads Up: ninguem pediu no Signal que voce fosse seu contato. AJUDA: os comandos.',
  buddyNotAskedHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? 'Heads Up: ninguem pediu por SMS que voce fosse seu contato. Se pediram ou voce aceitou no Signal, envie RECUSAR pelo Signal. AJUDA: os comandos.'
        : 'Heads Up: ninguem pediu no Signal que voce fosse seu contato. Se pediram ou voce aceitou por SMS, envie RECUSAR por SMS. AJUDA: os comandos.'
      : via === 'sms'
        ? 'Heads Up: ninguem pediu por SMS que voce fosse seu contato. AJUDA: os comandos.'
        : 'Heads Up: ninguem pediu no Signal que voce fosse seu contato. AJUDA: os comandos.',
  buddyDeclined: (via) =>
    via === 'sms'
      ? 'Heads Up: certo, voce nao e mais contato de ninguem por SMS: sem mensagens de acompanhamento aqui. Se tambem e contato no Signal, envie RECUSAR pelo Signal.'
      : 'Heads Up: certo, voce nao e mais contato de ninguem no Signal: sem mensagens de acompanhamento aqui. Se tambem e contato por SMS, envie RECUSAR por SMS.',
  buddyDeclinedMember: (ending) => `Heads Up: o numero terminado em ${ending} recusou, entao nao e seu contato.`,
  buddyStoppedMember: (ending) => `Heads Up: o numero terminado em ${ending} pediu para nao receber mensagens, entao nao e mais seu contato.`,
  discreetContactAccepted: (ending) => `HU: o numero terminado em ${ending} disse sim: agora e seu contato.`,
  discreetContactDeclined: (ending) => `HU: o numero terminado em ${ending} disse nao, entao nao e seu contato.`,
  discreetContactStopped: (ending) => `HU: o numero terminado em ${ending} pediu para nao receber mensagens, entao nao e mais seu contato.`,
  buddyUnreachedMember: (ending, channel) =>
    `Heads Up: nao conseguimos contatar o numero terminado em ${ending} (${channel === 'signal' ? 'talvez nao use Signal' : 'talvez nao receba SMS'}), entao nao e seu contato. Escreva PARCEIRA com outro numero.`,
  discreetContactUnreached: (ending) => `HU: nao conseguimos contatar o numero terminado em ${ending}, entao nao e seu contato.`,
  buddyChannelGoneMember: (ending, gone) =>
    gone === 'signal'
      ? `Heads Up nao envia mais por Signal: seu pedido ao numero terminado em ${ending} nao foi enviado, entao nao e seu contato. Para pedir por SMS, escreva PARCEIRA SMS, o numero e seu nome.`
      : `Heads Up nao envia mais por SMS: seu pedido ao numero terminado em ${ending} nao foi enviado, entao nao e seu contato. Para pedir pelo Signal, envie PARCEIRA SIGNAL, o numero e seu nome.`,
  discreetContactChannelGone: (ending, gone) =>
    `HU: nao enviamos mais por ${gone === 'signal' ? 'Signal' : 'SMS'}, entao sua mensagem ao numero terminado em ${ending} nao foi enviada: nao e seu contato. Para pedir de novo, responda PARCEIRA ${gone === 'signal' ? 'SMS' : 'SIGNAL'}, o numero e seu nome.`,
  checkinEnd: (e) => (e.day ? `${e.time} de ${WEEKDAY[e.day.weekday]}, dia ${e.day.date}${e.day.month ? `/${e.day.month}` : ''}` : e.time),
  checkinStarted: (until, told, reminder, replaced, later = 30) =>
    `Heads Up: acompanhamento ate ${until}${replaced ? ' (substitui o anterior e seus detalhes)' : ''}. Escreva OK quando estiver segura${reminder ? '; lembramos 10 min antes' : ''}. Se nao, avisamos ${told === 'buddies' ? 'seus contatos' : 'as moderadoras'} com seus detalhes.${later === null ? '' : ` DEPOIS ${later} prorroga.`}`,
  checkinNeedsBuddy: (ex = NA_EXAMPLES) => `Heads Up: falta um contato que aceitou. Primeiro escreva PARCEIRA, o numero e o nome pelo qual a pessoa conhece voce, ex. PARCEIRA ${ex.number} Rosa.`,
  checkinUsage: (min, max, ex = NA_EXAMPLES) => `Heads Up: escreva SEGURA, os minutos (${min} a ${max}) e detalhes para compartilhar se nao der noticias, ex. SEGURA ${checkinExample({ minMinutes: min, maxMinutes: max })} Honda azul ${ex.number}.`,
  checkinDetailsTooLong: (max) => `Heads Up: use menos de ${max} caracteres nos detalhes para que cheguem inteiros. Nada foi iniciado.`,
  checkinReminder: (until, later = 30) => `Heads Up: seu acompanhamento termina as ${until}. Escreva OK quando estiver segura${later === null ? '' : `, ou DEPOIS ${later} para mais tempo`}.`,
  discreetReminder: (until, later = 30) => `HU: responda OK ate as ${until}${later === null ? '' : `, ou DEPOIS ${later}`}.`,
  checkinStillRuns: (until, later = 30) =>
    `Heads Up nao entendeu. Seu acompanhamento continua ate as ${until}: escreva OK se estiver segura${later === null ? '' : `, ou DEPOIS ${later} para mais tempo`}.`,
  checkinStillMissed: (told) =>
    told === 'nobody'
      ? 'Heads Up nao entendeu. Seu acompanhamento terminou sem seu OK. Escreva OK se estiver segura.'
      : `Heads Up nao entendeu. Voce nao deu noticias, entao avisamos ${told === 'buddies' ? 'seus contatos' : 'as moderadoras'}. Escreva OK se estiver segura e diremos a eles.`,
  discreetStillMissed: (told) => (told === 'nobody' ? 'HU: responda OK quando puder.' : `HU: passamos sua mensagem ${told === 'buddies' ? 'ao seu contato' : 'a nossa equipe'}. Responda OK quando puder.`),
  checkinNoOneLeft: (ex = NA_EXAMPLES) => `Heads Up: seu acompanhamento nao avisa mais ninguem: nao resta contato para avisar se voce nao responder. Adicione um: escreva PARCEIRA, o numero e o nome pelo qual a pessoa conhece voce, ex. PARCEIRA ${ex.number} Rosa.`,
  checkinModeratorsGone: (ex = NA_EXAMPLES) => `Heads Up: seu acompanhamento nao avisa mais ninguem: por enquanto nao conseguimos avisar as moderadoras. Adicione um contato: escreva PARCEIRA, o numero e o nome pelo qual a pessoa conhece voce, ex. PARCEIRA ${ex.number} Rosa.`,
  discreetModeratorsGone: () => 'HU: por enquanto nossa equipe nao pode receber sua mensagem. Responda PARCEIRA, um numero e seu nome para adicionar um contato.',
  discreetNoOneLeft: () => 'HU: nao resta contato para passar sua mensagem. Responda PARCEIRA, um numero e seu nome para adicionar um.',
  checkinRestored: (until, told) =>
    `Heads Up: a linha foi restaurada de uma copia e pode ter perdido suas ultimas mensagens, entao seu acompanhamento voltou. Se estiver segura, escreva OK. ${
      told === 'nobody' ? `Termina as ${until}.` : `Se nao, avisamos ${told === 'buddies' ? 'seus contatos' : 'as moderadoras'} as ${until} com seus detalhes.`
    }`,
  discreetRestored: (until, later = 30) => `HU: podemos ter perdido suas ultimas mensagens. Responda OK ate as ${until} se estiver tudo bem${later === null ? '' : `, ou DEPOIS ${later}`}.`,
  checkinEscalation: (name, expected, details) =>
    `Heads Up: ${name} nao deu noticias. Esperava terminar as ${expected}. ${details ? `Compartilhou: ${sentence(details)}` : 'Nao compartilhou detalhes.'} Por favor tente falar com ela.`,
  discreetBuddyEscalation: (name, expected, details) =>
    `HU: ${name} nao nos respondeu a tempo. Esperava terminar as ${expected}. ${details ? `A mensagem dela: ${sentence(details)}` : 'Nao deixou mensagem.'} Por favor tente falar com ela.`,
  checkinEscalationModerators: (ref, expected, details, unreached) =>
    `Heads Up ${ref}: ${unreached ? 'uma pessoa cujos contatos nao conseguimos avisar' : 'uma pessoa sem contato'} nao deu noticias as ${expected}. ${details ? `Compartilhou: ${details}` : 'Nao compartilhou detalhes.'}`,
  checkinEscalationModeratorsFolded: (ref, expected, first, count) =>
    `Heads Up ${ref}: mais um check-in perdido, as ${expected}, de quem enviou ${first}: ${count} em 24 horas. As palavras nao sao enviadas de novo: SHOW ${ref.slice(1)} as mostra, BLOCK ${ref.slice(1)} bloqueia quem enviou.`,
  checkinEscalationModeratorsFoldedErased: (ref, expected) =>
    `Heads Up ${ref}: mais um check-in perdido, as ${expected}, de quem ja chegou completo 3 vezes em 24 horas. As palavras nao sao enviadas de novo: SHOW ${ref.slice(1)} as mostra, BLOCK ${ref.slice(1)} bloqueia quem enviou.`,
  checkinDetailsUnreadable: () => '(os detalhes nao puderam ser lidos)',
  checkinMemberTold: (told) =>
    told === 'nobody'
      ? 'Heads Up: voce nao deu noticias e nao resta contato para avisar. Escreva OK quando estiver segura.'
      : `Heads Up: voce nao deu noticias, entao estamos avisando ${told === 'buddies' ? 'seus contatos' : 'as moderadoras'}. Se nao conseguirmos, diremos a voce. Escreva OK quando estiver segura.`,
  discreetMemberTold: (told) =>
    told === 'nobody'
      ? 'HU: nao resta contato para passar sua mensagem. Procure alguem de outro jeito.'
      : `HU: estamos passando sua mensagem ${told === 'buddies' ? 'ao seu contato' : 'a nossa equipe'}. Se nao conseguirmos, diremos a voce. Responda OK quando puder.`,
  checkinOk: () => 'Heads Up: que bom que voce esta segura. Acompanhamento encerrado e detalhes apagados.',
  checkinCancelled: () => 'Heads Up: acompanhamento encerrado e detalhes apagados. Ninguem sera avisado.',
  checkinOkLate: () => 'Heads Up: que bom que voce esta segura. Avisamos que voce deu noticias.',
  checkinOkUnreached: (n) => `Heads Up: nao conseguimos avisar ${n === 1 ? 'um dos seus contatos' : `${n} dos seus contatos`} que voce deu noticias: ${n === 1 ? 'talvez ainda esteja preocupado' : 'talvez ainda estejam preocupados'}. Avise voce mesma que esta segura.`,
  discreetOkUnreached: (n) => `HU: nao conseguimos passar sua noticia ${n === 1 ? 'ao seu contato' : `a ${n} dos seus contatos`}. Avise voce mesma.`,
  checkinOkBuddy: (name) => (name ? `Heads Up: ${name} deu noticias e esta bem.` : 'Heads Up: a pessoa sem noticias ja deu noticias.'),
  discreetBuddyOk: (name) => `HU: ${name} ja nos respondeu e esta bem.`,
  checkinOkModerators: (refs) => `Heads Up ${refs}: a pessoa sem noticias neste check-in ja deu noticias.`,
  checkinNone: (checkin = 90) => `Heads Up: voce nao tem acompanhamento ativo. SEGURA e minutos comeca um, ex. SEGURA ${checkin}.`,
  checkinExtended: (until) => `Heads Up: acompanhamento estendido ate ${until}. Escreva OK quando estiver segura.`,
  checkinEscalationWithdrawn: (until) => `Heads Up: ninguem tinha sido avisado ainda, e ninguem sera: acompanhamento estendido ate ${until}. Escreva OK quando estiver segura.`,
  checkinBuddiesUnreached: (n, trying, running) =>
    `Heads Up: nao conseguimos avisar ${n === 1 ? 'seu contato' : 'nenhum contato seu'} que voce nao deu noticias.${trying ? ' Seguimos tentando.' : ''} Procure alguem de confianca de outro jeito. ${running ? 'Seu novo acompanhamento continua.' : 'Escreva OK quando estiver segura.'}`,
  discreetUnreached: (trying) =>
    `HU: nao conseguimos entregar sua mensagem ao seu contato.${trying ? ' Seguimos tentando.' : ''} Procure alguem de outro jeito.`,
  checkinBuddiesUnreachedModeratorsTold: (n, trying, running) =>
    `Heads Up: nao conseguimos avisar ${n === 1 ? 'seu contato' : 'nenhum dos seus contatos'} que voce nao deu noticias, entao avisamos as moderadoras.${trying ? ' Seguimos tentando.' : ''} Se puder, procure tambem alguem de confianca. ${running ? 'Seu novo acompanhamento continua.' : 'Escreva OK quando estiver segura.'}`,
  discreetUnreachedModeratorsTold: (trying) =>
    `HU: nao conseguimos entregar sua mensagem ao seu contato, entao passamos para a nossa equipe.${trying ? ' Seguimos tentando.' : ''}`,
  checkinModeratorsUnreached: (trying, running) =>
    `Heads Up: nao conseguimos avisar as moderadoras que voce nao deu noticias.${trying ? ' Seguimos tentando.' : ''} Procure alguem de confianca de outro jeito. ${running ? 'Seu novo acompanhamento continua.' : 'Escreva OK quando estiver segura.'}`,
  discreetModeratorsUnreached: (trying) =>
    `HU: nao conseguimos entregar sua mensagem a nossa equipe.${trying ? ' Seguimos tentando.' : ''} Procure alguem de outro jeito.`,
  checkinNoOneReached: (n, trying, running) =>
    `Heads Up: nao conseguimos avisar ${n === 1 ? 'seu contato' : 'nenhum dos seus contatos'} nem as moderadoras que voce nao deu noticias.${trying ? ' Seguimos tentando.' : ''} Procure alguem de confianca de outro jeito. ${running ? 'Seu novo acompanhamento continua.' : 'Escreva OK quando estiver segura.'}`,
  discreetNoOneReached: (trying) =>
    `HU: nao conseguimos entregar sua mensagem ao seu contato nem a nossa equipe.${trying ? ' Seguimos tentando.' : ''} Procure alguem de outro jeito.`,
  checkinUnreachedAfterAll: (n, moderators) =>
    `Heads Up: no fim nao conseguimos avisar ${n === 0 ? 'as moderadoras' : `${n === 1 ? 'seu contato' : 'nenhum contato seu'}${moderators ? ' nem as moderadoras' : ''}`} e paramos de tentar. Procure alguem de confianca de outro jeito. Escreva OK quando estiver segura.`,
  discreetUnreachedAfterAll: (n, moderators) =>
    `HU: no fim nao conseguimos entregar sua mensagem ${n === 0 ? 'a nossa equipe' : `ao seu contato${moderators ? ' nem a nossa equipe' : ''}`}. Procure alguem de outro jeito.`,
  laterUsage: (max, min, later = 30) =>
    later === null
      ? `Heads Up: um acompanhamento termina no maximo em ${max} minutos: o seu ainda nao pode ser prorrogado. Escreva OK quando estiver segura.`
      : `Heads Up: escreva DEPOIS e os minutos a somar, no minimo ${min}, ex. DEPOIS ${later}. Um acompanhamento pode terminar no maximo em ${max} minutos a partir de agora.`,
  // Reports (issue 11)
  reportAsk: (step, example = '415', ex = NA_EXAMPLES) =>
    ({
      what: 'Denuncia Heads Up. O que aconteceu? Ex. 1 3: 1 violencia 2 agressao sexual 3 roubo/nao pagou 4 camisinha 5 ameacas 6 assedio 7 perda de tempo 8 nao veio 9 outro',
      when: 'Quando? ex. sex 23h. A qualquer hora: PULAR uma pergunta, VOLTAR, ENVIAR para mandar ja, DESCARTAR para jogar fora.',
      where:
        example === '415'
          ? 'Onde? O codigo da regiao e, se quiser, o lugar, ex. 415 Motel 6 Lombard St. Ou PULAR.'
          : `Onde? A area e, se quiser, o lugar, ex. ${example} hotel Ibis, rua Direita. Ou PULAR.`,
      person: 'A pessoa: como era, que nomes usou? Ou PULAR.',
      vehicle: `Veiculo e placa? ex. Honda cinza, placa ${ex.plate}. Ou PULAR.`,
      contact: 'Como fez contato? Telefone, email, link do anuncio, @usuario ou site. Ou PULAR.',
      other: 'Algo mais para as moderadoras? Fica com elas, nao vai no alerta. Ou PULAR.',
    })[step],
  reportYouSaid: (answer) => `Voce disse: "${answer}". PULAR mantem, ou responda de novo.`,
  reportReview: (areas, body, segments = 2) =>
    fitSegments((x) => `Sua denuncia (${areas.length ? listAreas(areas) : 'sem area ainda'}): ${x} -- ENVIAR para mandar, VOLTAR para mudar, DESCARTAR para jogar fora.`, body, segments),
  reportMore: (count) => `+${count} outro${count === 1 ? '' : 's'}`,
  reportAnswerCut: (kept) => `Essa resposta era longa demais: so os primeiros ${kept} caracteres foram guardados. Ponha o resto em outra resposta.`,
  reportAskAgain: () => 'Responda com numeros da lista, ex. 1 3, ou PULAR.',
  reportNothingYet: () => 'Ainda nao ha nada para enviar: responda a pergunta, ou DESCARTAR.',
  reportCancelled: () => 'Heads Up: denuncia descartada, nada guardado. Escreva DENUNCIA para comecar de novo.',
  reportDraftFiled: (ref, areas) => `Heads Up: sua denuncia inacabada foi enviada a uma moderadora como ${ref} para ${listAreas(areas)}, com o que voce deu.`,
  reportDraftDropped: () => 'Heads Up: sua denuncia inacabada nao dizia o que aconteceu, entao foi descartada. Escreva DENUNCIA para comecar de novo.',
  reportDraftNoArea: (example = '415') =>
    `Heads Up: sua denuncia inacabada nao dizia a area, entao foi descartada. Escreva DENUNCIA e ${example === '415' ? 'o codigo da area' : 'a area'}, ex. DENUNCIA ${example}, para comecar de novo.`,
  discreetDraftFiled: (ref) => `HU: sua mensagem incompleta foi enviada como ${ref}.`,
  discreetDraftDropped: () => 'HU: sua mensagem incompleta nao foi enviada. Responda AJUDA se precisar.',
  categoryNames: (list) => list.map((c) => CATEGORY[c]).join(', '),
  alertBody: (f) => alertFromFields(f, CATEGORY, LABELS),
};

export const pt: Catalog = { ...members, ...ptModerators, ...CORRECTIONS.pt(members.checkinEnd) };
