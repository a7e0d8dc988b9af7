/** Spanish replies to moderators (catalog-moderator-type.ts); catalog-es.ts joins them to the members' replies. */
import type { ModeratorCatalog } from './catalog-moderator-type';
import { clip, leftOutLine, listAreas } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { fitSegments } from './sms-segments';
import { CATEGORY, LABELS } from './catalog-es-words';

/** STATS's areas with their members ("415:12 628:3"), and how many more the next page (STATS n) lists. */
const areaCounts = (areas: Array<{ npa: string; members: number }>, more: number, next: number): string =>
  `${areas.map((a) => `${a.npa}:${a.members}`).join(' ')}${more ? ` +${more} mas: STATS ${next}` : ''}`;

export const esModerators: ModeratorCatalog = {
  modNotice: (ref, alert, segments) =>
    `Reporte ${ref}, ${segments} SMS, se enviaria:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} texto`,
  modNoticeTooLong: (ref, _areas, segments, text) =>
    fitSegments((x) => `Reporte ${ref}: ${x} -- muy largo para una alerta (${segments} SMS, max 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} texto`, clip(text, 120)),
  modApproveUnread: (ref, alert, segments) =>
    `No enviada: ${ref} cambio o su aviso no te ha llegado. ${segments} SMS, APPROVE ${ref.slice(1)} otra vez para enviar: ${alert}`,
  modApproveRetried: (ref) => `No enviado: ${ref}. Escribe APPROVE ${ref.slice(1)} otra vez para leer lo que saldria, luego APPROVE para enviarlo.`,
  modShow: (ref, alert, segments, note) => `${ref}, ${segments} SMS, APPROVE enviaria: ${alert}${note ? `\nNota: ${note}` : ''}`,
  modShowTooLong: (ref, segments, text, parts) =>
    `${ref} es muy largo para una alerta (${segments} SMS, max 3); EDIT ${ref.slice(1)} texto corto. Dice${parts > 1 ? ` (1/${parts})` : ''}: ${text}`,
  modShowMore: (ref, part, parts, text) => `${ref} (${part}/${parts}): ${text}`,
  modTooLong: (ref, segments) => `${ref} es muy largo para una alerta (${segments} SMS, max 3). EDIT ${ref.slice(1)} un texto corto, luego APPROVE ${ref.slice(1)}.`,
  modAlertTooLong: (segments) => `Esa alerta es muy larga (${segments} SMS, max 3). Envia un texto mas corto.`,
  modSignalCaptcha: () =>
    'Heads Up: Signal limita los envios de la linea y pide un captcha. Los mensajes de Signal esperan; los SMS siguen. ' +
    'Para quitarlo: resuelve https://signalcaptchas.org/challenge/generate.html y da al operador el enlace signalcaptcha:// para heads-up signal-captcha.',
  modDigest: (reports, joins) =>
    `${[reports ? `${reports} reporte${reports === 1 ? '' : 's'} mas` : '', joins ? `${joins} solicitud${joins === 1 ? '' : 'es'} mas` : ''].filter(Boolean).join(' y ')} en espera; escribe PENDING`,
  modSenderErased: (ref) => `Quien envio ${ref} borro sus datos con BORRAR, o se le nego la entrada: no queda nadie que bloquear.`,
  modJoinRequest: (ref, areas) => `Solicitud ${ref} para ${listAreas(areas)}. APPROVE ${ref.slice(1)} para admitir, REJECT ${ref.slice(1)} para rechazar.`,
  modPending: (items, more = 0, next = 2) =>
    items.length
      ? `Pendientes: ${items.map((i) => `${i.ref}${i.kind === 'member' ? ' alta' : ''} (${listAreas(i.areas)})`).join('; ')}${more ? `; +${more} mas: PENDING ${next}` : ''}`
      : 'Nada pendiente.',
  modApproved: (ref, areas) => `${ref} aprobado: alerta enviandose a ${listAreas(areas)}.`,
  modApprovedNoOne: (ref, areas) =>
    `${ref} aprobado para ${listAreas(areas)}, pero alli nadie recibe alertas aun: nadie la recibira. Revisa el area; RETRACT ${ref.slice(1)} la retira.`,
  modAdmitted: (ref) => `${ref} admitida.`,
  modRejected: (ref) => `${ref} rechazado.`,
  modEdited: (ref, segments, fits) =>
    fits
      ? `${ref} editado (${segments} SMS). SHOW ${ref.slice(1)} para leerlo, APPROVE ${ref.slice(1)} para enviarlo.`
      : `${ref} editado pero sigue muy largo para una alerta (${segments} SMS, max 3). EDIT ${ref.slice(1)} un texto corto.`,
  modEditedNotice: (ref, alert, segments) =>
    alert !== null
      ? `${ref} fue editado. ${segments} SMS, APPROVE ahora envia:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} texto`
      : `${ref} fue editado y es muy largo para una alerta (${segments} SMS, max 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} texto`,
  modAlertQueued: (areas, ref, text) => fitSegments((x) => `Alerta ${ref} enviandose a ${listAreas(areas)}. RETRACT ${ref.slice(1)} la retira. Texto: "${x}"`, clip(text, 40)),
  modAlertNoOne: (areas, ref) =>
    `Alerta ${ref} para ${listAreas(areas)} guardada, pero alli nadie recibe alertas aun: nadie la recibira. Revisa el area; RETRACT ${ref.slice(1)} la retira.`,
  modBlocked: (ref) => `Quien envio ${ref} esta bloqueado.`,
  modBlockedModerator: (ref) => `${ref} lo envio un moderador: nadie queda bloqueado. REJECT ${ref.slice(1)} lo descarta.`,
  modBlockedDiscarded: (ref, n) => `Quien envio ${ref} esta bloqueado; ${n === 1 ? 'se descarto 1 reporte pendiente suyo' : `se descartaron ${n} reportes pendientes suyos`}.`,
  modJoinBlocked: (ref) => `No admitida: quien envio ${ref} fue bloqueado. La solicitud queda cerrada.`,
  modIdentityChanged: (position) =>
    `Heads Up: cambio el numero de seguridad de Signal de la moderadora ${position} (en MODERATORS): un telefono nuevo, u otra persona. ` +
    'Nada de lo que envie vale como orden de moderadora hasta que quien opera la linea lo compruebe con ella en persona y ejecute heads-up signal-readmit; lo de antes, nunca.',
  modReadmitHeld: () => 'Heads Up: vuelves a ser moderadora. Lo que enviaste antes no se tuvo en cuenta: envia de nuevo lo que aun importe.',
  modNoSuchRef: (ref) => `No hay pendiente ${clip(ref, 8)}.`,
  modAlreadyDecided: (ref) => `${ref} ya estaba decidido.`,
  modRejectedDiscarded: (ref) => `${ref} fue rechazado: su texto fue descartado.`,
  modShowFirst: (ref) => `No enviado: nunca te mostramos ${ref}. Escribe SHOW ${ref.slice(1)} para leerlo, luego APPROVE.`,
  modHelp: (ex = NA_EXAMPLES) =>
    `Heads Up moderadoras: PENDING, SHOW ref, APPROVE ref, REJECT ref, EDIT ref texto, ALERT area texto, BLOCK ref, RETRACT ref, STATS. Miembros: UNIRSE ${ex.area}, REPORTE, VERIFICAR, AMIGA, SEGURA 90, DISCRETO, ZONAS, SALIR ${ex.area}, BORRAR, LANG, ALTO.`,
  modHint: () => 'Heads Up no entendio. Moderadoras: PENDING, SHOW, APPROVE, REJECT, EDIT, RETRACT, BLOCK + referencia; ALERT area texto; STATS. AYUDA para todo.',
  modNeedsRef: (command) => `¿Cual? Da la referencia, ej. ${command} K7Q2.`,
  modOneRef: (command) => `Una referencia a la vez, sin otras palabras despues, ej. ${command} K7Q2: no se hizo nada.`,
  modNeedsText: (ex = NA_EXAMPLES) => `Agrega el texto, ej. ALERT ${ex.area} van gris, agresivo.`,
  modEditNeedsText: () => 'Agrega el texto nuevo, ej. EDIT K7Q2 van gris, agresivo.',
  modNeedsArea: (ex = NA_EXAMPLES) => `¿Que areas? ej. ALERT ${areaCodes(ex) ? '415 628' : ex.area} texto.`,
  modStats: (s) =>
    `Miembros: ${s.membersByArea.length ? `${s.people} en total; ${areaCounts(s.membersByArea, s.moreAreas, 2)}` : 'ninguno'}. Reportes pendientes: ${s.pendingReports}. Altas pendientes: ${s.pendingMembers}. Alertas emitidas: ${s.alertsIssued}${s.alertsRetracted ? ` (sin contar ${s.alertsRetracted} ${s.alertsRetracted === 1 ? 'retirada' : 'retiradas'})` : ''}.`,
  modStatsMore: (page, areas, more) => `Miembros, pagina ${page}: ${areaCounts(areas, more, page + 1)}.`,
  modReportNotice: (n) => {
    const r = n.ref.slice(1);
    const matched = [
      n.matches.alertCount ? `COINCIDE con ${n.matches.alertCount} alerta${n.matches.alertCount === 1 ? '' : 's'} anterior${n.matches.alertCount === 1 ? '' : 'es'}${n.matches.alerts.length ? `: ${n.matches.alerts.slice(0, 5).map((x) => `#${x}`).join(', ')}` : ''}` : '',
      n.matches.pending.length ? `COINCIDE con ${n.matches.pending.length} pendiente${n.matches.pending.length === 1 ? '' : 's'}: ${n.matches.pending.slice(0, 5).map((x) => `#${x}`).join(', ')}` : '',
    ].filter(Boolean);
    const head = `Reporte ${n.ref} (${listAreas(n.areas)})${n.categories.length ? `: ${n.categories.map((c) => CATEGORY[c]).join(', ')}` : ''}.${matched.length ? ` ${matched.join('. ')}.` : ''}`;
    const note = `${leftOutLine(n.leftOut, LABELS, ['Quitado para caber', 'Acortado para caber'], (c) => `${c} contacto${c === 1 ? '' : 's'}`, (c) => `${c} categoria${c === 1 ? '' : 's'}`)}${n.note ? `\nNota: ${clip(n.note, 160)}` : ''}`;
    return n.alert !== null
      ? `${head} ${n.segments} SMS, se enviaria:\n${n.alert}${note}\nAPPROVE ${r} / REJECT ${r} / EDIT ${r} texto`
      : `${head} Es muy largo para una alerta (${n.segments} SMS, max 3): ${clip(n.text ?? '', 300)}${note}\nEDIT ${r} texto, SHOW ${r}`;
  },
  modRetracted: (ref, cancelled) =>
    `${ref} retirado: ${cancelled} copia${cancelled === 1 ? '' : 's'} sin enviar cancelada${cancelled === 1 ? '' : 's'}; las de Signal se borran (o se corrigen si no se puede) y las de SMS reciben una correccion. Ya no sale en VERIFICAR.`,
  modRetractedUnsent: (ref) => `${ref} retirado antes de salir: ningun miembro lo recibe. Ya no sale en VERIFICAR.`,
  modNotAlert: (ref) => `${ref} nunca salio como alerta: nada que retirar.`,
  modAlreadyRetracted: (ref) => `${ref} ya estaba retirado.`,
};
