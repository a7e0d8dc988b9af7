/**
 * DISCREET and READ (issue 12). A discreet member's alerts arrive as a
 * neutral notice that names nothing of their subject; READ answers with the
 * unread alerts, newest first, in at most two messages. Over Signal,
 * discreet also sets the conversation's disappearing-messages timer.
 */
import { MAX_ALERT_SEGMENTS } from '../alerts/alert-text';
import { memberDiscreet, membershipDiscreet, personMemberIds, setMemberDiscreet } from '../store/members';
import { copiesRead, enqueueMessage } from '../store/outbox';
import { linkReadQuotes, readItem, readMessage } from '../store/read-quotes';
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

/**
 * DISCREET: sets discreet alerts on or off for this membership only (as
 * STOP): an SMS from her number may be spoofed, or come from its new holder
 * while her Signal account still shows it. "DISCREET ON" (OFF, SÍ, NON, …)
 * sets that state, bare it toggles, and other words change nothing: she is
 * told how it stands. The reply names the other channel whatever is held
 * there. An alert is discreet while either of a person's memberships asked
 * for it (store/alerts.ts), so no message turns the other's off.
 */
export function setDiscreet(store: Store, who: Asker, rules: DiscreetRules, wants: 'on' | 'off' | 'unclear' | undefined, now: number): Outcome {
  const { db } = store;
  if (!who.member) return say(who.t.notMember());
  const was = membershipDiscreet(db, who.member.id);
  const via = who.sender.channel;
  const on = wants === 'unclear' ? was : wants === undefined ? !was : wants === 'on';
  if (on !== was) {
    setMemberDiscreet(db, who.member.id, on);
    // Copies still queued for either membership go as the planner would now send them: notices, and READ
    // finds them; in full only once neither membership is discreet (a notice a send holds stays for READ).
    const memberships = personMemberIds(db, who.member.id);
    if (on) for (const id of memberships) queuedAlertsUnread(db, id);
    else if (!memberDiscreet(db, who.member.id)) for (const id of memberships) queuedAlertsInFull(db, id, now);
  }
  // Already so ("DISCREET ON" to be sure): told so, nothing changed, nor a timer she may have set herself.
  const disappearing = on === was ? undefined : signalTimer(who, rules, on);
  // After STOP no alert comes: the setting waits for her return (a JOIN keeps it), and she is told how to come back.
  if (who.member.status === 'stopped') return { say: who.t.discreetWhenBack(on, via), disappearing };
  if (wants === 'unclear') return say(who.t.discreetState(was, via));
  return { say: on ? who.t.discreetOn(via) : who.t.discreetOff(via), disappearing };
}

/**
 * READ: this membership's unread alerts, newest first, packed into at most
 * two messages of an alert's budget each; the rest stay unread and the
 * answer says how many. What is shown is marked read.
 */
export function read(store: Store, who: Asker, now: number): Outcome {
  const { db, vault } = store;
  if (!who.member) return say(who.t.notMember());
  // After STOP the carrier delivers nothing to them (and the outbox sends nothing): what READ showed would be lost.
  const { status } = who.member;
  if (status === 'stopped' || status === 'invalid') return say(who.t.notMember());
  // Waiting for a moderator, its JOIN perhaps a recycled number's new holder's: answered as any applicant is,
  // so the reply tells nothing of a membership before; what waits unread stays so, for after admission.
  if (status === 'pending') return say(who.t.readNone());
  // This membership's only, as STOP: an SMS from her number may be spoofed, or come from its new holder while
  // her Signal account still shows it. It must neither show nor mark the other's, nor tell by its reply that it exists.
  const unread = openUnread(db, vault, who.member.id);
  if (unread.length === 0) return say(who.t.readNone());
  const total = unread.length;
  const items = unread.slice(0, READ_LOOKS_AT).map((a) => ({ id: a.id, text: readItem(who.t, who.lang, a) }));
  const messages: Array<typeof items> = [[]];
  for (const item of items) {
    const last = messages[messages.length - 1] as typeof items;
    if (last.length === 0 || smsSegments(joined([...last, item])) <= MAX_ALERT_SEGMENTS) last.push(item);
    else if (messages.length < 2) messages.push([item]);
    else break;
  }
  let shown = messages.flat().length;
  const withMore = (m: typeof items) => readMessage(who.t, m.map((i) => i.text), total - shown);
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
  // The last message ends with "+N older" when more wait.
  const older = (i: number) => (i === messages.length - 1 ? total - shown : 0);
  const texts = messages.map((m, i) => readMessage(who.t, m.map((item) => item.text), older(i)));
  const shownIds = messages.flat().map((m) => m.id);
  markRead(db, who.member.id, shownIds);
  copiesRead(db, who.member.id, shownIds, now);
  // Each message records what it quotes: RETRACT takes a withdrawn alert out of one still waiting (store/read-quotes.ts).
  const quotes = messages.map((m, i) => ({ ids: m.map((item) => item.id), older: older(i) }));
  const [first, second] = texts;
  if (second === undefined) return { say: first as string, quotesAlerts: quotes[0] };
  const id = enqueueMessage(db, vault, who.member.id, second, now, { dueAt: now + SECOND_MESSAGE_DELAY_MS });
  linkReadQuotes(db, id, quotes[1]?.ids ?? [], quotes[1]?.older ?? 0);
  return { say: first as string, queued: true, quotesAlerts: quotes[0] };
}

function joined(items: Array<{ text: string }>): string {
  return items.map((i) => i.text).join('\n');
}
