/** Spanish replies, without á/í/ó/ú so they stay in GSM-7 segments. */
import type { AreaCommand, Catalog } from './catalog-type';
import type { ModeratorCatalog } from './catalog-moderator-type';
import { alertFromFields, categoryCounts, checkNamed, clip, listAreas, numbered, sentence, threeDigits } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { checkinExample } from './checkin-examples';
import { localDate } from './clock-time';
import { fitSegments } from './sms-segments';
import { esModerators } from './catalog-es-moderators';
import { CATEGORY, LABELS } from './catalog-es-words';
import { CORRECTIONS, type CorrectionCatalog } from './catalog-corrections';

export { LABELS };

// A check-in's end on another day: "21:30 del miercoles 2".
const WEEKDAY = ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'];
const KIND = { phone: 'ese numero', plate: 'esa placa', email: 'ese email', handle: 'ese usuario', link: 'ese enlace' } as const;

/** The command a reply about an unknown area says to send again, as members and moderators type it. */
const AREA_COMMAND: Record<AreaCommand, string> = { leave: 'SALIR', report: 'REPORTE', approve: 'APPROVE', alert: 'ALERT' };

/** What the catalogue says to members; to moderators, catalog-es-moderators.ts. */
const members: Omit<Catalog, keyof ModeratorCatalog | keyof CorrectionCatalog> = {
  joined: (areas) => `Heads Up: recibiras alertas de malos clientes en ${listAreas(areas)}. REPORTE + detalles para avisar. AYUDA para ayuda, ALTO para salir.`,
  joinPending: (areas) => `Heads Up: tu solicitud para ${listAreas(areas)} la revisa una moderadora. Te avisamos al entrar. ALTO para salir.`,
  joinWhichArea: () => 'Heads Up: ¿de que codigo de area quieres alertas? Responde con el, ej. 415.',
  conversationEnded: () => 'Heads Up: listo, cancelado. Escribe AYUDA para ver los comandos.',
  reportTooManyAreas: (max) => `Heads Up: un reporte puede nombrar ${max} areas como maximo. Envialo de nuevo con ${max} o menos.`,
  tooManyAreas: (max, held, ex = NA_EXAMPLES) =>
    held?.length === 0
      ? `Heads Up: puedes seguir ${max} areas como maximo. Escribe UNIRSE con ${max} o menos.`
      : `Heads Up: puedes seguir ${max} areas como maximo. Escribe ZONAS para ver las tuyas, SALIR ${held?.[0] ?? ex.area} para quitar una.`,
  unknownArea: (token, resend, area = '415') =>
    `Heads Up: "${clip(token, 12)}" no es un codigo de area ${threeDigits(token) ? 'que cubrimos. Prueba' : 'conocido. Usa 3 digitos,'} ej. ${resend ? AREA_COMMAND[resend] : 'UNIRSE'} ${area}.`,
  left: (areas, remaining, ex = NA_EXAMPLES) =>
    remaining.length
      ? `Heads Up: saliste de ${listAreas(areas)}. Sigues con alertas de ${listAreas(remaining)}.`
      : `Heads Up: saliste de ${listAreas(areas)} y ya no recibes alertas. UNIRSE ${ex.area} para volver.`,
  leftCovered: (left, covered, through) =>
    `Heads Up: ${left.length ? `saliste de ${listAreas(left)}. Las` : 'las'} alertas de ${listAreas(covered)} te siguen llegando por ${listAreas(through)} (misma zona). SALIR ${through.join(' ')} para dejarlas.`,
  notMember: (ex = NA_EXAMPLES) => `Heads Up: no estas suscrita. Escribe UNIRSE y tu ${areaCodes(ex) ? 'codigo de area' : 'area'}, ej. UNIRSE ${ex.area}.`,
  stopped: (via, checkinEnded, moderator) =>
    `Heads Up: suscripcion por ${via === 'sms' ? 'SMS' : 'Signal'} cancelada.${checkinEnded ? ' Tu reporte de seguridad se apago: nadie sera avisado.' : ''} ${
      via === 'sms' ? 'Si tambien usas Signal, envia ALTO por Signal.' : 'Si tambien usas SMS, envia ALTO por SMS.'
    } START para volver.${moderator ? ' Alertas detenidas, pero sigues recibiendo los avisos de reportes como moderadora hasta que el operador te quite de MODERATORS.' : ''}`,
  help: (ex = NA_EXAMPLES, checkin = 90) =>
    `Heads Up, linea de malos clientes. UNIRSE ${ex.area}: alertas de un area. REPORTE: avisar, paso a paso. VERIFICAR + numero, placa o @usuario: revisar un cliente. AMIGA + numero + nombre, luego SEGURA ${checkin}: alguien sabe si no respondes. DISCRETO: avisos simples. ZONAS, SALIR${areaCodes(ex) ? ' 415' : ''}, BORRAR, LANG. ALTO para salir.`,
  areas: (list, ex = NA_EXAMPLES) =>
    list.length
      ? `Heads Up: tus areas de alerta son ${listAreas(list)}. SALIR ${list[0]} quita una, ALTO las quita todas.`
      : `Heads Up: no tienes areas de alerta. Escribe UNIRSE ${ex.area} para recibir alertas.`,
  deleted: (via) =>
    via === 'sms'
      ? 'Heads Up: borramos todo lo que teniamos sobre ti por SMS. Si tambien usas Signal, envia BORRAR por Signal. UNIRSE para empezar de nuevo.'
      : 'Heads Up: borramos todo lo que teniamos sobre ti en Signal. Si tambien usas SMS, envia BORRAR por SMS. UNIRSE para empezar de nuevo.',
  langSet: () => 'Heads Up te respondera en español.',
  badLang: (codes) => `Heads Up habla ${codes.join(', ')}: escribe LANG y uno de ellos, ej. LANG ${codes[0] ?? 'ES'}.`,
  hint: () => 'Heads Up no entendio. Escribe AYUDA para ver los comandos.',
  joinWith: (areas) => `Heads Up: para recibir alertas de ${listAreas(areas)}, escribe UNIRSE ${areas.join(' ')}.`,
  mediaNotKept: () => '(Las fotos y archivos no llegan a Heads Up: escribe lo que muestran.)',
  mediaNotRead: (answering) =>
    `Heads Up recibe solo texto: fotos, audios y archivos no le llegan. ${answering ? 'Escribe tu respuesta, por favor.' : 'Escribelo, o escribe AYUDA para ver los comandos.'}`,
  leaveNeedsArea: (ex = NA_EXAMPLES) => `Heads Up: ¿que area? ej. SALIR ${ex.area}. ALTO las quita todas.`,
  reportReceived: (ref, areas) => `Heads Up: gracias. El reporte ${ref} para ${listAreas(areas)} lo revisa una moderadora y sale como alerta una vez verificado.`,
  reportReceivedCut: (ref, areas, kept) =>
    `Heads Up: gracias. El reporte ${ref} para ${listAreas(areas)} esta con una moderadora, pero era muy largo: guardamos sus primeros ${kept} caracteres. Manda el resto con REPORTE.`,
  reportNeedsText: (ex = NA_EXAMPLES) => `Heads Up: escribe REPORTE, el area y lo que paso, ej. REPORTE ${ex.area} van gris, agresivo, numero ${ex.number}.`,
  reportLimit: () => 'Heads Up: ya enviaste el maximo de reportes de hoy. Intenta de nuevo mañana.',
  reportNeedsArea: (codes, example = '415') =>
    codes
      ? `Heads Up: ¿que area? Escribe REPORTE, una de ${listAreas(codes)}, y lo que paso.`
      : `Heads Up: ¿que area? Escribe REPORTE, el area y lo que paso, ej. REPORTE ${example} van gris.`,
  reportDoneNeedsArea: (codes, example = '415') =>
    `Heads Up: tu reporte necesita un area para enviarse. Responde con ${codes ? `una de ${listAreas(codes)}` : `su codigo o nombre, ej. ${example}`}, o DESCARTAR.`,
  checkNeedsNumber: (ex = NA_EXAMPLES) => `Heads Up: escribe VERIFICAR y un numero, placa, email, @usuario o enlace, ej. VERIFICAR ${ex.number}.`,
  checkFound: (r) =>
    `Heads Up: ${KIND[r.kind ?? 'phone']} sale en ${r.count} alerta${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'sin categoria')}, la ultima el ${localDate(r.latest)}, en ${listAreas(r.areas)}. Cuidate.`,
  checkFoundAmong: (r, named) =>
    `Heads Up: ${checkNamed(named, 'y')} ${named.length === 1 ? 'sale' : 'salen'} en ${r.count} alerta${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'sin categoria')}, la ultima el ${localDate(r.latest)}, en ${listAreas(r.areas)}. Cuidate.`,
  checkNumberUnread: () => 'Heads Up: no se puede leer ese numero. Revisa los digitos; uno de fuera necesita + y el codigo del pais.',
  checkNone: () => 'Heads Up: ninguna alerta menciona eso. Sin registro no quiere decir seguro: confia en tu instinto.',
  checkNoneOfFirst: (n, limited) =>
    `Heads Up: ${n === 1 ? 'verificamos el primero: ninguna alerta' : `verificamos los primeros ${n}: ninguna alerta`}. Los demas no: ${limited ? 'son todas tus verificaciones por ahora, mandalos en una hora' : 'mandalos en otro VERIFICAR'}. Sin registro no quiere decir seguro: confia en tu instinto.`,
  checkUnchecked: (n, limited) =>
    `${n === 1 ? 'Solo se verifico el primero' : `Solo se verificaron los primeros ${n}`}: ${limited ? 'son todas tus verificaciones por ahora. Manda los demas en una hora.' : 'manda los demas en otro VERIFICAR.'}`,
  checkLimit: () => 'Heads Up: hiciste el maximo de verificaciones por ahora. Intenta en una hora.',
  membersOnly: (ex = NA_EXAMPLES) => `Heads Up: esto es para miembros. Primero escribe UNIRSE y tu ${areaCodes(ex) ? 'codigo de area' : 'area'}.`,
  requestWaiting: (areas) => `Heads Up: aun no estas dentro: tu solicitud para ${listAreas(areas)} la revisa una moderadora. Te avisamos al entrar.`,
  alert: (areas, text) => `Alerta Heads Up (${listAreas(areas)}): ${text} -- ALTO para salir`,
  modCheckinNoDetails: (ref) => `Los detalles del check-in ${ref} ya no se guardan. BLOCK ${ref.slice(1)} aun bloquea a quien lo envio.`,
  admitted: (areas) => `Heads Up: ya estas dentro. Recibiras alertas de malos clientes en ${listAreas(areas)}. AYUDA para ayuda, ALTO para salir.`,
  // Check-ins (issue 13)
  buddyInvite: (name) =>
    `Heads Up: ${name} te pidio ser su contacto de seguridad. Si no se reporta despues de una cita, te enviamos lo que compartio para que la busques. Responde ACEPTAR o RECHAZAR. ALTO: no mas mensajes.`,
  discreetBuddyInvite: (name) => `HU: ${name} te pide ser su contacto: si no nos responde a tiempo, te pasaremos su mensaje. Responde ACEPTAR o RECHAZAR.`,
  buddyAnswerHint: () => 'HU no entendio. Responde ACEPTAR o RECHAZAR.',
  buddyAsked: (ending) => `Heads Up: le pedimos al numero que termina en ${ending} ser tu contacto. Lo sera cuando responda ACEPTAR; te avisamos.`,
  buddyAlreadyAsked: (ending) => `Heads Up: ya le pedimos al numero que termina en ${ending}, o ya es tu contacto. Escribe AMIGA para ver tus contactos.`,
  buddyLimit: (max) => `Heads Up: puedes tener ${max} contactos como maximo. AMIGA OFF y su numero quita uno.`,
  buddyInvitesToday: (max) => `Heads Up: hoy ya pediste a ${max} personas que sean tu contacto, el maximo por dia. Intenta de nuevo manana.`,
  buddyDeclinedBefore: (ending, days) => `Heads Up: el numero que termina en ${ending} rechazo ser tu contacto, asi que no se lo pediremos de nuevo en ${days} dias.`,
  buddyUsage: (ex = NA_EXAMPLES) => `Heads Up: escribe AMIGA, su numero y el nombre con que te conoce, ej. AMIGA ${ex.number} Rosa. AMIGA OFF quita tus contactos.`,
  buddyNameRefused: (ex = NA_EXAMPLES) => `Heads Up: el nombre con que te conoce lleva solo letras: sin enlaces, @ ni numeros (Dr. Ana, con espacio). No se envio nada. Ej. AMIGA ${ex.number} Rosa.`,
  buddyOwnNumber: () => 'Heads Up: ese es tu propio numero. Elige a alguien de confianza.',
  buddyList: (items) =>
    `Heads Up: tus contactos: ${items.map((i) => `numero terminado en ${i.ending} (${i.status === 'accepted' ? 'acepto' : i.status === 'invited' ? 'esperando' : 'detenido'})`).join(', ')}. AMIGA OFF los quita.`,
  buddyNone: (ex = NA_EXAMPLES) => `Heads Up: no tienes contacto. Escribe AMIGA, su numero y el nombre con que te conoce, ej. AMIGA ${ex.number} Rosa.`,
  buddiesRemoved: (count) => (count ? `Heads Up: quitamos ${count} ${count === 1 ? 'contacto' : 'contactos'}.` : 'Heads Up: ningun contacto tuyo tiene ese numero.'),
  buddyDropped: (name) => `Heads Up: ${name} te quito como contacto de seguridad. No recibiras mas mensajes sobre esa persona.`,
  discreetBuddyDropped: (name) => `HU: ${name} te quito como su contacto. No recibiras mas mensajes sobre esa persona.`,
  buddyAccepted: () =>
    'Heads Up: gracias. Ahora eres contacto de seguridad: te escribimos si quien te lo pidio no se reporta. RECHAZAR para dejar de serlo.',
  buddyAcceptedMember: (ending) => `Heads Up: el numero que termina en ${ending} acepto: es tu contacto. SEGURA y minutos empieza un reporte de seguridad.`,
  buddyWhich: (names, more) =>
    `Heads Up: ${names.length + more > 1 ? 'estas personas te pidieron' : 'esta persona te pidio'} ser su contacto de seguridad, en el orden en que lo pidieron: ${numbered(names)}${more ? ` y ${more} mas` : ''}. Responde ACEPTAR y el numero de quien conoces (ACEPTAR 1).`,
  buddyWaiting: (name) => `Heads Up: quien espera tu respuesta dio el nombre ${name}. Si la conoces, responde solo ACEPTAR; si no, RECHAZAR.`,
  buddyNumberHidden: (answer) => {
    const word = answer === 'accept' ? 'ACEPTAR' : 'RECHAZAR';
    return `Heads Up: tu numero esta oculto en Signal, no sabemos quien te lo pidio. Si te lo pidieron por SMS, envia ${word} por SMS.`;
  },
  buddyNumberHiddenNoSms: (answer) =>
    `Heads Up: tu numero esta oculto en Signal, no sabemos quien te lo pidio, y esta linea no tiene SMS. ${answer === 'accept' ? 'Avisale que no pudimos tomar tu respuesta.' : 'Sin respuesta, la invitacion termina en una semana.'}`,
  buddyNoInviteHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? 'Heads Up: nadie te pidio por SMS ser su contacto. Si te lo pidieron en Signal, envia ACEPTAR por Signal. AYUDA: los comandos.'
        : 'Heads Up: nadie te pidio en Signal ser su contacto. Si te lo pidieron por SMS, envia ACEPTAR por SMS. AYUDA: los comandos.'
      : via === 'sms'
        ? 'Heads Up: nadie te pidio por SMS ser su contacto. AYUDA: los comandos.'
        : 'Heads Up: nadie te pidio en Signal ser su contacto. AYUDA: los comandos.',
  buddyNotAskedHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? 'Heads Up: nadie te pidio por SMS ser su contacto. Si te lo pidieron o aceptaste en Signal, envia RECHAZAR por Signal. AYUDA: los comandos.'
        : 'Heads Up: nadie te pidio en Signal ser su contacto. Si te lo pidieron o aceptaste por SMS, envia RECHAZAR por SMS. AYUDA: los comandos.'
      : via === 'sms'
        ? 'Heads Up: nadie te pidio por SMS ser su contacto. AYUDA: los comandos.'
        : 'Heads Up: nadie te pidio en Signal ser su contacto. AYUDA: los comandos.',
  buddyDeclined: (via) =>
    via === 'sms'
      ? 'Heads Up: listo, ya no eres contacto de nadie por SMS: no recibiras mensajes aqui. Si tambien eres contacto en Signal, envia RECHAZAR por Signal.'
      : 'Heads Up: listo, ya no eres contacto de nadie en Signal: no recibiras mensajes aqui. Si tambien eres contacto por SMS, envia RECHAZAR por SMS.',
  buddyDeclinedMember: (ending) => `Heads Up: el numero que termina en ${ending} rechazo, asi que no es tu contacto.`,
  buddyStoppedMember: (ending) => `Heads Up: el numero que termina en ${ending} nos pidio no escribirle, asi que ya no puede ser tu contacto.`,
  discreetContactAccepted: (ending) => `HU: el numero que termina en ${ending} dijo que si: ya es tu contacto.`,
  discreetContactDeclined: (ending) => `HU: el numero que termina en ${ending} dijo que no, asi que no es tu contacto.`,
  discreetContactStopped: (ending) => `HU: el numero que termina en ${ending} nos pidio no escribirle, asi que ya no es tu contacto.`,
  buddyUnreachedMember: (ending, channel) =>
    `Heads Up: no pudimos contactar el numero que termina en ${ending} (${channel === 'signal' ? 'quiza no usa Signal' : 'quiza no recibe SMS'}), asi que no es tu contacto. Escribe AMIGA con otro numero.`,
  discreetContactUnreached: (ending) => `HU: no pudimos contactar el numero que termina en ${ending}, asi que no es tu contacto.`,
  buddyChannelGoneMember: (ending, gone) =>
    gone === 'signal'
      ? `Heads Up ya no envia por Signal: tu pedido al numero que termina en ${ending} no se envio, asi que no es tu contacto. Para pedirlo por SMS, escribe AMIGA SMS, su numero y tu nombre.`
      : `Heads Up ya no envia por SMS: tu pedido al numero que termina en ${ending} no se envio, asi que no es tu contacto. Para pedirlo por Signal, envia AMIGA SIGNAL, su numero y tu nombre.`,
  discreetContactChannelGone: (ending, gone) =>
    `HU: ya no enviamos por ${gone === 'signal' ? 'Signal' : 'SMS'}, asi que tu mensaje al numero que termina en ${ending} no se envio: no es tu contacto. Para pedirlo otra vez, responde AMIGA ${gone === 'signal' ? 'SMS' : 'SIGNAL'}, su numero y tu nombre.`,
  checkinEnd: (e) => (e.day ? `${e.time} del ${WEEKDAY[e.day.weekday]} ${e.day.date}${e.day.month ? `/${e.day.month}` : ''}` : e.time),
  checkinStarted: (until, told, reminder, replaced, later = 30) =>
    `Heads Up: reporte hasta las ${until}${replaced ? ' (reemplaza el anterior y sus detalles)' : ''}. Escribe OK cuando estes a salvo${reminder ? '; te recordamos 10 min antes' : ''}. Si no, avisamos a ${told === 'buddies' ? 'tus contactos' : 'las moderadoras'} con tus detalles.${later === null ? '' : ` LUEGO ${later} da mas tiempo.`}`,
  checkinNeedsBuddy: (ex = NA_EXAMPLES) => `Heads Up: necesitas un contacto que haya aceptado. Primero escribe AMIGA, su numero y el nombre con que te conoce, ej. AMIGA ${ex.number} Rosa.`,
  checkinUsage: (min, max, ex = NA_EXAMPLES) => `Heads Up: escribe SEGURA, minutos (${min} a ${max}) y detalles para compartir si no te reportas, ej. SEGURA ${checkinExample({ minMinutes: min, maxMinutes: max })} Honda azul ${ex.number}.`,
  checkinDetailsTooLong: (max) => `Heads Up: usa menos de ${max} caracteres en los detalles para que lleguen completos. No empezamos nada.`,
  checkinReminder: (until, later = 30) => `Heads Up: tu reporte termina a las ${until}. Escribe OK cuando estes a salvo${later === null ? '' : `, o LUEGO ${later} para mas tiempo`}.`,
  discreetReminder: (until, later = 30) => `HU: responde OK antes de las ${until}${later === null ? '' : `, o LUEGO ${later}`}.`,
  checkinStillRuns: (until, later = 30) =>
    `Heads Up no entendio. Tu reporte sigue hasta las ${until}: escribe OK si estas a salvo${later === null ? '' : `, o LUEGO ${later} para mas tiempo`}.`,
  checkinStillMissed: (told) =>
    told === 'nobody'
      ? 'Heads Up no entendio. Tu reporte termino sin tu OK. Escribe OK si estas a salvo.'
      : `Heads Up no entendio. No te reportaste, asi que avisamos a ${told === 'buddies' ? 'tus contactos' : 'las moderadoras'}. Escribe OK si estas a salvo y se lo diremos.`,
  discreetStillMissed: (told) => (told === 'nobody' ? 'HU: responde OK cuando puedas.' : `HU: pasamos tu mensaje a ${told === 'buddies' ? 'tu contacto' : 'nuestro equipo'}. Responde OK cuando puedas.`),
  checkinNoOneLeft: (ex = NA_EXAMPLES) => `Heads Up: tu reporte ya no llega a nadie: no queda contacto a quien avisar si no respondes. Agrega uno: escribe AMIGA, su numero y el nombre con que te conoce, ej. AMIGA ${ex.number} Rosa.`,
  checkinModeratorsGone: (ex = NA_EXAMPLES) => `Heads Up: tu reporte ya no llega a nadie: por ahora no podemos avisar a las moderadoras. Agrega un contacto: escribe AMIGA, su numero y el nombre con que te conoce, ej. AMIGA ${ex.number} Rosa.`,
  discreetModeratorsGone: () => 'HU: por ahora nuestro equipo no puede recibir tu mensaje. Responde AMIGA, un numero y tu nombre para agregar un contacto.',
  discreetNoOneLeft: () => 'HU: no queda contacto a quien pasar tu mensaje. Responde AMIGA, un numero y tu nombre para agregar uno.',
  checkinRestored: (until, told) =>
    `Heads Up: la linea se restauro desde una copia y puede haber perdido tus ultimos mensajes, asi que tu reporte sigue activo. Si estas a salvo, escribe OK. ${
      told === 'nobody' ? `Termina a las ${until}.` : `Si no, avisamos a ${told === 'buddies' ? 'tus contactos' : 'las moderadoras'} a las ${until} con tus detalles.`
    }`,
  discreetRestored: (until, later = 30) => `HU: pudimos perder tus ultimos mensajes. Responde OK antes de las ${until} si todo va bien${later === null ? '' : `, o LUEGO ${later}`}.`,
  checkinEscalation: (name, expected, details) =>
    `Heads Up: ${name} no se ha reportado. Pensaba terminar a las ${expected}. ${details ? `Compartio: ${sentence(details)}` : 'No compartio detalles.'} Por favor trata de contactarla.`,
  discreetBuddyEscalation: (name, expected, details) =>
    `HU: ${name} no nos respondio a tiempo. Pensaba terminar a las ${expected}. ${details ? `Su mensaje: ${sentence(details)}` : 'No dejo mensaje.'} Por favor trata de contactarla.`,
  checkinEscalationModerators: (ref, expected, details, unreached) =>
    `Heads Up ${ref}: ${unreached ? 'una persona a cuyos contactos no pudimos avisar' : 'una persona sin contacto'} no se reporto a las ${expected}. ${details ? `Compartio: ${details}` : 'No compartio detalles.'}`,
  checkinEscalationModeratorsFolded: (ref, expected, first, count) =>
    `Heads Up ${ref}: otro check-in sin respuesta, a las ${expected}, de quien envio ${first}: ${count} en 24 horas. Sus palabras no se envian otra vez: SHOW ${ref.slice(1)} las muestra, BLOCK ${ref.slice(1)} bloquea a quien lo envia.`,
  checkinEscalationModeratorsFoldedErased: (ref, expected) =>
    `Heads Up ${ref}: otro check-in sin respuesta, a las ${expected}, de quien ya les llego completo 3 veces en 24 horas. Sus palabras no se envian otra vez: SHOW ${ref.slice(1)} las muestra, BLOCK ${ref.slice(1)} bloquea a quien lo envia.`,
  checkinDetailsUnreadable: () => '(sus detalles no se pudieron leer)',
  checkinMemberTold: (told) =>
    told === 'nobody'
      ? 'Heads Up: no te reportaste y no queda contacto a quien avisar. Escribe OK cuando estes a salvo.'
      : `Heads Up: no te reportaste, asi que estamos avisando a ${told === 'buddies' ? 'tus contactos' : 'las moderadoras'}. Si no lo logramos, te lo diremos. Escribe OK cuando estes a salvo.`,
  discreetMemberTold: (told) =>
    told === 'nobody'
      ? 'HU: no queda contacto a quien pasar tu mensaje. Busca a alguien de otra forma.'
      : `HU: estamos pasando tu mensaje a ${told === 'buddies' ? 'tu contacto' : 'nuestro equipo'}. Si no lo logramos, te lo diremos. Responde OK cuando puedas.`,
  checkinOk: () => 'Heads Up: que bueno que estas a salvo. Reporte terminado y detalles borrados.',
  checkinCancelled: () => 'Heads Up: reporte terminado y detalles borrados. Nadie sera avisado.',
  checkinOkLate: () => 'Heads Up: que bueno que estas a salvo. Les avisamos que te reportaste.',
  checkinOkUnreached: (n) => `Heads Up: no pudimos avisar a ${n === 1 ? 'uno de tus contactos' : `${n} de tus contactos`} que te reportaste: ${n === 1 ? 'quiza siga preocupado. Avisale' : 'quiza sigan preocupados. Avisales'} tu misma que estas a salvo.`,
  discreetOkUnreached: (n) => `HU: no pudimos pasar tu noticia a ${n === 1 ? 'tu contacto' : `${n} de tus contactos`}. ${n === 1 ? 'Avisale' : 'Avisales'} tu misma.`,
  checkinOkBuddy: (name) => (name ? `Heads Up: ${name} ya se reporto y esta bien.` : 'Heads Up: la persona que no se reporto ya se reporto.'),
  discreetBuddyOk: (name) => `HU: ${name} ya nos respondio y esta bien.`,
  checkinOkModerators: (refs) => `Heads Up ${refs}: la persona que no se reporto en este check-in ya se reporto.`,
  checkinNone: (checkin = 90) => `Heads Up: no tienes un reporte activo. SEGURA y minutos empieza uno, ej. SEGURA ${checkin}.`,
  checkinExtended: (until) => `Heads Up: reporte extendido hasta las ${until}. Escribe OK cuando estes a salvo.`,
  checkinEscalationWithdrawn: (until) => `Heads Up: aun no habiamos avisado a nadie, y ya no lo haremos: reporte extendido hasta las ${until}. Escribe OK cuando estes a salvo.`,
  checkinBuddiesUnreached: (n, trying, running) =>
    `Heads Up: no pudimos avisar a ${n === 1 ? 'tu contacto' : 'ninguno de tus contactos'} de que no te reportaste.${trying ? ' Seguimos intentando.' : ''} Busca a alguien de confianza de otra forma. ${running ? 'Tu nuevo reporte sigue en marcha.' : 'Escribe OK cuando estes a salvo.'}`,
  discreetUnreached: (trying) =>
    `HU: no pudimos hacer llegar tu mensaje a tu contacto.${trying ? ' Seguimos intentando.' : ''} Busca a alguien de otra forma.`,
  checkinBuddiesUnreachedModeratorsTold: (n, trying, running) =>
    `Heads Up: no pudimos avisar a ${n === 1 ? 'tu contacto' : 'ninguno de tus contactos'} de que no te reportaste, asi que avisamos a las moderadoras.${trying ? ' Seguimos intentando.' : ''} Si puedes, busca tambien a alguien de confianza. ${running ? 'Tu nuevo reporte sigue en marcha.' : 'Escribe OK cuando estes a salvo.'}`,
  discreetUnreachedModeratorsTold: (trying) =>
    `HU: no pudimos hacer llegar tu mensaje a tu contacto, asi que lo pasamos a nuestro equipo.${trying ? ' Seguimos intentando.' : ''}`,
  checkinModeratorsUnreached: (trying, running) =>
    `Heads Up: no pudimos avisar a las moderadoras de que no te reportaste.${trying ? ' Seguimos intentando.' : ''} Busca a alguien de confianza de otra forma. ${running ? 'Tu nuevo reporte sigue en marcha.' : 'Escribe OK cuando estes a salvo.'}`,
  discreetModeratorsUnreached: (trying) =>
    `HU: no pudimos hacer llegar tu mensaje a nuestro equipo.${trying ? ' Seguimos intentando.' : ''} Busca a alguien de otra forma.`,
  checkinNoOneReached: (n, trying, running) =>
    `Heads Up: no pudimos avisar a ${n === 1 ? 'tu contacto' : 'ninguno de tus contactos'} ni a las moderadoras de que no te reportaste.${trying ? ' Seguimos intentando.' : ''} Busca a alguien de confianza de otra forma. ${running ? 'Tu nuevo reporte sigue en marcha.' : 'Escribe OK cuando estes a salvo.'}`,
  discreetNoOneReached: (trying) =>
    `HU: no pudimos hacer llegar tu mensaje a tu contacto ni a nuestro equipo.${trying ? ' Seguimos intentando.' : ''} Busca a alguien de otra forma.`,
  checkinUnreachedAfterAll: (n, moderators) =>
    `Heads Up: al final no pudimos avisar a ${n === 0 ? 'las moderadoras' : `${n === 1 ? 'tu contacto' : 'ninguno de tus contactos'}${moderators ? ' ni a las moderadoras' : ''}`} y dejamos de intentar. Busca a alguien de confianza de otra forma. Escribe OK si estas a salvo.`,
  discreetUnreachedAfterAll: (n, moderators) =>
    `HU: al final no pudimos hacer llegar tu mensaje a ${n === 0 ? 'nuestro equipo' : `tu contacto${moderators ? ' ni a nuestro equipo' : ''}`}. Busca a alguien de otra forma.`,
  laterUsage: (max, min, later = 30) =>
    later === null
      ? `Heads Up: un reporte termina como mucho en ${max} minutos desde ahora: el tuyo aun no se alarga. Escribe OK cuando estes a salvo.`
      : `Heads Up: escribe LUEGO y los minutos a sumar, al menos ${min}, ej. LUEGO ${later}. Un reporte puede terminar como mucho en ${max} minutos desde ahora.`,
  // Reach (issue 12)
  joinWhichAreaListed: (codes) => `Heads Up: ¿de que area quieres alertas? Responde con una: ${listAreas(codes)}.`,
  unknownAreaListed: (codes, resend) =>
    resend
      ? `Heads Up: esa no es una de nuestras areas. Envia ${AREA_COMMAND[resend]} de nuevo con una de ${listAreas(codes)}.`
      : `Heads Up: esa no es una de nuestras areas. Responde con una de ${listAreas(codes)}.`,
  joinWhichAreaNamed: (example) => `Heads Up: ¿de que area quieres alertas? Responde con su codigo o nombre, ej. ${example}.`,
  unknownAreaNamed: (token, example, resend) =>
    `Heads Up: "${clip(token, 12)}" no es una de nuestras areas. Usa su codigo o nombre, ej. ${resend ? AREA_COMMAND[resend] : 'UNIRSE'} ${example}.`,
  discreetOn: (via) =>
    `Heads Up: alertas discretas activadas. Cada alerta llega como un aviso neutro; escribe LEER para verla. ${
      via === 'sms' ? 'Si tambien usas Signal, envia DISCRETO SI por Signal.' : 'Si tambien usas SMS, envia DISCRETO SI por SMS.'
    }`,
  discreetOff: (via) =>
    via === 'sms'
      ? 'Heads Up: alertas discretas desactivadas por SMS. Si tambien las activaste en Signal, envia DISCRETO NO por Signal. DISCRETO SI aqui para activarlas.'
      : 'Heads Up: alertas discretas desactivadas en Signal. Si tambien las activaste por SMS, envia DISCRETO NO por SMS. DISCRETO SI aqui para activarlas.',
  discreetState: (on, via) =>
    `Heads Up: alertas discretas ${on ? 'activadas' : 'desactivadas'} ${via === 'sms' ? 'por SMS' : 'en Signal'}. Escribe DISCRETO ${on ? 'NO para desactivarlas' : 'SI para activarlas'}.`,
  discreetWhenBack: (on, via) =>
    `Heads Up: ahora no recibes alertas ${via === 'sms' ? 'por SMS' : 'en Signal'}. Al volver, las alertas discretas estaran ${on ? 'activadas' : 'desactivadas'}. START para volver.`,
  discreetNotice: (areas) => `HU ${listAreas(areas)}: 1 mensaje nuevo. Responde LEER para verlo.`,
  readNone: () => 'Heads Up: nada sin leer.',
  readItem: (areas, text, day) => `(${listAreas(areas)}, ${localDate(day)}) ${text}`,
  readMore: (count) => `+${count} anteriores: escribe LEER otra vez.`,
  discreetAdmitted: (areas) => `HU: ya estas dentro para ${listAreas(areas)}. Responde AYUDA para ver los comandos.`,
  // Reports (issue 11)
  reportAsk: (step, example = '415', ex = NA_EXAMPLES) =>
    ({
      what: 'Reporte Heads Up. ¿Que paso? Numeros, ej. 1 3: 1 violencia 2 agresion sexual 3 robo/no pago 4 condon 5 amenazas 6 acoso 7 perdida de tiempo 8 no vino 9 otro',
      when: '¿Cuando paso? ej. vie 11pm. Siempre: SALTAR una pregunta, ATRAS, ENVIAR para enviarlo ya, DESCARTAR para tirarlo.',
      where:
        example === '415'
          ? '¿Donde? El codigo de area y, si quieres, el lugar, ej. 415 Motel 6 Lombard St. O SALTAR.'
          : `¿Donde? El area y, si quieres, el lugar, ej. ${example} hotel Ibis, calle Mayor. O SALTAR.`,
      person: 'La persona: ¿como era, que nombres uso? O SALTAR.',
      vehicle: `¿Vehiculo y placa? ej. Honda gris, placa ${ex.plate}. O SALTAR.`,
      contact: '¿Como te contacto? Telefono, email, enlace del anuncio, @usuario o sitio. O SALTAR.',
      other: '¿Algo mas para las moderadoras? Queda con ellas, no sale en la alerta. O SALTAR.',
    })[step],
  reportYouSaid: (answer) => `Dijiste: "${answer}". SALTAR lo deja, o responde de nuevo.`,
  reportReview: (areas, body, segments = 2) =>
    fitSegments((x) => `Tu reporte (${areas.length ? listAreas(areas) : 'sin area aun'}): ${x} -- ENVIAR para enviarlo, ATRAS para cambiar, DESCARTAR para tirarlo.`, body, segments),
  reportMore: (count) => `+${count} otro${count === 1 ? '' : 's'}`,
  reportAnswerCut: (kept) => `Esa respuesta era muy larga: solo se guardaron sus primeros ${kept} caracteres. Pon el resto en otra respuesta.`,
  reportAskAgain: () => 'Responde con numeros de la lista, ej. 1 3, o SALTAR.',
  reportNothingYet: () => 'Aun no hay nada que enviar: responde la pregunta, o DESCARTAR.',
  reportCancelled: () => 'Heads Up: reporte descartado, no guardamos nada. Escribe REPORTE para empezar de nuevo.',
  reportDraftFiled: (ref, areas) => `Heads Up: tu reporte sin terminar se envio a una moderadora como ${ref} para ${listAreas(areas)}, con lo que diste.`,
  reportDraftDropped: () => 'Heads Up: tu reporte sin terminar no decia que paso, asi que se descarto. Escribe REPORTE para empezar de nuevo.',
  reportDraftNoArea: (example = '415') =>
    `Heads Up: tu reporte sin terminar no decia el area, asi que se descarto. Escribe REPORTE y ${example === '415' ? 'el codigo de area' : 'el area'}, ej. REPORTE ${example}, para empezar de nuevo.`,
  discreetDraftFiled: (ref) => `HU: tu mensaje sin terminar se envio como ${ref}.`,
  discreetDraftDropped: () => 'HU: tu mensaje sin terminar no se envio. Responde AYUDA si lo necesitas.',
  categoryNames: (list) => list.map((c) => CATEGORY[c]).join(', '),
  alertBody: (f) => alertFromFields(f, CATEGORY, LABELS),
};

export const es: Catalog = { ...members, ...esModerators, ...CORRECTIONS.es(members.checkinEnd) };
