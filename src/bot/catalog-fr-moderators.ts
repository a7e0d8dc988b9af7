/** French replies to moderators (catalog-moderator-type.ts); catalog-fr.ts joins them to the members' replies. */
import type { ModeratorCatalog } from './catalog-moderator-type';
import { clip, leftOutLine, listAreas } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { fitSegments } from './sms-segments';
import { CATEGORY, LABELS } from './catalog-fr-words';

/** STATS's areas with their members ("415:12 628:3"), and how many more the next page (STATS n) lists. */
const areaCounts = (areas: Array<{ npa: string; members: number }>, more: number, next: number): string =>
  `${areas.map((a) => `${a.npa}:${a.members}`).join(' ')}${more ? ` +${more} de plus: STATS ${next}` : ''}`;

export const frModerators: ModeratorCatalog = {
  modNotice: (ref, alert, segments) =>
    `Signalement ${ref}, ${segments} SMS, enverrait:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} texte`,
  modNoticeTooLong: (ref, _areas, segments, text) =>
    fitSegments((x) => `Signalement ${ref}: ${x} -- trop long pour une alerte (${segments} SMS, max 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} texte`, clip(text, 120)),
  modApproveUnread: (ref, alert, segments) =>
    `Pas envoyée: ${ref} a changé ou son avis ne vous est pas parvenu. ${segments} SMS, APPROVE ${ref.slice(1)} à nouveau pour envoyer: ${alert}`,
  modApproveRetried: (ref) => `Pas envoyé: ${ref}. Écrivez APPROVE ${ref.slice(1)} de nouveau pour lire ce qui partirait, puis APPROVE pour l'envoyer.`,
  modShow: (ref, alert, segments, note) => `${ref}, ${segments} SMS, APPROVE enverrait: ${alert}${note ? `\nNote: ${note}` : ''}`,
  modShowTooLong: (ref, segments, text, parts) =>
    `${ref} est trop long pour une alerte (${segments} SMS, max 3); EDIT ${ref.slice(1)} texte plus court. Il dit${parts > 1 ? ` (1/${parts})` : ''}: ${text}`,
  modShowMore: (ref, part, parts, text) => `${ref} (${part}/${parts}): ${text}`,
  modTooLong: (ref, segments) => `${ref} est trop long pour une alerte (${segments} SMS, max 3). EDIT ${ref.slice(1)} un texte plus court, puis APPROVE ${ref.slice(1)}.`,
  modAlertTooLong: (segments) => `Cette alerte est trop longue (${segments} SMS, max 3). Envoyez un texte plus court.`,
  modSignalCaptcha: () =>
    'Heads Up: Signal limite les envois de la ligne et demande un captcha. Les messages Signal attendent; les SMS passent. ' +
    "Pour le lever: résolvez https://signalcaptchas.org/challenge/generate.html et donnez à l'opérateur le lien signalcaptcha:// pour heads-up signal-captcha.",
  modDigest: (reports, joins) =>
    `${[reports ? `${reports} signalement${reports === 1 ? '' : 's'} de plus` : '', joins ? `${joins} demande${joins === 1 ? '' : 's'} de plus` : ''].filter(Boolean).join(' et ')} en attente; écrivez PENDING`,
  modSenderErased: (ref) => `L'auteur de ${ref} a effacé ses données avec SUPPRIMER, ou sa demande d'adhésion a été refusée: plus personne à bloquer.`,
  modJoinRequest: (ref, areas) => `Demande ${ref} pour ${listAreas(areas)}. APPROVE ${ref.slice(1)} pour admettre, REJECT ${ref.slice(1)} pour refuser.`,
  modPending: (items, more = 0, next = 2) =>
    items.length
      ? `En attente: ${items.map((i) => `${i.ref}${i.kind === 'member' ? ' inscription' : ''} (${listAreas(i.areas)})`).join('; ')}${more ? `; +${more} de plus: PENDING ${next}` : ''}`
      : 'Rien en attente.',
  modApproved: (ref, areas) => `${ref} approuvé: alerte en route vers ${listAreas(areas)}.`,
  modApprovedNoOne: (ref, areas) =>
    `${ref} approuvé pour ${listAreas(areas)}, mais personne n'y est encore abonné: personne ne la recevra. Vérifiez la zone; RETRACT ${ref.slice(1)} la retire.`,
  modAdmitted: (ref) => `${ref} admise.`,
  modRejected: (ref) => `${ref} refusé.`,
  modEdited: (ref, segments, fits) =>
    fits
      ? `${ref} modifié (${segments} SMS). SHOW ${ref.slice(1)} pour le lire, APPROVE ${ref.slice(1)} pour l'envoyer.`
      : `${ref} modifié mais encore trop long pour une alerte (${segments} SMS, max 3). EDIT ${ref.slice(1)} un texte plus court.`,
  modEditedNotice: (ref, alert, segments) =>
    alert !== null
      ? `${ref} a été modifié. ${segments} SMS, APPROVE enverrait maintenant:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} texte`
      : `${ref} a été modifié et est trop long pour une alerte (${segments} SMS, max 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} texte`,
  modAlertQueued: (areas, ref, text) => fitSegments((x) => `Alerte ${ref} en route vers ${listAreas(areas)}. RETRACT ${ref.slice(1)} la retire. Texte: "${x}"`, clip(text, 40)),
  modAlertNoOne: (areas, ref) =>
    `Alerte ${ref} pour ${listAreas(areas)} gardée, mais personne n'y est encore abonné: personne ne la recevra. Vérifiez la zone; RETRACT ${ref.slice(1)} la retire.`,
  modBlocked: (ref) => `L'auteur de ${ref} est bloqué.`,
  modBlockedModerator: (ref) => `${ref} vient d'un modérateur : personne n'est bloqué. REJECT ${ref.slice(1)} l'écarte.`,
  modBlockedDiscarded: (ref, n) => `L'auteur de ${ref} est bloqué ; ${n === 1 ? '1 signalement en attente de sa part a été écarté' : `${n} signalements en attente de sa part ont été écartés`}.`,
  modJoinBlocked: (ref) => `Non admise : l'auteur de ${ref} a été bloqué. La demande est close.`,
  modIdentityChanged: (position) =>
    `Heads Up: le numéro de sécurité Signal de la modératrice ${position} (dans MODERATORS) a changé: un nouveau téléphone, ou quelqu'un d'autre. ` +
    "Rien de ce qu'elle envoie ne vaut commande de modératrice avant que l'opératrice le vérifie avec elle en personne et lance heads-up signal-readmit; ce d'avant, jamais.",
  modReadmitHeld: () => "Heads Up: vous voilà de nouveau modératrice. Ce que vous avez envoyé avant n'a pas été pris en compte: renvoyez ce qui compte encore.",
  modNoSuchRef: (ref) => `Rien en attente sous ${clip(ref, 8)}.`,
  modAlreadyDecided: (ref) => `${ref} est déjà décidé.`,
  modRejectedDiscarded: (ref) => `${ref} a été refusé: son texte a été effacé.`,
  modShowFirst: (ref) => `Pas envoyé: ${ref} ne vous a jamais été montré. Écrivez SHOW ${ref.slice(1)} pour le lire, puis APPROVE.`,
  modHelp: (ex = NA_EXAMPLES) =>
    `Heads Up modération: PENDING, SHOW réf, APPROVE réf, REJECT réf, EDIT réf texte, ALERT zone texte, BLOCK réf, RETRACT réf, STATS. Membres: REJOINDRE ${ex.area}, SIGNALER, VERIFIER, BINOME, SECURITE 90, DISCRET, ZONES, QUITTER ${ex.area}, SUPPRIMER, LANG, STOP.`,
  modHint: () => "Heads Up n'a pas compris. Modération: PENDING, SHOW, APPROVE, REJECT, EDIT, RETRACT, BLOCK + référence; ALERT zone texte; STATS. AIDE pour tout.",
  modNeedsRef: (command) => `Lequel? Donnez la référence, ex. ${command} K7Q2.`,
  modOneRef: (command) => `Une référence à la fois, sans autres mots après, ex. ${command} K7Q2 : rien n'a été fait.`,
  modNeedsText: (ex = NA_EXAMPLES) => `Ajoutez le texte, ex. ALERT ${ex.area} van gris, agressif.`,
  modEditNeedsText: () => 'Ajoutez le nouveau texte, ex. EDIT K7Q2 van gris, agressif.',
  modNeedsArea: (ex = NA_EXAMPLES) => `Quelles zones? ex. ALERT ${areaCodes(ex) ? '415 628' : ex.area} texte.`,
  modStats: (s) =>
    `Membres: ${s.membersByArea.length ? `${s.people} au total; ${areaCounts(s.membersByArea, s.moreAreas, 2)}` : 'aucun'}. Signalements en attente: ${s.pendingReports}. Inscriptions en attente: ${s.pendingMembers}. Alertes émises: ${s.alertsIssued}${s.alertsRetracted ? ` (sans compter ${s.alertsRetracted} ${s.alertsRetracted === 1 ? 'retirée' : 'retirées'})` : ''}.`,
  modStatsMore: (page, areas, more) => `Membres, page ${page}: ${areaCounts(areas, more, page + 1)}.`,
  modReportNotice: (n) => {
    const r = n.ref.slice(1);
    const matched = [
      n.matches.alertCount ? `CORRESPOND à ${n.matches.alertCount} alerte${n.matches.alertCount === 1 ? '' : 's'} antérieure${n.matches.alertCount === 1 ? '' : 's'}${n.matches.alerts.length ? `: ${n.matches.alerts.slice(0, 5).map((x) => `#${x}`).join(', ')}` : ''}` : '',
      n.matches.pending.length ? `CORRESPOND à ${n.matches.pending.length} en attente: ${n.matches.pending.slice(0, 5).map((x) => `#${x}`).join(', ')}` : '',
    ].filter(Boolean);
    const head = `Signalement ${n.ref} (${listAreas(n.areas)})${n.categories.length ? `: ${n.categories.map((c) => CATEGORY[c]).join(', ')}` : ''}.${matched.length ? ` ${matched.join('. ')}.` : ''}`;
    const note = `${leftOutLine(n.leftOut, LABELS, ['Retiré pour tenir', 'Raccourci pour tenir'], (c) => `${c} contact${c === 1 ? '' : 's'}`, (c) => `${c} catégorie${c === 1 ? '' : 's'}`)}${n.note ? `\nNote: ${clip(n.note, 160)}` : ''}`;
    return n.alert !== null
      ? `${head} ${n.segments} SMS, enverrait:\n${n.alert}${note}\nAPPROVE ${r} / REJECT ${r} / EDIT ${r} texte`
      : `${head} Trop long pour une alerte (${n.segments} SMS, max 3): ${clip(n.text ?? '', 300)}${note}\nEDIT ${r} texte, SHOW ${r}`;
  },
  modRetracted: (ref, cancelled) =>
    `${ref} retiré: ${cancelled} copie${cancelled === 1 ? '' : 's'} non envoyée${cancelled === 1 ? '' : 's'} annulée${cancelled === 1 ? '' : 's'}; celles de Signal sont effacées (ou corrigées si on ne peut pas), celles par SMS recoivent une correction. Plus dans VERIFIER.`,
  modRetractedUnsent: (ref) => `${ref} retiré avant tout envoi: aucune membre ne le recoit. Plus dans VERIFIER.`,
  modNotAlert: (ref) => `${ref} n'est jamais parti en alerte: rien à retirer.`,
  modAlreadyRetracted: (ref) => `${ref} était déjà retiré.`,
};
