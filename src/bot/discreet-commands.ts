/**
 * DISCREET and READ (issue 12). A discreet member's alerts arrive as a
 * neutral notice that names nothing of their subject; READ answers with the
 * unread alerts, newest first, in at most two messages. Over Signal,
 * discreet also sets the conversation's disappearing-messages timer.
 */
import { MAX_ALERT_SEGMENTS } from '../alerts/alert-text';
import { memberDiscreet, personMemberIds, setPersonDiscreet } from '../store/members';
import { copiesRead, enqueueMessage } from '../store/outbox';
import { bodyText } from '../alerts/report-template';
import { markRead, openUnread, queuedAlertsInFull, queuedAlertsUnread } from '../store/unread-alerts';
import { say, type Asker, type Outcome, type Store } from './handler';
import { smsSegments } from './sms-segments';

/** The line's discreet rules: DISCREET_DEFAULT and DISCREET_TIMER_SECONDS. */
export interface DiscreetRules {
  /** New members get discreet alerts. */
  byDefault: boolean;
  /** The disappearing-messages timer discreet sets on a Signal member's conversation; 0 sets none. */
  timerSeconds: number;
}

export const DEFAULT_DISCREET: DiscreetRules = { byDefault: false, timerSeconds: 86_400 };

/** Most unread alerts READ looks at: two messages hold far fewer. */
const READ_LOOKS_AT = 20;

/** How long after the first message of a READ answer the second is due, so it arrives second. */
const SECOND_MESSAGE_DELAY_MS = 2_000;

/** The disappearing-messages timer to set for a Signal member who turns discreet on (or off: 0). */
export function signalTimer(who: Asker, rules: DiscreetRules, on: boolean): number | undefined {
  if (who.sender.channel !== 'signal' || rules.timerSeconds === 0) return undefined;
  return on ? rules.timerSeconds : 0;
}

/** DISCREET: turns discreet alerts on, or off again. */
export function toggleDiscreet(store: Store, who: Asker, rules: DiscreetRules): Outcome {
  if (!who.member) return say(who.t.notMember());
  // One person, one phone: DISCREET from either channel of someone on both turns it on, or off, for both.
  const on = !memberDiscreet(store.db, who.member.id);
  const memberships = setPersonDiscreet(store.db, who.member.id, on);
  // Copies still queued go out as notices too, and READ finds them; turned off, they go out in full.
  for (const id of memberships) (on ? queuedAlertsUnread : queuedAlertsInFull)(store.db, id);
  return { say: on ? who.t.discreetOn() : who.t.discreetOff(), disappearing: signalTimer(who, rules, on) };
}

/**
 * READ: the unread alerts, newest first, packed into at most two messages
 * of an alert's budget each; the rest stay unread and the answer says how
 * many. What is shown is marked read.
 */
export function read(store: Store, who: Asker, now: number): Outcome {
  const { db, vault } = store;
  if (!who.member) return say(who.t.notMember());
  // After STOP the carrier delivers nothing to them (and the outbox sends nothing): what READ showed would be lost.
  const { status } = who.member;
  if (status === 'stopped' || status === 'invalid') return say(who.t.notMember());
  // Hers on either channel (one phone, one person): the notice may have gone to her other membership.
  const memberships = personMemberIds(db, who.member.id);
  const byAlert = new Map(memberships.flatMap((id) => openUnread(db, vault, id)).map((a) => [a.id, a]));
  const unread = [...byAlert.values()].sort((a, b) => b.id - a.id);
  if (unread.length === 0) return say(who.t.readNone());
  const total = unread.length;
  const items = unread.slice(0, READ_LOOKS_AT).map((a) => ({ id: a.id, text: who.t.readItem(a.npas, bodyText(who.lang, a.npas, a.body), new Date(a.createdAt)) }));
  const messages: Array<typeof items> = [[]];
  for (const item of items) {
    const last = messages[messages.length - 1] as typeof items;
    if (last.length === 0 || smsSegments(joined([...last, item])) <= MAX_ALERT_SEGMENTS) last.push(item);
    else if (messages.length < 2) messages.push([item]);
    else break;
  }
  let shown = messages.flat().length;
  const withMore = (m: typeof items) => [...m.map((i) => i.text), who.t.readMore(total - shown)].join('\n');
  // "+N older: READ again" must fit too: the last item shown gives way to it (the line may be left alone
  // in the second message), but a lone alert in the first message stays and the line takes the second.
  while (total > shown) {
    const last = messages[messages.length - 1] as typeof items;
    if (smsSegments(withMore(last)) <= MAX_ALERT_SEGMENTS) break;
    if (last.length === 1 && messages.length === 1) messages.push([]);
    else {
      last.pop();
      shown--;
    }
  }
  const texts = messages.map((m, i) => (i === messages.length - 1 && total > shown ? withMore(m) : joined(m)));
  const shownIds = messages.flat().map((m) => m.id);
  for (const id of memberships) {
    markRead(db, id, shownIds);
    copiesRead(db, id, shownIds, now);
  }
  const [first, second] = texts;
  if (second === undefined) return say(first as string);
  enqueueMessage(db, vault, who.member.id, second, now, { dueAt: now + SECOND_MESSAGE_DELAY_MS });
  return { say: first as string, queued: true };
}

function joined(items: Array<{ text: string }>): string {
  return items.map((i) => i.text).join('\n');
}
