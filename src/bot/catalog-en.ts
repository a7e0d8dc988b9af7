/** English replies. */
import type { AreaCommand, Catalog } from './catalog-type';
import type { ModeratorCatalog } from './catalog-moderator-type';
import { alertFromFields, categoryCounts, checkNamed, clip, listAreas, numbered, sentence, threeDigits } from './catalog-text';
import { areaCodes, NA_EXAMPLES } from './line-examples';
import { checkinExample } from './checkin-examples';
import { localDate } from './clock-time';
import { fitSegments } from './sms-segments';
import { enModerators } from './catalog-en-moderators';
import { CATEGORY, LABELS } from './catalog-en-words';
import { CORRECTIONS, type CorrectionCatalog } from './catalog-corrections';

export { LABELS };

// A check-in's end on another day: "21:30 on Wed 2".
const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KIND = { phone: 'number', plate: 'plate', email: 'email', handle: 'handle', link: 'link' } as const;

/** The command a reply about an unknown area says to send again, as members and moderators type it. */
const AREA_COMMAND: Record<AreaCommand, string> = { leave: 'LEAVE', report: 'REPORT', approve: 'APPROVE', alert: 'ALERT' };

/** What the catalogue says to members; to moderators, catalog-en-moderators.ts. */
const members: Omit<Catalog, keyof ModeratorCatalog | keyof CorrectionCatalog> = {
  joined: (areas) => `Heads Up: you'll get bad date alerts for ${listAreas(areas)}. REPORT + details to warn others. HELP for help, STOP to end.`,
  joinPending: (areas) => `Heads Up: your request for ${listAreas(areas)} is with a moderator. We'll text you once you're in. STOP to end.`,
  joinWhichArea: () => 'Heads Up: which area code do you want alerts for? Reply with it, e.g. 415.',
  conversationEnded: () => 'Heads Up: OK, cancelled. Text HELP for the commands.',
  reportTooManyAreas: (max) => `Heads Up: a report can name at most ${max} areas. Send it again with ${max} or fewer.`,
  tooManyAreas: (max, held, ex = NA_EXAMPLES) =>
    held?.length === 0
      ? `Heads Up: you can follow at most ${max} areas. Text JOIN with ${max} or fewer.`
      : `Heads Up: you can follow at most ${max} areas. Text AREAS to see yours, LEAVE ${held?.[0] ?? ex.area} to drop one.`,
  unknownArea: (token, resend, area = '415') =>
    `Heads Up: "${clip(token, 12)}" isn't an area code we ${threeDigits(token) ? 'serve. Try' : 'know. Use 3 digits,'} e.g. ${resend ? AREA_COMMAND[resend] : 'JOIN'} ${area}.`,
  left: (areas, remaining, ex = NA_EXAMPLES) =>
    remaining.length
      ? `Heads Up: you left ${listAreas(areas)}. Still getting alerts for ${listAreas(remaining)}.`
      : `Heads Up: you left ${listAreas(areas)} and get no alerts now. JOIN ${ex.area} to come back.`,
  leftCovered: (left, covered, through) =>
    `Heads Up: ${left.length ? `you left ${listAreas(left)}. Alerts` : 'alerts'} for ${listAreas(covered)} still reach you through ${listAreas(through)} (same area). LEAVE ${through.join(' ')} to stop them.`,
  notMember: (ex = NA_EXAMPLES) => `Heads Up: you're not subscribed. Text JOIN and your area${areaCodes(ex) ? ' code' : ''}, e.g. JOIN ${ex.area}.`,
  stopped: (via, checkinEnded, moderator) =>
    `Heads Up: you're unsubscribed ${via === 'sms' ? 'by SMS' : 'on Signal'}.${checkinEnded ? ' Check-in off: no one will be told.' : ''} ${
      via === 'sms' ? 'If you also use Heads Up on Signal, send STOP there too.' : 'If you also get alerts by SMS, text STOP there too.'
    } Text START to come back.${moderator ? ' Alerts stopped, but you still get report notices as a moderator until the operator removes you from MODERATORS.' : ''}`,
  help: (ex = NA_EXAMPLES, checkin = 90) =>
    `Heads Up bad date line. JOIN ${ex.area}: alerts for an area. REPORT: warn others, step by step. CHECK + number, plate or @handle: screen a client. BUDDY + number + name, then CHECKIN ${checkin}: a friend hears if you go quiet. DISCREET: plain notices. AREAS, LEAVE${areaCodes(ex) ? ' 415' : ''}, DELETE, LANG. STOP to end.`,
  areas: (list, ex = NA_EXAMPLES) =>
    list.length ? `Heads Up: your alert areas are ${listAreas(list)}. LEAVE ${list[0]} drops one, STOP ends all.` : `Heads Up: you have no alert areas. Text JOIN ${ex.area} to get alerts.`,
  deleted: (via) =>
    via === 'sms'
      ? 'Heads Up: everything we held about you by SMS is erased. If you also use Heads Up on Signal, send DELETE there too. Text JOIN to start again.'
      : 'Heads Up: everything we held about you on Signal is erased. If you also get alerts by SMS, text DELETE there too. Text JOIN to start again.',
  langSet: () => 'Heads Up will answer you in English.',
  badLang: (codes) => `Heads Up speaks ${codes.join(', ')}: text LANG and one of them, e.g. LANG ${codes[0] ?? 'EN'}.`,
  hint: () => "Heads Up didn't understand that. Text HELP for the commands.",
  joinWith: (areas) => `Heads Up: to get alerts for ${listAreas(areas)}, text JOIN ${areas.join(' ')}.`,
  mediaNotKept: () => "(Photos and files don't reach Heads Up: put what they show in words.)",
  mediaNotRead: (answering) =>
    `Heads Up reads only text: photos, voice notes and files don't reach it. ${answering ? 'Please type your answer.' : 'Please type it, or text HELP for the commands.'}`,
  leaveNeedsArea: (ex = NA_EXAMPLES) => `Heads Up: which area? e.g. LEAVE ${ex.area}. STOP leaves all.`,
  reportReceived: (ref, areas) => `Heads Up: thank you. Report ${ref} for ${listAreas(areas)} is with a moderator and goes out as an alert once checked.`,
  reportReceivedCut: (ref, areas, kept) =>
    `Heads Up: thank you. Report ${ref} for ${listAreas(areas)} is with a moderator, but it was too long: only its first ${kept} characters were kept. Send the rest in another REPORT.`,
  reportNeedsText: (ex = NA_EXAMPLES) => `Heads Up: text REPORT, the area and what happened, e.g. REPORT ${ex.area} grey van, aggressive, number ${ex.number}.`,
  reportLimit: () => "Heads Up: you've sent the most reports we take in a day. Please try again tomorrow.",
  reportNeedsArea: (codes, example = '415') =>
    codes
      ? `Heads Up: which area? Text REPORT, one of ${listAreas(codes)}, then what happened.`
      : `Heads Up: which area? Text REPORT, the area, then what happened, e.g. REPORT ${example} grey van.`,
  reportDoneNeedsArea: (codes, example = '415') =>
    `Heads Up: your report needs an area before it can go. Reply with ${codes ? `one of ${listAreas(codes)}` : `its code or name, e.g. ${example}`}, or DROP.`,
  checkNeedsNumber: (ex = NA_EXAMPLES) => `Heads Up: text CHECK and a number, plate, email, @handle or link, e.g. CHECK ${ex.number}.`,
  checkFound: (r) =>
    `Heads Up: that ${KIND[r.kind ?? 'phone']} is in ${r.count} alert${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'not categorised')}, latest ${localDate(r.latest)}, in ${listAreas(r.areas)}. Stay safe.`,
  checkFoundAmong: (r, named) =>
    `Heads Up: ${checkNamed(named, 'and')} ${named.length === 1 ? 'is' : 'are'} in ${r.count} alert${r.count === 1 ? '' : 's'}${categoryCounts(r.byCategory, CATEGORY, 'not categorised')}, latest ${localDate(r.latest)}, in ${listAreas(r.areas)}. Stay safe.`,
  checkNumberUnread: () => "Heads Up: that number can't be read. Check its digits; a number from abroad needs + and its country code.",
  checkNone: () => "Heads Up: no alerts name that. No record doesn't mean safe: trust your gut.",
  checkNoneOfFirst: (n, limited) =>
    `Heads Up: checked the first ${n === 1 ? 'one: no alerts name it' : `${n}: no alerts name them`}. The others were not checked: ${limited ? "that's all your checks for now, send them in an hour" : 'send them in another CHECK'}. No record doesn't mean safe: trust your gut.`,
  checkUnchecked: (n, limited) =>
    `Only the first ${n === 1 ? 'one was' : `${n} were`} checked: ${limited ? "that's all your checks for now. Send the others in an hour." : 'send the others in another CHECK.'}`,
  checkLimit: () => "Heads Up: you've made the most checks allowed for now. Try again in an hour.",
  membersOnly: (ex = NA_EXAMPLES) => `Heads Up: this is for members. Text JOIN and your area${areaCodes(ex) ? ' code' : ''} first.`,
  requestWaiting: (areas) => `Heads Up: you're not in yet: your request for ${listAreas(areas)} is with a moderator. We'll text you once you're in.`,
  alert: (areas, text) => `Heads Up alert (${listAreas(areas)}): ${text} -- STOP to end`,
  modCheckinNoDetails: (ref) => `The details of check-in ${ref} are no longer kept. BLOCK ${ref.slice(1)} still silences its sender.`,
  admitted: (areas) => `Heads Up: you're in. You'll get bad date alerts for ${listAreas(areas)}. HELP for help, STOP to end.`,
  // Check-ins (issue 13)
  buddyInvite: (name) =>
    `Heads Up: ${name} asked you to be their safety buddy. If they miss a check-in after a date, we'll text you what they shared so you can check on them. Reply ACCEPT or DECLINE. STOP: no more texts.`,
  discreetBuddyInvite: (name) => `HU: ${name} asks you to be their contact: if they don't answer us in time, we'll pass you their message. Reply ACCEPT or DECLINE.`,
  buddyAnswerHint: () => "HU didn't understand that. Reply ACCEPT or DECLINE.",
  buddyAsked: (ending) => `Heads Up: we asked the number ending ${ending} to be your buddy. They're your buddy once they reply ACCEPT; we'll tell you.`,
  buddyAlreadyAsked: (ending) => `Heads Up: the number ending ${ending} is already asked or your buddy. Text BUDDY to see your buddies.`,
  buddyLimit: (max) => `Heads Up: you can have at most ${max} buddies. BUDDY OFF and their number removes one.`,
  buddyInvitesToday: (max) => `Heads Up: you have asked ${max} people to be your buddy today, the most in a day. Try again tomorrow.`,
  buddyDeclinedBefore: (ending, days) => `Heads Up: the number ending ${ending} declined to be your buddy, so we won't ask it again for ${days} days.`,
  buddyUsage: (ex = NA_EXAMPLES) => `Heads Up: text BUDDY, their number and the name they know you by, e.g. BUDDY ${ex.number} Rose. BUDDY OFF removes your buddies.`,
  buddyNameRefused: (ex = NA_EXAMPLES) => `Heads Up: the name is the one they know you by, in letters only: no link, @ or number (Dr. Ana, with a space). Nothing was sent. e.g. BUDDY ${ex.number} Rose.`,
  buddyOwnNumber: () => "Heads Up: that's your own number. Name someone you trust as your buddy.",
  buddyList: (items) =>
    `Heads Up: your buddies: ${items.map((i) => `number ending ${i.ending} (${i.status === 'accepted' ? 'accepted' : i.status === 'invited' ? 'waiting' : 'stopped'})`).join(', ')}. BUDDY OFF removes them.`,
  buddyNone: (ex = NA_EXAMPLES) => `Heads Up: you have no buddy. Text BUDDY, their number and the name they know you by, e.g. BUDDY ${ex.number} Rose.`,
  buddiesRemoved: (count) => (count ? `Heads Up: removed ${count} ${count === 1 ? 'buddy' : 'buddies'}.` : 'Heads Up: no buddy of yours has that number.'),
  buddyDropped: (name) => `Heads Up: ${name} removed you as their safety buddy. You'll get no more check-in messages about them.`,
  discreetBuddyDropped: (name) => `HU: ${name} removed you as their contact. You'll get no more messages about them.`,
  buddyAccepted: () =>
    'Heads Up: thank you. You\'re now a safety buddy: we\'ll text you if the person who asked you misses a check-in. DECLINE to stop being a buddy.',
  buddyAcceptedMember: (ending) => `Heads Up: the number ending ${ending} accepted: they're your buddy. CHECKIN and minutes starts a check-in.`,
  buddyWhich: (names, more) =>
    `Heads Up: ${names.length + more > 1 ? 'these people' : 'this person'} asked you to be their safety buddy, in the order they asked: ${numbered(names)}${more ? ` and ${more} more` : ''}. Reply ACCEPT and the number of the one you know (ACCEPT 1).`,
  buddyWaiting: (name) => `Heads Up: the one waiting for your answer gave the name ${name}. If you know them, reply ACCEPT alone; if not, DECLINE.`,
  buddyNumberHidden: (answer) => {
    const word = answer === 'accept' ? 'ACCEPT' : 'DECLINE';
    return `Heads Up: your number is hidden from us on Signal, so we can't tell who asked you. If you were asked by SMS, text ${word} there.`;
  },
  buddyNumberHiddenNoSms: (answer) =>
    `Heads Up: your number is hidden from us on Signal, so we can't tell who asked you, and this line has no SMS. ${answer === 'accept' ? "Let them know we couldn't take your answer." : 'Unanswered, an invitation ends within a week.'}`,
  buddyNoInviteHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? 'Heads Up: no one has asked you by SMS to be their buddy. If you were asked on Signal, reply ACCEPT there. HELP: the commands.'
        : 'Heads Up: no one has asked you on Signal to be their buddy. If you were asked by SMS, text ACCEPT there. HELP: the commands.'
      : via === 'sms'
        ? 'Heads Up: no one has asked you by SMS to be their buddy. HELP: the commands.'
        : 'Heads Up: no one has asked you on Signal to be their buddy. HELP: the commands.',
  buddyNotAskedHere: (via, otherSends = true) =>
    otherSends
      ? via === 'sms'
        ? 'Heads Up: no one has asked you by SMS to be their buddy. If you were asked or accepted on Signal, reply DECLINE there. HELP: the commands.'
        : 'Heads Up: no one has asked you on Signal to be their buddy. If you were asked or accepted by SMS, text DECLINE there. HELP: the commands.'
      : via === 'sms'
        ? 'Heads Up: no one has asked you by SMS to be their buddy. HELP: the commands.'
        : 'Heads Up: no one has asked you on Signal to be their buddy. HELP: the commands.',
  buddyDeclined: (via) =>
    via === 'sms'
      ? "Heads Up: OK, you're no one's safety buddy by SMS now: no check-in messages here. If you're also a buddy on Signal, reply DECLINE there too."
      : "Heads Up: OK, you're no one's safety buddy on Signal now: no check-in messages here. If you're also a buddy by SMS, text DECLINE there too.",
  buddyDeclinedMember: (ending) => `Heads Up: the number ending ${ending} declined, so it isn't your buddy.`,
  buddyStoppedMember: (ending) => `Heads Up: the number ending ${ending} asked us to stop texting it, so it can't be your buddy now.`,
  discreetContactAccepted: (ending) => `HU: the number ending ${ending} said yes: it is your contact now.`,
  discreetContactDeclined: (ending) => `HU: the number ending ${ending} said no, so it is not your contact.`,
  discreetContactStopped: (ending) => `HU: the number ending ${ending} asked us to stop texting it, so it is not your contact now.`,
  buddyUnreachedMember: (ending, channel) =>
    `Heads Up: we couldn't reach the number ending ${ending} (${channel === 'signal' ? 'they may not use Signal' : 'it may not get texts'}), so it isn't your buddy. Text BUDDY with another number.`,
  discreetContactUnreached: (ending) => `HU: we couldn't reach the number ending ${ending}, so it is not your contact.`,
  buddyChannelGoneMember: (ending, gone) =>
    gone === 'signal'
      ? `Heads Up no longer sends by Signal: your request to the number ending ${ending} wasn't sent, so it isn't your buddy. To ask them by SMS, text BUDDY SMS, their number and your name.`
      : `Heads Up no longer sends by SMS: your request to the number ending ${ending} wasn't sent, so it isn't your buddy. To ask them on Signal, send BUDDY SIGNAL, their number and your name.`,
  discreetContactChannelGone: (ending, gone) =>
    `HU: we no longer send by ${gone === 'signal' ? 'Signal' : 'SMS'}, so your message to the number ending ${ending} wasn't sent: it is not your contact. To ask again, reply BUDDY ${gone === 'signal' ? 'SMS' : 'SIGNAL'}, their number and your name.`,
  checkinEnd: (e) => (e.day ? `${e.time} on ${WEEKDAY[e.day.weekday]} ${e.day.date}${e.day.month ? ` ${MONTH[e.day.month - 1]}` : ''}` : e.time),
  checkinStarted: (until, told, reminder, replaced, later = 30) =>
    `Heads Up: check-in until ${until}${replaced ? ' (it replaces your earlier one and its details)' : ''}. Text OK when you're safe${reminder ? "; we'll remind you 10 min before" : ''}. If you don't, we tell ${told === 'buddies' ? 'your buddies' : "the line's moderators"}, with your details.${later === null ? '' : ` LATER ${later} adds time.`}`,
  checkinNeedsBuddy: (ex = NA_EXAMPLES) => `Heads Up: a check-in needs a buddy who accepted. Text BUDDY, their number and the name they know you by first, e.g. BUDDY ${ex.number} Rose.`,
  checkinUsage: (min, max, ex = NA_EXAMPLES) => `Heads Up: text CHECKIN, minutes (${min} to ${max}), then details to share if you don't check in, e.g. CHECKIN ${checkinExample({ minMinutes: min, maxMinutes: max })} blue Honda ${ex.number}.`,
  checkinDetailsTooLong: (max) => `Heads Up: keep the details under ${max} characters so they reach your buddies whole. Nothing was started.`,
  checkinReminder: (until, later = 30) => `Heads Up: your check-in ends at ${until}. Text OK when you're safe${later === null ? '' : `, or LATER ${later} for more time`}.`,
  discreetReminder: (until, later = 30) => `HU: reply OK by ${until}${later === null ? '' : `, or LATER ${later}`}.`,
  checkinStillRuns: (until, later = 30) =>
    `Heads Up didn't understand that. Your check-in still runs until ${until}: text OK if you're safe${later === null ? '' : `, or LATER ${later} for more time`}.`,
  checkinStillMissed: (told) =>
    told === 'nobody'
      ? "Heads Up didn't understand that. Your check-in ran out without your OK. Text OK if you're safe."
      : `Heads Up didn't understand that. You didn't check in, so we messaged ${told === 'buddies' ? 'your buddies' : "the line's moderators"}. Text OK if you're safe and we'll tell them.`,
  discreetStillMissed: (told) => (told === 'nobody' ? 'HU: reply OK when you can.' : `HU: we passed your message to ${told === 'buddies' ? 'your contact' : 'our team'}. Reply OK when you can.`),
  checkinNoOneLeft: (ex = NA_EXAMPLES) => `Heads Up: your check-in now reaches no one: no buddy is left to tell if you miss it. Add one: text BUDDY, their number and the name they know you by, e.g. BUDDY ${ex.number} Rose.`,
  checkinModeratorsGone: (ex = NA_EXAMPLES) => `Heads Up: your check-in now reaches no one: the line's moderators can't be reached for now. Add a buddy: text BUDDY, their number and the name they know you by, e.g. BUDDY ${ex.number} Rose.`,
  discreetModeratorsGone: () => "HU: our team can't take your message for now. Reply BUDDY, a number and your name to add a contact.",
  discreetNoOneLeft: () => "HU: there's no contact left to pass your message to. Reply BUDDY, a number and your name to add one.",
  checkinRestored: (until, told) =>
    `Heads Up: this line was restored from a backup and may have lost your latest messages, so your check-in is running again. If you're safe, text OK. ${
      told === 'nobody' ? `It ends at ${until}.` : `If not, we tell ${told === 'buddies' ? 'your buddies' : "the line's moderators"} at ${until}, with your details.`
    }`,
  discreetRestored: (until, later = 30) => `HU: we may have lost your latest messages. Reply OK by ${until} if all is well${later === null ? '' : `, or LATER ${later}`}.`,
  checkinEscalation: (name, expected, details) =>
    `Heads Up: ${name} hasn't checked in. They expected to be done by ${expected}. ${details ? `They shared: ${sentence(details)}` : 'They shared no details.'} Please try to reach them.`,
  discreetBuddyEscalation: (name, expected, details) =>
    `HU: ${name} hasn't answered us in time. They expected to be done by ${expected}. ${details ? `Their message: ${sentence(details)}` : 'They left no message.'} Please try to reach them.`,
  checkinEscalationModerators: (ref, expected, details, unreached) =>
    `Heads Up ${ref}: ${unreached ? 'a member whose buddies could not be reached' : 'a member with no buddy'} missed a check-in due ${expected}. ${details ? `They shared: ${details}` : 'They shared no details.'}`,
  checkinEscalationModeratorsFolded: (ref, expected, first, count) =>
    `Heads Up ${ref}: another missed check-in, due ${expected}, from the sender of ${first}: ${count} in 24 hours. Their words are not sent again: SHOW ${ref.slice(1)} reads them, BLOCK ${ref.slice(1)} silences this sender.`,
  checkinEscalationModeratorsFoldedErased: (ref, expected) =>
    `Heads Up ${ref}: another missed check-in, due ${expected}, from a sender told to you in full 3 times in 24 hours. Their words are not sent again: SHOW ${ref.slice(1)} reads them, BLOCK ${ref.slice(1)} silences this sender.`,
  checkinDetailsUnreadable: () => '(their details could not be read)',
  checkinMemberTold: (told) =>
    told === 'nobody'
      ? "Heads Up: you didn't check in, and no buddy is left to tell. Text OK when you're safe."
      : `Heads Up: you didn't check in, so we're messaging ${told === 'buddies' ? 'your buddies' : "the line's moderators"}. If we can't reach them, we'll tell you. Text OK when you're safe.`,
  discreetMemberTold: (told) =>
    told === 'nobody'
      ? "HU: there's no contact left to pass your message to. Please reach someone another way."
      : `HU: we're passing your message to ${told === 'buddies' ? 'your contact' : 'our team'}. If we can't, we'll tell you. Reply OK when you can.`,
  checkinOk: () => "Heads Up: glad you're safe. Check-in ended and your details erased.",
  checkinCancelled: () => 'Heads Up: check-in ended and your details erased. No one will be told.',
  checkinOkLate: () => "Heads Up: glad you're safe. We've told them you checked in.",
  checkinOkUnreached: (n) => `Heads Up: we couldn't get word that you checked in through to ${n === 1 ? 'a buddy of yours' : `${n} of your buddies`}: they may still be worried. Please let them know you're safe yourself.`,
  discreetOkUnreached: (n) => `HU: we couldn't pass your news to ${n === 1 ? 'your contact' : `${n} of your contacts`}. Please let them know yourself.`,
  checkinOkBuddy: (name) => (name ? `Heads Up: ${name} has checked in and is OK.` : 'Heads Up: the member who missed a check-in has now checked in.'),
  discreetBuddyOk: (name) => `HU: ${name} has answered us and is OK.`,
  checkinOkModerators: (refs) => `Heads Up ${refs}: the member who missed this check-in has now checked in.`,
  checkinNone: (checkin = 90) => `Heads Up: you have no check-in running. CHECKIN and minutes starts one, e.g. CHECKIN ${checkin}.`,
  checkinExtended: (until) => `Heads Up: check-in extended to ${until}. Text OK when you're safe.`,
  checkinEscalationWithdrawn: (until) => `Heads Up: no one had been told yet, and no one will be now: check-in extended to ${until}. Text OK when you're safe.`,
  checkinBuddiesUnreached: (n, trying, running) =>
    `Heads Up: we couldn't reach ${n === 1 ? 'your buddy' : 'any of your buddies'} to say you missed your check-in.${trying ? " We're still trying." : ''} Please reach someone you trust another way. ${running ? "Your new check-in still runs." : "Text OK when you're safe."}`,
  discreetUnreached: (trying) =>
    `HU: we couldn't get your message through to your contact.${trying ? " We're still trying." : ''} Please reach someone another way.`,
  checkinBuddiesUnreachedModeratorsTold: (n, trying, running) =>
    `Heads Up: we couldn't reach ${n === 1 ? 'your buddy' : 'any of your buddies'} to say you missed your check-in, so we told the line's moderators instead.${trying ? " We're still trying." : ''} If you can, reach someone you trust too. ${running ? "Your new check-in still runs." : "Text OK when you're safe."}`,
  discreetUnreachedModeratorsTold: (trying) =>
    `HU: we couldn't get your message through to your contact, so we passed it to our team instead.${trying ? " We're still trying." : ''}`,
  checkinModeratorsUnreached: (trying, running) =>
    `Heads Up: we couldn't reach the line's moderators to say you missed your check-in.${trying ? " We're still trying." : ''} Please reach someone you trust another way. ${running ? "Your new check-in still runs." : "Text OK when you're safe."}`,
  discreetModeratorsUnreached: (trying) =>
    `HU: we couldn't get your message through to our team.${trying ? " We're still trying." : ''} Please reach someone another way.`,
  checkinNoOneReached: (n, trying, running) =>
    `Heads Up: we couldn't reach ${n === 1 ? 'your buddy' : 'any of your buddies'}, nor the line's moderators, to say you missed your check-in.${trying ? " We're still trying." : ''} Please reach someone you trust another way. ${running ? "Your new check-in still runs." : "Text OK when you're safe."}`,
  discreetNoOneReached: (trying) =>
    `HU: we couldn't get your message through to your contact, nor to our team.${trying ? " We're still trying." : ''} Please reach someone another way.`,
  checkinUnreachedAfterAll: (n, moderators) =>
    `Heads Up: we couldn't reach ${n === 0 ? "the line's moderators" : `${n === 1 ? 'your buddy' : 'any of your buddies'}${moderators ? ", nor the line's moderators," : ''}`} after all, and we've stopped trying. Please reach someone you trust another way. Text OK when you're safe.`,
  discreetUnreachedAfterAll: (n, moderators) =>
    `HU: we couldn't get your message through to ${n === 0 ? 'our team' : `your contact${moderators ? ', nor to our team,' : ''}`} after all. Please reach someone another way.`,
  laterUsage: (max, min, later = 30) =>
    later === null
      ? `Heads Up: a check-in can end at most ${max} minutes from now, so yours can't be extended yet. Text OK when you're safe.`
      : `Heads Up: text LATER and the minutes to add, at least ${min}, e.g. LATER ${later}. A check-in can end at most ${max} minutes from now.`,
  // Reach (issue 12)
  joinWhichAreaListed: (codes) => `Heads Up: which area do you want alerts for? Reply with one: ${listAreas(codes)}.`,
  unknownAreaListed: (codes, resend) =>
    resend
      ? `Heads Up: that isn't one of our areas. Send ${AREA_COMMAND[resend]} again with one of ${listAreas(codes)}.`
      : `Heads Up: that isn't one of our areas. Reply with one of ${listAreas(codes)}.`,
  joinWhichAreaNamed: (example) => `Heads Up: which area do you want alerts for? Reply with its code or name, e.g. ${example}.`,
  unknownAreaNamed: (token, example, resend) =>
    `Heads Up: "${clip(token, 12)}" isn't one of our areas. Use its code or name, e.g. ${resend ? AREA_COMMAND[resend] : 'JOIN'} ${example}.`,
  discreetOn: (via) =>
    `Heads Up: discreet alerts on. An alert now comes as a plain notice; text READ to see it. ${
      via === 'sms' ? 'If you also use Heads Up on Signal, send DISCREET ON there too.' : 'If you also get alerts by SMS, text DISCREET ON there too.'
    }`,
  discreetOff: (via) =>
    via === 'sms'
      ? 'Heads Up: discreet alerts off by SMS. If you also turned them on on Signal, send DISCREET OFF there too. DISCREET ON here to turn back on.'
      : 'Heads Up: discreet alerts off on Signal. If you also turned them on by SMS, text DISCREET OFF there too. DISCREET ON here to turn back on.',
  discreetState: (on, via) =>
    `Heads Up: ${via === 'sms' ? 'by SMS' : 'on Signal'}, discreet alerts are ${on ? 'on' : 'off'}. Text DISCREET ${on ? 'OFF to turn them off' : 'ON to turn them on'}.`,
  discreetWhenBack: (on, via) =>
    `Heads Up: you get no alerts ${via === 'sms' ? 'by SMS' : 'on Signal'} now. Discreet alerts will be ${on ? 'on' : 'off'} when you come back. Text START to come back.`,
  discreetNotice: (areas) => `HU ${listAreas(areas)}: 1 new message. Reply READ to see it.`,
  readNone: () => 'Heads Up: nothing unread.',
  readItem: (areas, text, day) => `(${listAreas(areas)}, ${localDate(day)}) ${text}`,
  readMore: (count) => `+${count} older: text READ again.`,
  discreetAdmitted: (areas) => `HU: you're in for ${listAreas(areas)}. Reply HELP for the commands.`,
  // Reports (issue 11)
  reportAsk: (step, example = '415', ex = NA_EXAMPLES) =>
    ({
      what: "Heads Up report. What happened? Numbers, e.g. 1 3: 1 violence 2 sexual assault 3 robbed/no pay 4 condom 5 threats 6 stalking 7 time-waster 8 no-show 9 other",
      when: 'When did it happen? e.g. Fri 11pm. Any time: SKIP a question, BACK, DONE to send it now, DROP to throw it away.',
      where:
        example === '415'
          ? 'Where? The area code and, if you like, the place, e.g. 415 Motel 6 Lombard St. Or SKIP.'
          : `Where? The area and, if you like, the place, e.g. ${example} Ibis hotel, High St. Or SKIP.`,
      person: 'The person: what did they look like, what names did they use? Or SKIP.',
      vehicle: `Vehicle and plate? e.g. grey Honda, plate ${ex.plate}. Or SKIP.`,
      contact: 'How did they contact you? Phone, email, ad link, @handle or site. Or SKIP.',
      other: 'Anything else for the moderators? It stays with them, not in the alert. Or SKIP.',
    })[step],
  reportYouSaid: (answer) => `You said: "${answer}". SKIP keeps it, or answer again.`,
  reportReview: (areas, body, segments = 2) =>
    fitSegments((x) => `Your report (${areas.length ? listAreas(areas) : 'no area yet'}): ${x} -- DONE to send it, BACK to change, DROP to throw it away.`, body, segments),
  reportMore: (count) => `+${count} more`,
  reportAnswerCut: (kept) => `That answer was too long: only its first ${kept} characters were kept. Put the rest in a later answer.`,
  reportAskAgain: () => 'Please reply with numbers from the list, e.g. 1 3, or SKIP.',
  reportNothingYet: () => 'Nothing to send yet: answer the question, or DROP.',
  reportCancelled: () => 'Heads Up: report dropped, nothing kept. Text REPORT to start again.',
  reportDraftFiled: (ref, areas) => `Heads Up: your unfinished report was sent to a moderator as ${ref} for ${listAreas(areas)}, with what you gave.`,
  reportDraftDropped: () => "Heads Up: your unfinished report didn't say what happened, so it was dropped. Text REPORT to start again.",
  reportDraftNoArea: (example = '415') =>
    `Heads Up: your unfinished report didn't say which area, so it was dropped. Text REPORT and the area${example === '415' ? ' code' : ''}, e.g. REPORT ${example}, to start again.`,
  discreetDraftFiled: (ref) => `HU: your unfinished message went through as ${ref}.`,
  discreetDraftDropped: () => 'HU: your unfinished message was not sent. Reply HELP if you need to.',
  categoryNames: (list) => list.map((c) => CATEGORY[c]).join(', '),
  alertBody: (f) => alertFromFields(f, CATEGORY, LABELS),
};

export const en: Catalog = { ...members, ...enModerators, ...CORRECTIONS.en(members.checkinEnd) };
