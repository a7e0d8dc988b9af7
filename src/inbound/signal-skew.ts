/**
 * How far this machine's clock is from Signal's server's, learnt from the
 * messages themselves, so that a live message is judged by this clock and a
 * held one keeps its real time. A message's lag (now − Signal's stamp) is
 * the offset of the two clocks plus however long it waited at signal-cli: a
 * live one's is the offset alone, a held one's more. So the offset is taken
 * as the smallest lag of the last LAGS_KEPT messages handled outside a
 * catch-up, and a message is judged at its stamp plus that offset, never
 * later than now: after a receive outage while running, what waited keeps
 * the minute she sent it; on a clock an hour fast, a live CHECKIN 60 still
 * counts from now. Catch-ups (start-up's, the resume's) believe the stamp:
 * no live message may have been seen yet (inbound-path.ts).
 */
import type { Logger } from '../log/logger';
import { MAX_HELD_MS } from './heard-at';
import type { Inbound } from './inbound';

/** Lags kept: enough that a live message is among them even behind a long outage's backlog. */
export const LAGS_KEPT = 200;
/** A change this large in the wall clock against the monotonic one is a step (NTP, an operator) or a sleep. */
export const STEP_MS = 30_000;
/** Lags needed before a disagreement is told: one held message is not a wrong clock. */
export const LAGS_TO_TELL = 3;
/** An offset this large means the two clocks disagree (not a moment's delay). */
export const CLOCK_DISAGREES_MS = 5 * 60_000;

export class SignalSkew {
  private lags: number[] = [];
  /** The wall clock less the monotonic one at the last message: it moves only when the wall clock steps. */
  private base: number | null = null;
  /** Whether the disagreement has been logged (once per process). */
  private told = false;

  /** `mono`: a monotonic clock in ms (performance.now by default). */
  constructor(
    private readonly log: Logger,
    private readonly mono: () => number = () => performance.now(),
  ) {}

  /**
   * The message as judged: its stamp moved by the offset learnt, never after now; unchanged without a stamp.
   * `learn` false for a parked message tried again: its lag holds its time parked, not the clocks' offset, so it
   * teaches nothing, and with nothing learnt (since a step) its stamp is believed.
   */
  judge(msg: Inbound, now: number, learn = true): Inbound {
    const at = msg.serverReceivedAt;
    if (typeof at !== 'number' || !Number.isSafeInteger(at)) return msg;
    // A stamp days off is broken, not a clock: judged as handled, and not learnt from.
    if (Math.abs(now - at) > MAX_HELD_MS) return { ...msg, serverReceivedAt: null };
    // Lags learnt before the wall clock stepped measure the old clock: a slow clock set right would otherwise judge
    // every live message an hour early (her CHECKIN 60 over at once). They are forgotten; learning starts again.
    const base = now - this.mono();
    if (this.base !== null && Math.abs(base - this.base) > STEP_MS) this.lags = [];
    this.base = base;
    if (learn) this.lags.push(now - at);
    if (this.lags.length > LAGS_KEPT) this.lags.shift();
    const offset = this.lags.length > 0 ? Math.min(...this.lags) : 0;
    this.tell(offset);
    return { ...msg, serverReceivedAt: Math.min(now, at + offset) };
  }

  private tell(offset: number): void {
    if (this.told || this.lags.length < LAGS_TO_TELL || Math.abs(offset) <= CLOCK_DISAGREES_MS) return;
    this.told = true;
    const minutes = Math.round(Math.abs(offset) / 60_000);
    this.log.warn({ minutes }, `the server's clock disagrees with Signal's by about ${minutes} minutes; check-ins are timed by this clock: set it right (NTP)`);
  }
}
