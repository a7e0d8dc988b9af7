/** Commands for moderators: ALERT here, PENDING and STATS in moderator-pending and moderator-stats; APPROVE, REJECT, EDIT, SHOW, RETRACT and BLOCK of a reference in moderator-decisions. */
import { issueAlert } from '../alerts/alert-service';
import { alertSegments, cleanAlertText, MAX_ALERT_SEGMENTS } from '../alerts/alert-text';
import type { Regions } from '../alerts/regions';
import type { Lang } from '../domain/lang';
import type { Channel, Sender } from '../phone/identity';
import { newRef } from '../store/refs';
import { anyoneSubscribed } from '../store/subscriptions';
import type { Catalog } from './catalog';
import type { Command } from './commands';
import { failed, say, type Outcome, type Store } from './handler';
import { unknownArea } from './member-commands';
import { block } from './moderator-block';
import { approve, edit, reject, retract, show } from './moderator-decisions';
import { pendingPage } from './moderator-pending';
import { statsPage } from './moderator-stats';
import { dropDigestsIfNothingWaits } from './notify';
import { areasBeforeText, leadingAreas } from './leading-areas';

/** Who moderates: their language, for the replies, and who they are, so a notice of their own EDIT is not sent back to them. */
export interface Moderator {
  sender: Sender;
  lang: Lang;
  t: Catalog;
  /** The operator at the command line: no phone, no notices; see approve. */
  operator?: true;
}

/** What moderation applies: the line's areas, MAX_AREAS and the channels it sends on. */
export interface ModerationRules {
  regions: Regions;
  maxAreas: number;
  /** Where alerts can go now: ALERT and APPROVE say "nobody will receive it" of members on none of these. */
  sendChannels: readonly Channel[];
  /** The moderators: BLOCK of a report of hers discards none of her others (she relays reports taken by phone). */
  moderatorContacts: readonly Sender[];
}

function alert(store: Store, mod: Moderator, rules: ModerationRules, tokens: string[], raw: string, now: number, colonEnded = false): Outcome {
  const { regions, sendChannels } = rules;
  // As REPORT reads it: a number after the areas that is none, with text after it, starts the text ("ALERT 415
  // 100 dollars short"). First, or with an area after it ("415 150 408": 150 for 510), it is a mistyped area:
  // an alert goes out as it is, and has no areas of its own to fall back to.
  const split = areasBeforeText(regions, tokens, raw);
  const areaAfter = tokens.slice(split.given.length + 1).some((token) => regions.resolve([token]).ok);
  const { given, raw: rest } = split.given.length && !areaAfter ? split : { given: tokens, raw };
  const resolved = regions.resolve(given);
  if (!resolved.ok) return failed(unknownArea(mod.t, regions, resolved.bad, 'alert'));
  // The line's own codes and names ("ALERT LDN grey van") lead the text as NPAs do.
  const named = leadingAreas(regions, rest, given.length > 0, false, colonEnded);
  const npas = [...new Set([...resolved.npas, ...named.areas])].sort();
  if (npas.length === 0) return failed(mod.t.modNeedsArea());
  const text = cleanAlertText(named.text);
  // As EDIT's: marks or emoji alone ("ALERT MAD .") would go to the whole area saying nothing.
  if (!/[\p{L}\p{N}]/u.test(text)) return failed(mod.t.modNeedsText());
  const segments = alertSegments(npas, text);
  if (segments > MAX_ALERT_SEGMENTS) return failed(mod.t.modAlertTooLong(segments));
  // Its own reference: RETRACT withdraws a mistaken one as it does a report's.
  const ref = newRef(store.db);
  const alertId = issueAlert({ ...store, regions }, { ref, npas, body: { text } }, now);
  // Kept even when it reaches no one (CHECK finds what it names), but she must not take it for sent: 212 typed for 415.
  const reached = anyoneSubscribed(store.db, regions.expand(npas), sendChannels);
  return { say: reached ? mod.t.modAlertQueued(npas, `#${ref}`, text) : mod.t.modAlertNoOne(npas, `#${ref}`), alerts: [alertId] };
}

/** Runs a moderator command (the caller has checked the sender may); null for a command that is not one. */
export function runModeratorCommand(store: Store, mod: Moderator, rules: ModerationRules, command: Command, now: number): Outcome | null {
  const outcome = runCommand(store, mod, rules, command, now);
  // The last report or request decided: a digest still waiting ("3 more reports waiting") would tell of none.
  const decision = command.kind === 'approve' || command.kind === 'reject' || command.kind === 'block';
  if (decision) dropDigestsIfNothingWaits(store.db);
  return outcome;
}

function runCommand(store: Store, mod: Moderator, rules: ModerationRules, command: Command, now: number): Outcome | null {
  switch (command.kind) {
    case 'pending':
      return say(pendingPage(store.db, mod.t, command.page ?? 1));
    case 'approve':
      return approve(store, mod, rules, command.ref, command.areas, now);
    case 'reject':
      return reject(store, mod, command.ref, now);
    case 'edit':
      return edit(store, mod, rules, command.ref, command.text, now);
    case 'alert':
      return alert(store, mod, rules, command.areas, command.text, now, command.colonEnded === true);
    case 'block':
      return block(store, mod, command.ref, now, rules.moderatorContacts);
    case 'show':
      return show(store, mod, rules, command.ref, now);
    case 'stats':
      return say(statsPage(store.db, mod.t, command.page ?? 1));
    case 'retract':
      return retract(store, mod, command.ref, now);
    default:
      return null;
  }
}
