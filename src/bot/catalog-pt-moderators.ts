/** Portuguese replies to moderators (catalog-moderator-type.ts); catalog-pt.ts joins them to the members' replies. */
import type { ModeratorCatalog } from './catalog-moderator-type';
import { clip, leftOutLine, listAreas } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { fitSegments } from './sms-segments';
import { CATEGORY, LABELS } from './catalog-pt-words';

/** STATS's areas with their members ("415:12 628:3"), and how many more the next page (STATS n) lists. */
const areaCounts = (areas: Array<{ npa: string; members: number }>, more: number, next: number): string =>
  `${areas.map((a) => `${a.npa}:${a.members}`).join(' ')}${more ? ` +${more} mais: STATS ${next}` : ''}`;

export const ptModerators: ModeratorCatalog = {
  modNotice: (ref, alert, segments) =>
    `Denuncia ${ref}, ${segments} SMS, enviaria:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} texto`,
  modNoticeTooLong: (ref, _areas, segments, text) =>
    fitSegments((x) => `Denuncia ${ref}: ${x} -- longa demais para um alerta (${segments} SMS, max 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} texto`, clip(text, 120)),
  modApproveUnread: (ref, alert, segments) =>
    `Nao enviada: ${ref} mudou ou o aviso ainda nao chegou. ${segments} SMS, APPROVE ${ref.slice(1)} de novo para enviar: ${alert}`,
  modApproveRetried: (ref) => `Nao enviado: ${ref}. Escreva APPROVE ${ref.slice(1)} de novo para ler o que sairia, depois APPROVE para enviar.`,
  modShow: (ref, alert, segments, note) => `${ref}, ${segments} SMS, APPROVE enviaria: ${alert}${note ? `\nNota: ${note}` : ''}`,
  modShowTooLong: (ref, segments, text, parts) =>
    `${ref} é longa demais para um alerta (${segments} SMS, max 3); EDIT ${ref.slice(1)} texto curto. Diz${parts > 1 ? ` (1/${parts})` : ''}: ${text}`,
  modShowMore: (ref, part, parts, text) => `${ref} (${part}/${parts}): ${text}`,
  modTooLong: (ref, segments) => `${ref} é longa demais para um alerta (${segments} SMS, max 3). EDIT ${ref.slice(1)} um texto curto, depois APPROVE ${ref.slice(1)}.`,
  modAlertTooLong: (segments) => `Esse alerta é longo demais (${segments} SMS, max 3). Envie um texto mais curto.`,
  modSignalCaptcha: () =>
    'Heads Up: o Signal limita os envios da linha e pede um captcha. As mensagens do Signal esperam; os SMS seguem. ' +
    'Para liberar: resolva https://signalcaptchas.org/challenge/generate.html e de ao operador o link signalcaptcha:// para heads-up signal-captcha.',
  modDigest: (reports, joins) =>
    `${[reports ? `mais ${reports} denuncia${reports === 1 ? '' : 's'}` : '', joins ? `mais ${joins} pedido${joins === 1 ? '' : 's'}` : ''].filter(Boolean).join(' e ')} esperando; escreva PENDING`,
  modSenderErased: (ref) => `Quem enviou ${ref} apagou seus dados com APAGAR, ou teve a entrada recusada: nao sobra ninguém para bloquear.`,
  modJoinRequest: (ref, areas) => `Pedido ${ref} para ${listAreas(areas)}. APPROVE ${ref.slice(1)} para admitir, REJECT ${ref.slice(1)} para recusar.`,
  modPending: (items, more = 0, next = 2) =>
    items.length
      ? `Pendentes: ${items.map((i) => `${i.ref}${i.kind === 'member' ? ' pedido' : ''} (${listAreas(i.areas)})`).join('; ')}${more ? `; +${more} mais: PENDING ${next}` : ''}`
      : 'Nada pendente.',
  modApproved: (ref, areas) => `${ref} aprovada: alerta indo para ${listAreas(areas)}.`,
  modApprovedNoOne: (ref, areas) =>
    `${ref} aprovada para ${listAreas(areas)}, mas ninguem la recebe alertas ainda: ninguem vai recebe-la. Confira a area; RETRACT ${ref.slice(1)} a retira.`,
  modAdmitted: (ref) => `${ref} admitida.`,
  modRejected: (ref) => `${ref} recusada.`,
  modEdited: (ref, segments, fits) =>
    fits
      ? `${ref} editada (${segments} SMS). SHOW ${ref.slice(1)} para ler, APPROVE ${ref.slice(1)} para enviar.`
      : `${ref} editada mas ainda longa demais para um alerta (${segments} SMS, max 3). EDIT ${ref.slice(1)} um texto curto.`,
  modEditedNotice: (ref, alert, segments) =>
    alert !== null
      ? `${ref} foi editada. ${segments} SMS, APPROVE agora envia:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} texto`
      : `${ref} foi editada e é longa demais para um alerta (${segments} SMS, max 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} texto`,
  modAlertQueued: (areas, ref, text) => fitSegments((x) => `Alerta ${ref} indo para ${listAreas(areas)}. RETRACT ${ref.slice(1)} a retira. Texto: "${x}"`, clip(text, 40)),
  modAlertNoOne: (areas, ref) =>
    `Alerta ${ref} para ${listAreas(areas)} guardada, mas ninguem la recebe alertas ainda: ninguem vai recebe-la. Confira a area; RETRACT ${ref.slice(1)} a retira.`,
  modBlocked: (ref) => `Quem enviou ${ref} esta bloqueado.`,
  modBlockedModerator: (ref) => `${ref} foi enviada por um moderador: ninguém fica bloqueado. REJECT ${ref.slice(1)} a descarta.`,
  modBlockedDiscarded: (ref, n) => `Quem enviou ${ref} esta bloqueado; ${n === 1 ? '1 denuncia pendente dessa pessoa foi descartada' : `${n} denuncias pendentes dessa pessoa foram descartadas`}.`,
  modJoinBlocked: (ref) => `Nao admitida: quem enviou ${ref} foi bloqueado. O pedido esta encerrado.`,
  modIdentityChanged: (position) =>
    `Heads Up: o numero de seguranca do Signal da moderadora ${position} (em MODERATORS) mudou: um telefone novo, ou outra pessoa. ` +
    'Nada que ela enviar vale como comando de moderadora ate que quem opera a linha confira o numero com ela pessoalmente e rode heads-up signal-readmit, e o que ela enviou antes nunca valera.',
  modReadmitHeld: () => 'Heads Up: voce e moderadora de novo. O que voce enviou antes nao foi considerado: envie de novo o que ainda importa.',
  modNoSuchRef: (ref) => `Nada pendente com ${clip(ref, 8)}.`,
  modAlreadyDecided: (ref) => `${ref} ja foi decidida.`,
  modRejectedDiscarded: (ref) => `${ref} foi recusada: seu texto foi descartado.`,
  modShowFirst: (ref) => `Nao enviado: ${ref} nunca foi mostrado a voce. Escreva SHOW ${ref.slice(1)} para ler, depois APPROVE.`,
  modHelp: (ex = NA_EXAMPLES) =>
    `Heads Up moderadoras: PENDING, SHOW ref, APPROVE ref, REJECT ref, EDIT ref texto, ALERT area texto, BLOCK ref, RETRACT ref, STATS. Membros: ENTRAR ${ex.area}, DENUNCIA, VERIFICAR, PARCEIRA, SEGURA 90, DISCRETO, REGIOES, SAIR ${ex.area}, APAGAR, LANG, PARAR.`,
  modHint: () => 'Heads Up nao entendeu. Moderadoras: PENDING, SHOW, APPROVE, REJECT, EDIT, RETRACT, BLOCK + referencia; ALERT area texto; STATS. AJUDA para tudo.',
  modNeedsRef: (command) => `Qual? Informe a referencia, ex. ${command} K7Q2.`,
  modOneRef: (command) => `Uma referencia de cada vez, sem outras palavras depois, ex. ${command} K7Q2: nada foi feito.`,
  modNeedsText: (ex = NA_EXAMPLES) => `Junte o texto, ex. ALERT ${ex.area} van cinza, agressivo.`,
  modEditNeedsText: () => 'Inclua o novo texto, ex. EDIT K7Q2 van cinza, agressivo.',
  modNeedsArea: (ex = NA_EXAMPLES) => `Quais areas? ex. ALERT ${areaCodes(ex) ? '415 628' : ex.area} texto.`,
  modStats: (s) =>
    `Membros: ${s.membersByArea.length ? `${s.people} no total; ${areaCounts(s.membersByArea, s.moreAreas, 2)}` : 'nenhum'}. Denuncias pendentes: ${s.pendingReports}. Pedidos pendentes: ${s.pendingMembers}. Alertas emitidos: ${s.alertsIssued}${s.alertsRetracted ? ` (sem contar ${s.alertsRetracted} ${s.alertsRetracted === 1 ? 'retirado' : 'retirados'})` : ''}.`,
  modStatsMore: (page, areas, more) => `Membros, pagina ${page}: ${areaCounts(areas, more, page + 1)}.`,
  modReportNotice: (n) => {
    const r = n.ref.slice(1);
    const matched = [
      n.matches.alertCount ? `COINCIDE com ${n.matches.alertCount} alerta${n.matches.alertCount === 1 ? '' : 's'} anterior${n.matches.alertCount === 1 ? '' : 'es'}${n.matches.alerts.length ? `: ${n.matches.alerts.slice(0, 5).map((x) => `#${x}`).join(', ')}` : ''}` : '',
      n.matches.pending.length ? `COINCIDE com ${n.matches.pending.length} pendente${n.matches.pending.length === 1 ? '' : 's'}: ${n.matches.pending.slice(0, 5).map((x) => `#${x}`).join(', ')}` : '',
    ].filter(Boolean);
    const head = `Denuncia ${n.ref} (${listAreas(n.areas)})${n.categories.length ? `: ${n.categories.map((c) => CATEGORY[c]).join(', ')}` : ''}.${matched.length ? ` ${matched.join('. ')}.` : ''}`;
    const note = `${leftOutLine(n.leftOut, LABELS, ['Retirado para caber', 'Encurtado para caber'], (c) => `${c} contato${c === 1 ? '' : 's'}`, (c) => `${c} categoria${c === 1 ? '' : 's'}`)}${n.note ? `\nNota: ${clip(n.note, 160)}` : ''}`;
    return n.alert !== null
      ? `${head} ${n.segments} SMS, enviaria:\n${n.alert}${note}\nAPPROVE ${r} / REJECT ${r} / EDIT ${r} texto`
      : `${head} Longo demais para um alerta (${n.segments} SMS, max 3): ${clip(n.text ?? '', 300)}${note}\nEDIT ${r} texto, SHOW ${r}`;
  },
  modRetracted: (ref, cancelled) =>
    `${ref} retirado: ${cancelled} copia${cancelled === 1 ? '' : 's'} nao enviada${cancelled === 1 ? '' : 's'} cancelada${cancelled === 1 ? '' : 's'}; as do Signal sao apagadas (ou corrigidas quando nao da) e as por SMS recebem uma correcao. Nao aparece mais em VERIFICAR.`,
  modRetractedUnsent: (ref) => `${ref} retirado antes de sair: nenhuma participante recebe. Nao aparece mais em VERIFICAR.`,
  modNotAlert: (ref) => `${ref} nunca saiu como alerta: nada para retirar.`,
  modAlreadyRetracted: (ref) => `${ref} ja estava retirado.`,
};
