/** English replies to moderators (catalog-moderator-type.ts); catalog-en.ts joins them to the members' replies. */
import type { ModeratorCatalog } from './catalog-moderator-type';
import { clip, leftOutLine, listAreas } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { fitSegments } from './sms-segments';
import { CATEGORY, LABELS } from './catalog-en-words';

/** STATS's areas with their members ("415:12 628:3"), and how many more the next page (STATS n) lists. */
const areaCounts = (areas: Array<{ npa: string; members: number }>, more: number, next: number): string =>
  `${areas.map((a) => `${a.npa}:${a.members}`).join(' ')}${more ? ` +${more} more: STATS ${next}` : ''}`;

export const enModerators: ModeratorCatalog = {
  modNotice: (ref, alert, segments) =>
    `Report ${ref}, ${segments} SMS, would send:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} text`,
  modNoticeTooLong: (ref, _areas, segments, text) =>
    fitSegments((x) => `Report ${ref}: ${x} -- too long for an alert (${segments} SMS, most 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} text`, clip(text, 120)),
  modApproveUnread: (ref, alert, segments) =>
    `Not sent: ${ref} was changed or its notice has not reached you. ${segments} SMS, APPROVE ${ref.slice(1)} again to send: ${alert}`,
  modApproveRetried: (ref) => `Not sent: ${ref}. Text APPROVE ${ref.slice(1)} again to read what would go, then APPROVE to send it.`,
  modShow: (ref, alert, segments, note) => `${ref}, ${segments} SMS, APPROVE would send: ${alert}${note ? `\nNote: ${note}` : ''}`,
  modShowTooLong: (ref, segments, text, parts) =>
    `${ref} is too long for an alert (${segments} SMS, most 3); EDIT ${ref.slice(1)} shorter text. It reads${parts > 1 ? ` (1/${parts})` : ''}: ${text}`,
  modShowMore: (ref, part, parts, text) => `${ref} (${part}/${parts}): ${text}`,
  modTooLong: (ref, segments) => `${ref} is too long for an alert (${segments} SMS, most 3). EDIT ${ref.slice(1)} a shorter text, then APPROVE ${ref.slice(1)}.`,
  modAlertTooLong: (segments) => `That alert is too long (${segments} SMS, most 3). Send a shorter text.`,
  modSignalCaptcha: () =>
    'Heads Up: Signal is rate-limiting the line and asks for a captcha. Signal messages wait; SMS is not affected. ' +
    'To lift it: solve https://signalcaptchas.org/challenge/generate.html and give the operator the signalcaptcha:// link for heads-up signal-captcha.',
  modDigest: (reports, joins) =>
    `${[reports ? `${reports} more report${reports === 1 ? '' : 's'}` : '', joins ? `${joins} more join request${joins === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')} waiting; text PENDING`,
  modSenderErased: (ref) => `The sender of ${ref} erased their data with DELETE, or was refused as an applicant: nothing is left to block.`,
  modJoinRequest: (ref, areas) => `Join request ${ref} for ${listAreas(areas)}. APPROVE ${ref.slice(1)} to admit, REJECT ${ref.slice(1)} to refuse.`,
  modPending: (items, more = 0, next = 2) =>
    items.length
      ? `Pending: ${items.map((i) => `${i.ref}${i.kind === 'member' ? ' join' : ''} (${listAreas(i.areas)})`).join('; ')}${more ? `; +${more} more: PENDING ${next}` : ''}`
      : 'Nothing pending.',
  modApproved: (ref, areas) => `${ref} approved: alert going to ${listAreas(areas)}.`,
  modApprovedNoOne: (ref, areas) =>
    `${ref} approved for ${listAreas(areas)}, but no one there gets alerts yet: nobody will receive it. Check the area; RETRACT ${ref.slice(1)} withdraws it.`,
  modAdmitted: (ref) => `${ref} admitted.`,
  modRejected: (ref) => `${ref} rejected.`,
  modEdited: (ref, segments, fits) =>
    fits
      ? `${ref} edited (${segments} SMS). SHOW ${ref.slice(1)} to read it, APPROVE ${ref.slice(1)} to send it.`
      : `${ref} edited but still too long for an alert (${segments} SMS, most 3). EDIT ${ref.slice(1)} a shorter text.`,
  modEditedNotice: (ref, alert, segments) =>
    alert !== null
      ? `${ref} was edited. ${segments} SMS, APPROVE now sends:\n${alert}\nAPPROVE ${ref.slice(1)} / REJECT ${ref.slice(1)} / EDIT ${ref.slice(1)} text`
      : `${ref} was edited and is too long for an alert (${segments} SMS, most 3). SHOW ${ref.slice(1)}, EDIT ${ref.slice(1)} text`,
  modAlertQueued: (areas, ref, text) => fitSegments((x) => `Alert ${ref} going to ${listAreas(areas)}. RETRACT ${ref.slice(1)} withdraws it. Text: "${x}"`, clip(text, 40)),
  modAlertNoOne: (areas, ref) =>
    `Alert ${ref} for ${listAreas(areas)} kept, but no one there gets alerts yet: nobody will receive it. Check the area; RETRACT ${ref.slice(1)} withdraws it.`,
  modBlocked: (ref) => `The sender of ${ref} is blocked.`,
  modBlockedModerator: (ref) => `${ref} was filed by a moderator: no one is blocked. REJECT ${ref.slice(1)} discards it.`,
  modBlockedDiscarded: (ref, n) => `The sender of ${ref} is blocked; ${n === 1 ? '1 pending report of theirs was' : `${n} pending reports of theirs were`} discarded.`,
  modJoinBlocked: (ref) => `Not admitted: the sender of ${ref} was blocked. The request is closed.`,
  modIdentityChanged: (position) =>
    `Heads Up: the Signal safety number of moderator ${position} (in MODERATORS) changed: a new phone, or someone else. ` +
    "Nothing they send acts as a moderator's command until an operator checks the number with them in person and runs heads-up signal-readmit, and what they sent before that never will.",
  modReadmitHeld: () => 'Heads Up: you are a moderator again. What you sent before that was not acted on: send again what still matters.',
  modNoSuchRef: (ref) => `No pending item ${clip(ref, 8)}.`,
  modAlreadyDecided: (ref) => `${ref} was already decided.`,
  modRejectedDiscarded: (ref) => `${ref} was rejected: its text was discarded.`,
  modShowFirst: (ref) => `Not sent: ${ref} was never shown to you. Text SHOW ${ref.slice(1)} to read it, then APPROVE.`,
  modHelp: (ex = NA_EXAMPLES) =>
    `Heads Up moderators: PENDING, SHOW ref, APPROVE ref, REJECT ref, EDIT ref text, ALERT area text, BLOCK ref, RETRACT ref, STATS. Members: JOIN ${ex.area}, REPORT, CHECK, BUDDY, CHECKIN 90, DISCREET, AREAS, LEAVE ${ex.area}, DELETE, LANG, STOP.`,
  modHint: () => "Heads Up didn't understand that. Moderators: PENDING, SHOW, APPROVE, REJECT, EDIT, RETRACT, BLOCK + reference; ALERT area text; STATS. HELP for all.",
  modNeedsRef: (command) => `Which one? Give the reference, e.g. ${command} K7Q2.`,
  modOneRef: (command) => `One reference at a time, and no other words after it, e.g. ${command} K7Q2: nothing was done.`,
  modNeedsText: (ex = NA_EXAMPLES) => `Add the text, e.g. ALERT ${ex.area} grey van, aggressive.`,
  modEditNeedsText: () => 'Add the new text, e.g. EDIT K7Q2 grey van, aggressive.',
  modNeedsArea: (ex = NA_EXAMPLES) => `Which areas? e.g. ALERT ${areaCodes(ex) ? '415 628' : ex.area} text.`,
  modStats: (s) =>
    `Members: ${s.membersByArea.length ? `${s.people} in all; ${areaCounts(s.membersByArea, s.moreAreas, 2)}` : 'none'}. Pending reports: ${s.pendingReports}. Pending members: ${s.pendingMembers}. Alerts issued: ${s.alertsIssued}${s.alertsRetracted ? ` (not counting ${s.alertsRetracted} retracted)` : ''}.`,
  modStatsMore: (page, areas, more) => `Members, page ${page}: ${areaCounts(areas, more, page + 1)}.`,
  modReportNotice: (n) => {
    const r = n.ref.slice(1);
    const matched = [
      n.matches.alertCount ? `MATCHES ${n.matches.alertCount} earlier alert${n.matches.alertCount === 1 ? '' : 's'}${n.matches.alerts.length ? `: ${n.matches.alerts.slice(0, 5).map((x) => `#${x}`).join(', ')}` : ''}` : '',
      n.matches.pending.length ? `MATCHES ${n.matches.pending.length} pending: ${n.matches.pending.slice(0, 5).map((x) => `#${x}`).join(', ')}` : '',
    ].filter(Boolean);
    const head = `Report ${n.ref} (${listAreas(n.areas)})${n.categories.length ? `: ${n.categories.map((c) => CATEGORY[c]).join(', ')}` : ''}.${matched.length ? ` ${matched.join('. ')}.` : ''}`;
    const note = `${leftOutLine(n.leftOut, LABELS, ['Left out to fit', 'Shortened to fit'], (c) => `${c} contact${c === 1 ? '' : 's'}`, (c) => `${c} categor${c === 1 ? 'y' : 'ies'}`)}${n.note ? `\nNote: ${clip(n.note, 160)}` : ''}`;
    return n.alert !== null
      ? `${head} ${n.segments} SMS, would send:\n${n.alert}${note}\nAPPROVE ${r} / REJECT ${r} / EDIT ${r} text`
      : `${head} It is too long for an alert (${n.segments} SMS, most 3): ${clip(n.text ?? '', 300)}${note}\nEDIT ${r} text, SHOW ${r}`;
  },
  modRetracted: (ref, cancelled) =>
    `${ref} retracted: ${cancelled} unsent cop${cancelled === 1 ? 'y' : 'ies'} cancelled; Signal copies are being deleted (or corrected where they cannot be) and SMS members corrected. It no longer shows in CHECK.`,
  modRetractedUnsent: (ref) => `${ref} retracted before it went to anyone: no member gets it. It no longer shows in CHECK.`,
  modNotAlert: (ref) => `${ref} never went out as an alert: nothing to retract.`,
  modAlreadyRetracted: (ref) => `${ref} was already retracted.`,
};
