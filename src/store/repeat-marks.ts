/**
 * Each sender's last message and the answer it got, as keyed marks (vault
 * blind indexes, never the words), with how many times in a row within the
 * hour that same message got that same answer: an auto-reply that starts
 * with a keyword ("Info: …", "Report problems to …") answers each of the
 * line's answers, and would loop with it for good (SPEC: auto-replies
 * cannot loop). In memory, as the message limit's counts are and for the
 * same reason (a row per message halves a webhook's speed): a restart
 * forgets them, and an auto-reply is answered twice more. DELETE forgets a
 * sender's; a mark an hour old says nothing and is swept.
 */
import type { Db } from './db';

/** How long the same message and answer are counted as one run. */
export const REPEAT_WINDOW_MS = 3_600_000;

interface Mark {
  text: string;
  reply: string | null;
  /** The message filed a report: its mark whatever the channel (the same REPORT over the other is that report too). */
  filed: string | null;
  /** What that filing answered (its reference), said again to the same REPORT within the hour while it is pending. */
  answer: string | null;
  /** The report it filed. */
  reportId: number | null;
  since: number;
  count: number;
}

export class RepeatMarks {
  private readonly marks = new Map<string, Mark>();
  private swept = 0;

  constructor(
    private readonly db: Db,
    /** Most senders remembered; past it, marks an hour old go first, then the oldest tenth. */
    private readonly maxKeys = 100_000,
  ) {}

  /**
   * When `report` (a mark of its words, whatever the channel) is the report the sender's last message filed, within the hour of the first of its run:
   * the answer that filing got (in memory only: a reference and areas) and how many times in a row it came.
   */
  filedAgain(senderKey: Buffer, report: string, now: number): { answer: string | null; times: number; reportId: number | null } | undefined {
    const key = senderKey.toString('base64');
    const m = this.marks.get(key);
    if (m === undefined || m.filed !== report || now - m.since >= REPEAT_WINDOW_MS) return undefined;
    this.marks.set(key, { ...m, count: m.count + 1 });
    this.db.onRollback(() => this.marks.set(key, m));
    return { answer: m.answer, times: m.count + 1, reportId: m.reportId };
  }

  /** Records the sender's message and its answer; how many times in a row within the hour it got that answer. */
  record(senderKey: Buffer, text: string, reply: string | null, filed: string | null, now: number, answer: string | null = null, reportId: number | null = null): number {
    const key = senderKey.toString('base64');
    const before = this.marks.get(key);
    const again = before !== undefined && before.text === text && before.reply === reply && now - before.since < REPEAT_WINDOW_MS;
    const mark = again ? { ...before, count: before.count + 1 } : { text, reply, filed, answer: filed ? answer : null, reportId: filed ? reportId : null, since: now, count: 1 };
    if (now - this.swept >= REPEAT_WINDOW_MS || (!before && this.marks.size >= this.maxKeys)) this.sweep(now);
    this.marks.set(key, mark);
    // A message whose handling is undone was not answered: its mark is as it was (a Signal message the full
    // disk refused, offered again and again, must not be taken for a repeat).
    this.db.onRollback(() => {
      if (before) this.marks.set(key, before);
      else this.marks.delete(key);
    });
    return mark.count;
  }

  forget(senderKey: Buffer): void {
    this.marks.delete(senderKey.toString('base64'));
  }

  private sweep(now: number): void {
    this.swept = now;
    for (const [k, m] of this.marks) if (now - m.since >= REPEAT_WINDOW_MS) this.marks.delete(k);
    let drop = this.marks.size >= this.maxKeys ? Math.ceil(this.maxKeys / 10) : 0;
    for (const k of this.marks.keys()) {
      if (drop-- <= 0) break;
      this.marks.delete(k);
    }
  }
}
