/**
 * French replies, in GSM-7: é, è, à and ù are kept (they are in the GSM
 * alphabet); ç, â, ê, î, ô and û are written without their accent, so a
 * reply is not billed as 70-character UCS-2 segments.
 */
import type { AreaCommand, Catalog } from './catalog-type';
import type { ModeratorCatalog } from './catalog-moderator-type';
import { alertFromFields, categoryCounts, checkNamed, clip, listAreas, numbered, sentence, threeDigits } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { checkinExample } from './checkin-examples';
import { localDate } from './clock-time';
import { fitSegments } from './sms-segments';
import { frModerators } from './catalog-fr-moderators';
import { CATEGORY, LABELS } from './catalog-fr-words';
import { CORRECTIONS, type CorrectionCatalog } from './catalog-corrections';

export { LABELS };

// Reports (issue 11)
const KIND = { phone: 'ce numéro', plate: 'cette plaque', email: 'cet email', handle: 'ce pseudo', link: 'ce lien' } as const;
// A check-in's end on another day: "21:30 le mercredi 2".
const WEEKDAY = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** The command a reply about an unknown area says to send again, as members and moderators type it. */
const AREA_COMMAND: Record<AreaCommand, string> = { leave: 'QUITTER', report: 'SIGNALER', approve: 'APPROVE', alert: 'ALERT' };

/** What the catalogue says to members; to moderators, catalog-fr-moderators.ts. */
const members: Omit<Catalog, keyof ModeratorCatalog | keyof CorrectionCatalog> = {
  joined: (areas) => `Heads Up: vous recevrez les alertes mauvais clients pour ${listAreas(areas)}. SIGNALER + détails pour prévenir. AIDE pour l'aide, STOP pour partir.`,
  joinPending: (areas) => `Heads Up: votre demande pour ${listAreas(areas)} est chez une modératrice. On vous écrit dès que c'est bon. STOP pour partir.`,
  joinWhichArea: () => 'Heads Up: pour quelle zone voulez-vous des alertes? Répondez avec son code, ex. 415.',
  conversationEnded: () => "Heads Up: d'accord, annulé. Écrivez AIDE pour les commandes.",
  reportTooManyAreas: (max) => `Heads Up: un signalement peut nommer au plus ${max} zones. Renvoyez-le avec ${max} ou moins.`,
  tooManyAreas: (max, held, ex = NA_EXAMPLES) =>
    held?.length === 0
      ? `Heads Up: vous pouvez suivre ${max} zones au plus. REJOINDRE avec ${max} ou moins.`
      : `Heads Up: vous pouvez suivre ${max} zones au plus. ZONES pour les voir, QUITTER ${held?.[0] ?? ex.area} pour en retirer une.`,
  unknownArea: (token, resend, area = '415') =>
    `Heads Up: "${clip(token, 12)}" n'est pas une zone ${threeDigits(token) ? 'que nous couvrons. Essayez' : 'connue. Utilisez 3 chiffres,'} ex. ${resend ? AREA_COMMAND[resend] : 'REJOINDRE'} ${area}.`,
  left: (areas, remaining, ex = NA_EXAMPLES) =>
    remaining.length
      ? `Heads Up: vous avez quitté ${listAreas(areas)}. Vous gardez les alertes pour ${listAreas(remaining)}.`
      : `Heads Up: vous avez quitté ${listAreas(areas)} et ne recevez plus d'alertes. REJOINDRE ${ex.area} pour revenir.`,
  leftCovered: (left, covered, through) =>
    `Heads Up: ${left.length ? `vous avez quitté ${listAreas(left)}. Les` : 'les'} alertes pour ${listAreas(covered)} vous arrivent toujours par ${listAreas(through)} (zone identique). QUITTER ${through.join(' ')} pour ne plus les recevoir.`,
  notMember: (ex = NA_EXAMPLES) => `Heads Up: vous n'etes pas inscrite. Écrivez REJOINDRE et votre zone, ex. REJOINDRE ${ex.area}.`,
  stopped: (via, checkinEnded, moderator) =>
    `Heads Up: désinscrite ${via === 'sms' ? 'par SMS' : 'sur Signal'}.${checkinEnded ? ' Votre suivi est annulé: personne ne sera prévenu.' : ''} ${
      via === 'sms' ? 'Si vous utilisez aussi Signal, envoyez STOP sur Signal.' : 'Si vous utilisez aussi les SMS, envoyez STOP par SMS.'
    } START pour revenir.${moderator ? ' Alertes coupées, mais vous recevez les avis de signalements comme modératrice tant que l\'opérateur ne vous retire pas de MODERATORS.' : ''}`,
  help: (ex = NA_EXAMPLES, checkin = 90) =>
    `Heads Up, liste des mauvais clients. REJOINDRE ${ex.area}: alertes pour une zone. SIGNALER: prévenir. VERIFIER + numéro, plaque ou @pseudo: vérifier un client. BINOME + numéro + nom, puis SECURITE ${checkin}: un proche est prévenu. DISCRET, ZONES, QUITTER${areaCodes(ex) ? ' 415' : ''}, SUPPRIMER, LANG. STOP pour partir.`,
  areas: (list, ex = NA_EXAMPLES) =>
    list.length
      ? `Heads Up: vos zones d'alerte sont ${listAreas(list)}. QUITTER ${list[0]} en retire une, STOP les retire toutes.`
      : `Heads Up: vous n'avez aucune zone d'alerte. Écrivez REJOINDRE ${ex.area} pour recevoir des alertes.`,
  deleted: (via) =>
    via === 'sms'
      ? 'Heads Up: tout ce que nous avions sur vous par SMS est effacé. Si vous utilisez aussi Signal, envoyez SUPPRIMER sur Signal. REJOINDRE pour revenir.'
      : 'Heads Up: tout ce que nous avions sur vous sur Signal est effacé. Si vous utilisez aussi les SMS, envoyez SUPPRIMER par SMS. REJOINDRE pour revenir.',
  langSet: () => 'Heads Up vous répondra en francais.',
  badLang: (codes) => `Heads Up parle ${codes.join(', ')}: écrivez LANG et l'une d'elles, ex. LANG ${codes[0] ?? 'FR'}.`,
  hint: () => "Heads Up n'a pas compris. Écrivez AIDE pour les commandes.",
  joinWith: (areas) => `Heads Up: pour les alertes de ${listAreas(areas)}, écrivez REJOINDRE ${areas.join(' ')}.`,
  mediaNotKept: () => '(Les photos et fichiers ne parviennent pas à Heads Up: décrivez-les en mots.)',
  mediaNotRead: (answering) =>
    `Heads Up ne recoit que du texte: photos, messages vocaux et fichiers ne lui parviennent pas. ${answering ? 'Écrivez votre réponse, svp.' : 'Écrivez-le, ou écrivez AIDE pour les commandes.'}`,
  leaveNeedsArea: (ex = NA_EXAMPLES) => `Heads Up: quelle zone? ex. QUITTER ${ex.area}. STOP les retire toutes.`,
  reportReceived: (ref, areas) => `Heads Up: merci. Le signalement ${ref} pour ${listAreas(areas)} est chez une modératrice et partira en alerte une fois vérifié.`,
  reportReceivedCut: (ref, areas, kept) =>
    `Heads Up: merci. Le signalement ${ref} pour ${listAreas(areas)} est chez une modératrice, mais trop long: on garde ses ${kept} premiers caractères. Envoyez la suite par SIGNALER.`,
  reportNeedsText: (ex = NA_EXAMPLES) => `Heads Up: écrivez SIGNALER, la zone et les faits, ex. SIGNALER ${ex.area} van gris, agressif, numéro ${ex.number}.`,
  reportLimit: () => "Heads Up: vous avez envoyé le maximum de signalements pour aujourd'hui. Réessayez demain.",
  reportNeedsArea: (codes, example = '415') =>
    codes
      ? `Heads Up: quelle zone? Écrivez SIGNALER, l'une de ${listAreas(codes)}, puis les faits.`
      : `Heads Up: quelle zone? Écrivez SIGNALER, la zone, puis les faits, ex. SIGNALER ${example} camionnette grise.`,
  reportDoneNeedsArea: (codes, example = '415') =>
    `Heads Up: il faut une zone pour envoyer votre signalement. Répondez avec ${codes ? `l'une de ${listAreas(codes)}` : `son code ou son nom, ex. ${example}`}, ou ANNULER.`,
  checkNeedsNumber: (ex = NA_EXAMPLES) => `Heads Up: écrivez VERIFIER et un numéro, une plaque, un email, un @pseudo ou un lien, ex. VERIFIER ${ex.number}.`,
  checkFound: (r) =>
    `Heads Up: ${KIND[r.kind ?? 'phone']} figure dans ${r.count} alerte${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'sans catégorie')}, la dernière le ${localDate(r.latest)}, pour ${listAreas(r.areas)}. Prudence.`,
  checkFoundAmong: (r, named) =>
    `Heads Up: ${checkNamed(named, 'et')} ${named.length === 1 ? 'figure' : 'figurent'} dans ${r.count} alerte${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'sans catégorie')}, la dernière le ${localDate(r.latest)}, pour ${listAreas(r.areas)}. Prudence.`,
  checkNumberUnread: () => "Heads Up: ce numéro est illisible. Vérifiez les chiffres; un numéro de l'étranger a besoin du + et de l'indicatif du pays.",
  checkNone: () => "Heads Up: aucune alerte ne cite cela. Pas de trace ne veut pas dire sans danger: écoutez votre instinct.",
  checkNoneOfFirst: (n, limited) =>
    `Heads Up: ${n === 1 ? 'le premier vérifié: aucune alerte' : `les ${n} premiers vérifiés: aucune alerte`}. Les autres non: ${limited ? "c'est le maximum pour le moment, envoyez-les dans une heure" : 'renvoyez-les avec VERIFIER'}. Pas de trace ne veut pas dire sans danger: écoutez votre instinct.`,
  checkUnchecked: (n, limited) =>
    `${n === 1 ? 'Seul le premier a été vérifié' : `Seuls les ${n} premiers ont été vérifiés`}: ${limited ? "c'est le maximum pour le moment. Envoyez les autres dans une heure." : 'envoyez les autres dans un autre VERIFIER.'}`,
  checkLimit: () => 'Heads Up: vous avez fait le maximum de vérifications pour le moment. Réessayez dans une heure.',
  membersOnly: () => "Heads Up: c'est réservé aux membres. Écrivez d'abord REJOINDRE et votre zone.",
  requestWaiting: (areas) => `Heads Up: vous n'etes pas encore inscrite: votre demande pour ${listAreas(areas)} est chez une modératrice. On vous écrit dès que c'est bon.`,
  alert: (areas, text) => `Alerte Heads Up (${listAreas(areas)}): ${text} -- STOP pour partir`,
  modCheckinNoDetails: (ref) => `Les détails du check-in ${ref} ne sont plus gardés. BLOCK ${ref.slice(1)} bloque encore son auteur.`,
  admitted: (areas) => `Heads Up: vous etes inscrite. Vous recevrez les alertes mauvais clients pour ${listAreas(areas)}. AIDE pour l'aide, STOP pour partir.`,
  // Reach (issue 12)
  joinWhichAreaListed: (codes) => `Heads Up: pour quelle zone voulez-vous des alertes? Répondez avec l'une de: ${listAreas(codes)}.`,
  unknownAreaListed: (codes, resend) =>
    resend
      ? `Heads Up: ce n'est pas une de nos zones. Renvoyez ${AREA_COMMAND[resend]} avec l'une de: ${listAreas(codes)}.`
      : `Heads Up: ce n'est pas une de nos zones. Répondez avec l'une de: ${listAreas(codes)}.`,
  joinWhichAreaNamed: (example) => `Heads Up: pour quelle zone voulez-vous des alertes? Répondez avec son code ou son nom, ex. ${example}.`,
  unknownAreaNamed: (token, example, resend) =>
    `Heads Up: "${clip(token, 12)}" n'est pas une de nos zones. Utilisez son code ou son nom, ex. ${resend ? AREA_COMMAND[resend] : 'REJOINDRE'} ${example}.`,
  discreetOn: (via) =>
    `Heads Up: alertes discrètes activées. Une alerte arrive comme un message neutre; écrivez LIRE. ${
      via === 'sms' ? 'Si vous utilisez aussi Signal, envoyez DISCRET OUI sur Signal.' : 'Si vous utilisez aussi les SMS, envoyez DISCRET OUI par SMS.'
    }`,
  discreetOff: (via) =>
    via === 'sms'
      ? 'Heads Up: alertes discrètes désactivées par SMS. Activées aussi sur Signal? Envoyez DISCRET NON sur Signal. DISCRET OUI ici pour les réactiver.'
      : 'Heads Up: alertes discrètes désactivées sur Signal. Activées aussi par SMS? Envoyez DISCRET NON par SMS. DISCRET OUI ici pour les réactiver.',
  discreetState: (on, via) =>
    `Heads Up: alertes discrètes ${on ? 'activées' : 'désactivées'} ${via === 'sms' ? 'par SMS' : 'sur Signal'}. Écrivez DISCRET ${on ? 'NON pour les désactiver' : 'OUI pour les activer'}.`,
  discreetWhenBack: (on, via) =>
    `Heads Up: vous ne recevez plus d'alertes ${via === 'sms' ? 'par SMS' : 'sur Signal'}. Les alertes discrètes seront ${on ? 'activées' : 'désactivées'} à votre retour. START pour revenir.`,
  discreetNotice: (areas) => `HU ${listAreas(areas)}: 1 nouveau message. Répondez LIRE pour le voir.`,
  readNone: () => 'Heads Up: rien de non lu.',
  readItem: (areas, text, day) => `(${listAreas(areas)}, ${localDate(day)}) ${text}`,
  // The noun said: "plus anciens" alone agreed with no word of the answer (it lists alertes, feminine).
  readMore: (count) => `+${count} alerte${count === 1 ? '' : 's'} plus ancienne${count === 1 ? '' : 's'}: écrivez LIRE à nouveau.`,
  discreetAdmitted: (areas) => `HU: c'est bon pour ${listAreas(areas)}. Répondez AIDE pour les commandes.`,
  // Check-ins (issue 13)
  buddyInvite: (name) =>
    `Heads Up: ${name} vous demande d'etre son contact de sécurité. Si cette personne ne donne pas de nouvelles après un rendez-vous, on vous envoie ce qu'elle a partagé. Répondez ACCEPTER ou REFUSER. STOP: plus de messages.`,
  discreetBuddyInvite: (name) => `HU: ${name} vous demande d'etre son contact: si cette personne ne nous répond pas à temps, on vous transmettra son message. Répondez ACCEPTER ou REFUSER.`,
  buddyAnswerHint: () => "HU n'a pas compris. Répondez ACCEPTER ou REFUSER.",
  buddyAsked: (ending) => `Heads Up: on a demandé au numéro finissant par ${ending} d'etre votre contact. Ce sera fait quand il répond ACCEPTER; on vous le dira.`,
  buddyAlreadyAsked: (ending) => `Heads Up: le numéro finissant par ${ending} est déjà demandé ou déjà votre contact. Écrivez BINOME pour voir vos contacts.`,
  buddyLimit: (max) => `Heads Up: vous pouvez avoir ${max} contacts au plus. BINOME OFF et son numéro en retire un.`,
  buddyInvitesToday: (max) => `Heads Up: vous avez déjà invité ${max} personnes aujourd'hui, le maximum par jour. Réessayez demain.`,
  buddyDeclinedBefore: (ending, days) => `Heads Up: le numéro finissant par ${ending} a refusé votre invitation, nous ne la lui renverrons pas avant ${days} jours.`,
  buddyUsage: (ex = NA_EXAMPLES) => `Heads Up: écrivez BINOME, son numéro et le nom sous lequel il vous connait, ex. BINOME ${ex.number} Rose. BINOME OFF retire vos contacts.`,
  buddyNameRefused: (ex = NA_EXAMPLES) => `Heads Up: le nom sous lequel il vous connait: lettres seules, sans lien, @ ni numéro (Dr. Ana, avec espace). Pas d'envoi. Ex. BINOME ${ex.number} Rose.`,
  buddyOwnNumber: () => "Heads Up: c'est votre propre numéro. Choisissez une personne de confiance.",
  buddyList: (items) =>
    `Heads Up: vos contacts: ${items.map((i) => `numéro finissant par ${i.ending} (${i.status === 'accepted' ? 'accepté' : i.status === 'invited' ? 'en attente' : 'arreté'})`).join(', ')}. BINOME OFF les retire.`,
  buddyNone: (ex = NA_EXAMPLES) => `Heads Up: vous n'avez pas de contact. Écrivez BINOME, son numéro et le nom sous lequel il vous connait, ex. BINOME ${ex.number} Rose.`,
  buddiesRemoved: (count) => (count ? `Heads Up: ${count} ${count === 1 ? 'contact retiré' : 'contacts retirés'}.` : "Heads Up: aucun de vos contacts n'a ce numéro."),
  buddyDropped: (name) => `Heads Up: ${name} vous a retiré de ses contacts de sécurité. Vous ne recevrez plus de messages à son sujet.`,
  discreetBuddyDropped: (name) => `HU: ${name} vous a retiré de ses contacts. Vous ne recevrez plus de messages à son sujet.`,
  buddyAccepted: () =>
    'Heads Up: merci. Vous etes maintenant contact de sécurité: on vous écrit si la personne qui vous l\'a demandé ne donne pas signe de vie. REFUSER pour arreter.',
  buddyAcceptedMember: (ending) => `Heads Up: le numéro finissant par ${ending} a accepté: c'est votre contact. SECURITE et des minutes lance un suivi.`,
  buddyWhich: (names, more) =>
    `Heads Up: ${names.length + more > 1 ? 'ces personnes vous veulent' : 'cette personne vous veut'} comme contact de sécurité, dans l'ordre: ${numbered(names)}${more ? ` et ${more} autres` : ''}. Répondez ACCEPTER + le numéro de celle que vous connaissez (ACCEPTER 1).`,
  buddyWaiting: (name) => `Heads Up: la personne qui attend votre réponse a donné le nom ${name}. Si vous la connaissez, répondez ACCEPTER seul; sinon, REFUSER.`,
  buddyNumberHidden: (answer) => {
    const word = answer === 'accept' ? 'ACCEPTER' : 'REFUSER';
    return `Heads Up: votre numéro est masqué sur Signal, nous ne savons pas qui vous l'a demandé. Si c'était par SMS, envoyez ${word} par SMS.`;
  },
  buddyNumberHiddenNoSms: (answer) =>
    `Heads Up: votre numéro est masqué sur Signal, on ne sait pas qui vous l'a demandé, et cette ligne n'a pas de SMS. ${answer === 'accept' ? 'Dites-lui que votre réponse est perdue.' : "Sans réponse, l'invitation finit sous 7 jours."}`,
  buddyNoInviteHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? "Heads Up: personne ne vous a demandé par SMS d'etre son contact. Si on vous l'a demandé sur Signal, envoyez ACCEPTER sur Signal. AIDE: les commandes."
        : "Heads Up: personne ne vous a demandé sur Signal d'etre son contact. Si on vous l'a demandé par SMS, envoyez ACCEPTER par SMS. AIDE: les commandes."
      : via === 'sms'
        ? "Heads Up: personne ne vous a demandé par SMS d'etre son contact. AIDE: les commandes."
        : "Heads Up: personne ne vous a demandé sur Signal d'etre son contact. AIDE: les commandes.",
  buddyNotAskedHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? "Heads Up: personne ne vous a demandé par SMS d'etre son contact. Si on vous l'a demandé ou que vous avez accepté sur Signal, envoyez REFUSER sur Signal."
        : "Heads Up: personne ne vous a demandé sur Signal d'etre son contact. Si on vous l'a demandé ou que vous avez accepté par SMS, envoyez REFUSER par SMS."
      : via === 'sms'
        ? "Heads Up: personne ne vous a demandé par SMS d'etre son contact."
        : "Heads Up: personne ne vous a demandé sur Signal d'etre son contact.",
  buddyDeclined: (via) =>
    via === 'sms'
      ? "Heads Up: d'accord, vous n'etes plus le contact de personne par SMS: plus de suivi ici. Si vous etes aussi contact sur Signal, envoyez REFUSER sur Signal."
      : "Heads Up: d'accord, vous n'etes plus le contact de personne sur Signal: plus de suivi ici. Si vous etes aussi contact par SMS, envoyez REFUSER par SMS.",
  buddyDeclinedMember: (ending) => `Heads Up: le numéro finissant par ${ending} a refusé, ce n'est pas votre contact.`,
  buddyStoppedMember: (ending) => `Heads Up: le numéro finissant par ${ending} nous a demandé de ne plus lui écrire, ce n'est plus votre contact.`,
  discreetContactAccepted: (ending) => `HU: le numéro finissant par ${ending} a dit oui: c'est votre contact.`,
  discreetContactDeclined: (ending) => `HU: le numéro finissant par ${ending} a dit non, ce n'est pas votre contact.`,
  discreetContactStopped: (ending) => `HU: le numéro finissant par ${ending} nous a demandé de ne plus lui écrire, ce n'est plus votre contact.`,
  buddyUnreachedMember: (ending, channel) =>
    `Heads Up: impossible de joindre le numéro finissant par ${ending} (${channel === 'signal' ? 'sans doute pas sur Signal' : 'sans doute pas de SMS'}), ce n'est pas votre contact. Écrivez BINOME avec un autre numéro.`,
  discreetContactUnreached: (ending) => `HU: impossible de joindre le numéro finissant par ${ending}, ce n'est pas votre contact.`,
  buddyChannelGoneMember: (ending, gone) =>
    gone === 'signal'
      ? `Heads Up n'envoie plus par Signal: votre demande au numéro finissant par ${ending} n'est pas partie, ce n'est pas votre contact. Pour la faire par SMS, écrivez BINOME SMS, son numéro et votre nom.`
      : `Heads Up n'envoie plus par SMS: votre demande au numéro finissant par ${ending} n'est pas partie, ce n'est pas votre contact. Pour la faire sur Signal, envoyez BINOME SIGNAL, son numéro et votre nom.`,
  discreetContactChannelGone: (ending, gone) =>
    `HU: nous n'envoyons plus par ${gone === 'signal' ? 'Signal' : 'SMS'}, votre message au numéro finissant par ${ending} n'est pas parti: ce n'est pas votre contact. Pour redemander, répondez BINOME ${gone === 'signal' ? 'SMS' : 'SIGNAL'}, son numéro et votre nom.`,
  checkinEnd: (e) => (e.day ? `${e.time} le ${WEEKDAY[e.day.weekday]} ${e.day.date}${e.day.month ? `/${e.day.month}` : ''}` : e.time),
  checkinStarted: (until, told, reminder, replaced, later = 30) =>
    `Heads Up: suivi jusqu'à ${until}${replaced ? ' (il remplace le précédent et ses détails)' : ''}. Écrivez OK une fois en sécurité${reminder ? '; rappel 10 min avant' : ''}. Sinon, on alerte ${told === 'buddies' ? 'vos contacts' : 'les modératrices'} avec vos détails.${later === null ? '' : ` PROLONGER ${later} ajoute du temps.`}`,
  checkinNeedsBuddy: (ex = NA_EXAMPLES) => `Heads Up: un suivi demande un contact qui a accepté. Écrivez d'abord BINOME, son numéro et le nom sous lequel il vous connait, ex. BINOME ${ex.number} Rose.`,
  checkinUsage: (min, max, ex = NA_EXAMPLES) => `Heads Up: écrivez SECURITE, les minutes (${min} à ${max}) puis les détails à partager sans nouvelles, ex. SECURITE ${checkinExample({ minMinutes: min, maxMinutes: max })} Honda bleue ${ex.number}.`,
  checkinDetailsTooLong: (max) => `Heads Up: gardez les détails sous ${max} caractères pour qu'ils arrivent entiers. Rien n'a été lancé.`,
  checkinReminder: (until, later = 30) => `Heads Up: votre suivi finit à ${until}. Écrivez OK quand vous etes en sécurité${later === null ? '' : `, ou PROLONGER ${later} pour plus de temps`}.`,
  discreetReminder: (until, later = 30) => `HU: répondez OK avant ${until}${later === null ? '' : `, ou PROLONGER ${later}`}.`,
  checkinStillRuns: (until, later = 30) =>
    `Heads Up n'a pas compris. Votre suivi continue jusqu'à ${until}: écrivez OK si vous etes en sécurité${later === null ? '' : `, ou PROLONGER ${later} pour plus de temps`}.`,
  checkinStillMissed: (told) =>
    told === 'nobody'
      ? "Heads Up n'a pas compris. Votre suivi a pris fin sans votre OK. Écrivez OK si vous etes en sécurité."
      : `Heads Up n'a pas compris. Pas de nouvelles de vous, on a prévenu ${told === 'buddies' ? 'vos contacts' : 'les modératrices'}. Écrivez OK si vous etes en sécurité et on le leur dira.`,
  discreetStillMissed: (told) => (told === 'nobody' ? 'HU: répondez OK dès que possible.' : `HU: on a transmis votre message à ${told === 'buddies' ? 'votre contact' : 'notre équipe'}. Répondez OK dès que possible.`),
  checkinNoOneLeft: (ex = NA_EXAMPLES) => `Heads Up: votre suivi ne prévient plus personne: aucun contact ne reste à prévenir si vous ne répondez pas. Ajoutez-en un: écrivez BINOME, son numéro et le nom sous lequel il vous connait, ex. BINOME ${ex.number} Rose.`,
  checkinModeratorsGone: (ex = NA_EXAMPLES) => `Heads Up: votre suivi ne prévient plus personne: on ne peut plus joindre les modératrices pour l'instant. Ajoutez un contact: écrivez BINOME, son numéro et le nom sous lequel il vous connait, ex. BINOME ${ex.number} Rose.`,
  discreetModeratorsGone: () => "HU: notre équipe ne peut pas recevoir votre message pour l'instant. Répondez BINOME, un numéro et votre nom pour ajouter un contact.",
  discreetNoOneLeft: () => "HU: plus aucun contact à qui transmettre votre message. Répondez BINOME, un numéro et votre nom pour en ajouter un.",
  checkinRestored: (until, told) =>
    `Heads Up: la ligne a été restaurée depuis une sauvegarde et a pu perdre vos derniers messages, donc votre suivi a repris. Si vous etes en sécurité, écrivez OK. ${
      told === 'nobody' ? `Il finit à ${until}.` : `Sinon, on prévient ${told === 'buddies' ? 'vos contacts' : 'les modératrices'} à ${until} avec vos détails.`
    }`,
  discreetRestored: (until, later = 30) => `HU: nous avons pu perdre vos derniers messages. Répondez OK avant ${until} si tout va bien${later === null ? '' : `, ou PROLONGER ${later}`}.`,
  checkinEscalation: (name, expected, details) =>
    `Heads Up: ${name} n'a pas donné de nouvelles. Fin prévue à ${expected}. ${details ? `Détails partagés: ${sentence(details)}` : 'Aucun détail partagé.'} Essayez de la joindre.`,
  discreetBuddyEscalation: (name, expected, details) =>
    `HU: ${name} ne nous a pas répondu à temps. Fin prévue à ${expected}. ${details ? `Son message: ${sentence(details)}` : 'Aucun message laissé.'} Essayez de la joindre.`,
  checkinEscalationModerators: (ref, expected, details, unreached) =>
    `Heads Up ${ref}: ${unreached ? "une personne dont les contacts n'ont pu etre joints" : 'une personne sans contact'} n'a pas donné de nouvelles à ${expected}. ${details ? `Détails partagés: ${details}` : 'Aucun détail partagé.'}`,
  checkinEscalationModeratorsFolded: (ref, expected, first, count) =>
    `Heads Up ${ref}: encore un check-in manqué, à ${expected}, de l'auteur de ${first}: ${count} en 24 heures. Ses mots ne sont plus envoyés: SHOW ${ref.slice(1)} les montre, BLOCK ${ref.slice(1)} bloque son auteur.`,
  checkinEscalationModeratorsFoldedErased: (ref, expected) =>
    `Heads Up ${ref}: encore un check-in manqué, à ${expected}, d'un auteur déjà signalé en entier 3 fois en 24 heures. Ses mots ne sont plus envoyés: SHOW ${ref.slice(1)} les montre, BLOCK ${ref.slice(1)} bloque son auteur.`,
  checkinDetailsUnreadable: () => '(leurs détails sont illisibles)',
  checkinMemberTold: (told) =>
    told === 'nobody'
      ? "Heads Up: pas de nouvelles de vous, et plus aucun contact à prévenir. Écrivez OK quand vous etes en sécurité."
      : `Heads Up: pas de nouvelles de vous, on prévient ${told === 'buddies' ? 'vos contacts' : 'les modératrices'}. Si on n'y arrive pas, on vous le dira. Écrivez OK quand vous etes en sécurité.`,
  discreetMemberTold: (told) =>
    told === 'nobody'
      ? "HU: plus aucun contact à qui transmettre votre message. Joignez quelqu'un autrement."
      : `HU: on transmet votre message à ${told === 'buddies' ? 'votre contact' : 'notre équipe'}. Si on n'y arrive pas, on vous le dira. Répondez OK dès que possible.`,
  checkinOk: () => 'Heads Up: content de vous savoir en sécurité. Suivi fini, détails effacés.',
  checkinCancelled: () => 'Heads Up: suivi annulé, détails effacés. Personne ne sera prévenu.',
  checkinOkLate: () => 'Heads Up: content de vous savoir en sécurité. On leur a dit que vous allez bien.',
  checkinOkUnreached: (n) => `Heads Up: on n'a pas pu dire à ${n === 1 ? "l'un de vos contacts" : `${n} de vos contacts`} que vous allez bien. ${n === 1 ? 'Prévenez-le' : 'Prévenez-les'} vous-meme.`,
  discreetOkUnreached: (n) => `HU: votre nouvelle n'a pu etre remise ${n === 1 ? 'à votre contact' : `à ${n} de vos contacts`}. ${n === 1 ? 'Prévenez-le' : 'Prévenez-les'}.`,
  checkinOkBuddy: (name) => (name ? `Heads Up: ${name} a donné des nouvelles et va bien.` : "Heads Up: la personne sans nouvelles en a donné."),
  discreetBuddyOk: (name) => `HU: ${name} nous a répondu et va bien.`,
  checkinOkModerators: (refs) => `Heads Up ${refs}: la personne sans nouvelles à ce check-in en a donné.`,
  checkinNone: (checkin = 90) => `Heads Up: aucun suivi en cours. SECURITE et des minutes en lance un, ex. SECURITE ${checkin}.`,
  checkinExtended: (until) => `Heads Up: suivi prolongé jusqu'à ${until}. Écrivez OK quand vous etes en sécurité.`,
  checkinEscalationWithdrawn: (until) => `Heads Up: personne n'avait encore été prévenu, et personne ne le sera: suivi prolongé jusqu'à ${until}. Écrivez OK quand vous etes en sécurité.`,
  checkinBuddiesUnreached: (n, trying, running) =>
    `Heads Up: on n'a pu dire à ${n === 1 ? 'votre contact' : 'aucun de vos contacts'} que vous n'avez pas répondu.${trying ? " On continue d'essayer." : ''} Joignez quelqu'un de confiance autrement. ${running ? 'Votre nouveau suivi continue.' : 'Écrivez OK une fois en sécurité.'}`,
  discreetUnreached: (trying) =>
    `HU: votre message n'a pas pu etre remis à votre contact.${trying ? " On continue d'essayer." : ''} Joignez quelqu'un autrement.`,
  checkinBuddiesUnreachedModeratorsTold: (n, trying, running) =>
    `Heads Up: on n'a pu joindre ${n === 1 ? 'votre contact' : 'aucun de vos contacts'} pour dire que vous n'avez pas donné de nouvelles, on a donc prévenu les modératrices.${trying ? " On continue d'essayer." : ''} Si vous pouvez, joignez aussi quelqu'un de confiance. ${running ? 'Votre nouveau suivi continue.' : 'Écrivez OK quand vous etes en sécurité.'}`,
  discreetUnreachedModeratorsTold: (trying) =>
    `HU: votre message n'a pas pu etre remis à votre contact, on l'a donc transmis à notre équipe.${trying ? " On continue d'essayer." : ''}`,
  checkinModeratorsUnreached: (trying, running) =>
    `Heads Up: on n'a pu dire aux modératrices que vous n'avez pas répondu.${trying ? " On continue d'essayer." : ''} Joignez quelqu'un de confiance autrement. ${running ? 'Votre nouveau suivi continue.' : 'Écrivez OK une fois en sécurité.'}`,
  discreetModeratorsUnreached: (trying) =>
    `HU: votre message n'a pas pu etre remis à notre équipe.${trying ? " On continue d'essayer." : ''} Joignez quelqu'un autrement.`,
  checkinNoOneReached: (n, trying, running) =>
    `Heads Up: on n'a pu joindre ni ${n === 1 ? 'votre contact' : 'vos contacts'} ni les modératrices pour dire que vous n'avez pas donné de nouvelles.${trying ? " On continue d'essayer." : ''} Joignez quelqu'un de confiance autrement. ${running ? 'Votre nouveau suivi continue.' : 'Écrivez OK quand vous etes en sécurité.'}`,
  discreetNoOneReached: (trying) =>
    `HU: votre message n'a pu etre remis ni à votre contact ni à notre équipe.${trying ? " On continue d'essayer." : ''} Joignez quelqu'un autrement.`,
  checkinUnreachedAfterAll: (n, moderators) =>
    `Heads Up: finalement, on n'a pu joindre ${n === 0 ? 'les modératrices' : moderators ? `ni ${n === 1 ? 'votre contact' : 'vos contacts'} ni les modératrices` : n === 1 ? 'votre contact' : 'aucun de vos contacts'} et on arrete d'essayer. Joignez quelqu'un de confiance autrement. Écrivez OK une fois en sécurité.`,
  discreetUnreachedAfterAll: (n, moderators) =>
    `HU: finalement, votre message n'a pu etre remis ${n === 0 ? 'à notre équipe' : moderators ? 'ni à votre contact ni à notre équipe' : 'à votre contact'}. Joignez quelqu'un autrement.`,
  laterUsage: (max, min, later = 30) =>
    later === null
      ? `Heads Up: un suivi finit au plus tard dans ${max} minutes: pas de PROLONGER possible pour l'instant. Écrivez OK une fois en sécurité.`
      : `Heads Up: écrivez PROLONGER et les minutes à ajouter, au moins ${min}, ex. PROLONGER ${later}. Un suivi peut finir au plus tard dans ${max} minutes.`,
  // Reports (issue 11)
  reportAsk: (step, example = '415', ex = NA_EXAMPLES) =>
    ({
      what: "Heads Up: que s'est-il passé? Ex. 1 3: 1 violence 2 agression sexuelle 3 vol/impayé 4 préservatif 5 menaces 6 harcèlement 7 perte de temps 8 absent 9 autre",
      when: 'Quand? ex. ven 23h. A tout moment: PASSER une question, RETOUR, ENVOYER pour l\'envoyer, ANNULER pour le jeter.',
      where:
        example === '415'
          ? 'Où? Le code de zone et, si vous voulez, le lieu, ex. 415 Motel 6 Lombard St. Ou PASSER.'
          : `Où? La zone et, si vous voulez, le lieu, ex. ${example} hotel Ibis, rue Haute. Ou PASSER.`,
      person: 'La personne: à quoi ressemblait-elle, quels noms a-t-elle donnés? Ou PASSER.',
      vehicle: `Véhicule et plaque? ex. Honda grise, plaque ${ex.plate}. Ou PASSER.`,
      contact: 'Comment vous a-t-elle contacté? Téléphone, email, lien d\'annonce, @pseudo ou site. Ou PASSER.',
      other: 'Autre chose pour les modératrices? Cela reste chez elles, pas dans l\'alerte. Ou PASSER.',
    })[step],
  reportYouSaid: (answer) => `Vous aviez répondu: "${answer}". PASSER le garde, ou répondez à nouveau.`,
  reportReview: (areas, body, segments = 2) =>
    fitSegments((x) => `Votre signalement (${areas.length ? listAreas(areas) : 'pas encore de zone'}): ${x} -- ENVOYER pour l'envoyer, RETOUR pour changer, ANNULER pour le jeter.`, body, segments),
  reportMore: (count) => `+${count} autre${count === 1 ? '' : 's'}`,
  reportAnswerCut: (kept) => `Cette réponse était trop longue: seuls ses ${kept} premiers caractères ont été gardés. Mettez la suite dans une autre réponse.`,
  reportAskAgain: () => 'Répondez avec des numéros de la liste, ex. 1 3, ou PASSER.',
  reportNothingYet: () => 'Rien à envoyer encore: répondez à la question, ou ANNULER.',
  reportCancelled: () => 'Heads Up: signalement jeté, rien gardé. Écrivez SIGNALER pour recommencer.',
  reportDraftFiled: (ref, areas) => `Heads Up: votre signalement inachevé a été envoyé à une modératrice sous ${ref} pour ${listAreas(areas)}, avec ce que vous aviez donné.`,
  reportDraftDropped: () => "Heads Up: votre signalement inachevé ne disait pas ce qui s'est passé, il a été jeté. Écrivez SIGNALER pour recommencer.",
  reportDraftNoArea: (example = '415') =>
    `Heads Up: votre signalement inachevé ne disait pas la zone, il a été jeté. Écrivez SIGNALER et ${example === '415' ? 'le code de la zone' : 'la zone'}, ex. SIGNALER ${example}, pour recommencer.`,
  discreetDraftFiled: (ref) => `HU: votre message inachevé est parti sous ${ref}.`,
  discreetDraftDropped: () => "HU: votre message inachevé n'est pas parti. Répondez AIDE au besoin.",
  categoryNames: (list) => list.map((c) => CATEGORY[c]).join(', '),
  alertBody: (f) => alertFromFields(f, CATEGORY, LABELS),
};

export const fr: Catalog = { ...members, ...frModerators, ...CORRECTIONS.fr(members.checkinEnd) };
