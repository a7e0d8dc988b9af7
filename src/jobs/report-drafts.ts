/**
 * Guided reports left unanswered: a draft lapses 30 minutes after its last
 * answer. If it says what happened it is filed with what it has (and the
 * moderators told, as for any report); otherwise, or when it has no area to
 * go to, it is dropped. Either way the member is told why, in the draft's
 * language: nothing is lost silently; a member who chose DISCREET, as
 * plainly as her alerts (the notice arrives unasked). The lapse keeps its
 * distance from now when the wall clock steps back (ReportDrafts).
 */
import { catalog } from '../bot/catalog';
import { DEFAULT_NOTICE_LIMIT } from '../bot/context';
import type { Store } from '../bot/handler';
import type { LineRules } from '../bot/line-rules';
import { notifyModerators } from '../bot/notify';
import { draftFiler, fileDraft } from '../bot/report-commands';
import { draftOf } from '../bot/report-dialogue';
import { reportRules } from '../bot/run-command';
import type { Channel } from '../domain/channel';
import { isBlocked } from '../store/blocks';
import { memberDiscreet, otherChannelMember } from '../store/members';
import { conversationsClockSteppedBack, dropConversation, lapsedConversations, latestConversationTime } from '../store/conversations';
import type { Db } from '../store/db';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import type { Logger } from '../log/logger';
import { ClockFollower } from '../util/clock-follower';
import { runGuarded } from './guarded';

/** Drafts handled per run; the rest wait for the next minute. */
const BATCH = 100;

/** Files or drops every lapsed report draft (or `only` that sender's), in the caller's transaction; returns the counts. */
export function expireReportDrafts(store: Store, rules: LineRules, now: number, only: Buffer | null = null): { filed: number; dropped: number } {
  const { db, vault } = store;
  let filed = 0;
  let dropped = 0;
  let queued = false;
  for (const { key, conversation } of lapsedConversations(db, vault, now, BATCH, only)) {
    dropConversation(db, key);
    // One that will not open tells us nothing, not even whom to tell: it is only erased.
    if (conversation?.topic !== 'report') continue;
    const t = catalog(conversation.lang);
    const draft = draftOf(conversation);
    const filer = draftFiler(conversation);
    // A sender blocked since they started: dropped silently, as their messages are (over Signal, a block of the number she showed too).
    if (filer && (isBlocked(db, filer.reporterKey) || (filer.phoneReporterKey !== undefined && isBlocked(db, filer.phoneReporterKey)))) {
      dropped++;
      continue;
    }
    let reply = t.reportDraftDropped();
    let filedRef: string | undefined;
    if (draft && filer && draft.categories.length > 0) {
      const result = fileDraft(store, reportRules(rules), filer, draft, now);
      if ('ref' in result) {
        reply = t.reportDraftFiled(result.ref, result.npas);
        filedRef = result.ref;
        queued = notifyModerators(store, rules.moderatorContacts, rules.limits.notices ?? DEFAULT_NOTICE_LIMIT, result.notify, now) || queued;
        filed++;
      } else {
        reply = result.why === 'limit' ? t.reportLimit() : t.reportDraftNoArea(rules.regions.ownExample() ?? undefined);
        dropped++;
      }
    } else {
      dropped++;
    }
    const a = conversation.answers;
    const memberId = filer?.memberId ?? null;
    const member = memberId !== null && db.stmt('SELECT 1 FROM members WHERE id = ?').get(memberId) !== undefined;
    // Unasked, half an hour on, perhaps beside the client: as plain as her alerts. Written from a channel she
    // has no membership on, her number showing: her other channel's (one person, one phone), as check-ins do.
    const channel = a.channel === 'sms' || a.channel === 'signal' ? (a.channel as Channel) : undefined;
    const twin = !member && channel && filer?.phone ? otherChannelMember(db, vault, { channel, address: a.address ?? '', phone: filer.phone }) : undefined;
    const person = member ? (memberId as number) : twin;
    if (person !== undefined && memberDiscreet(db, person)) reply = filedRef ? t.discreetDraftFiled(filedRef) : t.discreetDraftDropped();
    if (member) enqueueMessage(db, vault, memberId as number, reply, now);
    else if ((a.channel === 'sms' || a.channel === 'signal') && a.address) enqueueReply(db, vault, { channel: a.channel as Channel, address: a.address }, reply, now);
    queued = true;
  }
  if (queued) db.onCommit(rules.onQueued);
  if (filed + dropped > 0) db.eraseSoon();
  return { filed, dropped };
}

export interface ReportDraftsDeps {
  db: Db;
  log: Logger;
  now: () => number;
  /** Files or drops the lapsed drafts and erases lapsed questions (expireReportDrafts in a transaction of its own). */
  expire: () => { filed: number; dropped: number };
  /** How often lapsed drafts are looked for (a minute). */
  everyMs?: number;
  /** How often the wall clock is read for a step back (a second, as the check-in timers do). */
  followMs?: number;
  /** The follower of the expiry's clock, shared with the messages that write it (DeadlineClocks); one of its own when unset. */
  clock?: ClockFollower;
  /** After a leap of the clock (the machine slept), whether lapses may act yet: not before an answer held at Signal is read (resume-gate.ts). */
  gate?: { mayAct(now: number): boolean };
}

/**
 * Follows the wall clock for the expiry of open questions and report
 * drafts: written before a step back, it keeps its distance from now (as
 * check-in deadlines do); the first read compares with the latest time the
 * conversations hold, so a step while the server was down is seen too.
 */
export function conversationClock(db: Db, log: Logger): ClockFollower {
  return new ClockFollower(
    (step, now) => {
      const moved = db.transaction(() => conversationsClockSteppedBack(db, step, now));
      log.warn({ stepMs: step, moved }, 'the clock stepped back: open questions and report drafts keep their distance from their lapse');
    },
    () => latestConversationTime(db),
  );
}

/**
 * Runs expire every minute until stopped (guarded: a failing run is logged
 * and tried again at the next one). The clock is followed every second:
 * read only a minute apart, a step back would be measured short by up to
 * that minute, and a question asked in that minute under the new clock
 * would be moved back with those the old one wrote.
 */
export class ReportDrafts {
  private timers: NodeJS.Timeout[] = [];
  private readonly clock: ClockFollower;

  constructor(private readonly deps: ReportDraftsDeps) {
    this.clock = deps.clock ?? conversationClock(deps.db, deps.log);
  }

  /** Reads the clock: a step back moves the open conversations' expiry. */
  follow(): void {
    // Its own name: reading the clock each second must not end what guarded.ts says of the minute's run failing.
    runGuarded(this.deps.log, 'report drafts clock', () => {
      const now = this.deps.now();
      this.clock.follow(now);
      // Read each second, so that a leap is seen before the minute's run (its answer is the run's to use).
      this.deps.gate?.mayAct(now);
    });
  }

  /** One run now (the clock followed first). */
  tick(): void {
    runGuarded(this.deps.log, 'report drafts', () => {
      const now = this.deps.now();
      this.clock.follow(now);
      // Held after a leap: tried again at the next minute.
      if (this.deps.gate && !this.deps.gate.mayAct(now)) return;
      const done = this.deps.expire();
      if (done.filed + done.dropped > 0) this.deps.log.info(done, 'lapsed report drafts filed or dropped');
    });
  }

  start(): void {
    if (this.timers.length) return;
    // The clock may have been stepped back while the server was down: the first read sees it (conversationClock).
    this.follow();
    this.timers = [setInterval(() => this.follow(), this.deps.followMs ?? 1_000), setInterval(() => this.tick(), this.deps.everyMs ?? 60_000)];
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}
