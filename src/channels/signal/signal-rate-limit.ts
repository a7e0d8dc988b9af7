/**
 * Signal's rate limit as the sender meets it: a 429 (which only a person
 * solving a captcha can lift early) pauses the whole channel for a window
 * that grows across consecutive 429s and resets at the first success; the
 * challenge token it carries is handed on (onChallenge) so an operator can
 * lift it, and resume() ends the pause once they have. signal-sender.ts
 * sends; this keeps the windows.
 */
import type { Logger } from '../../log/logger';
import { backoffCeiling, type Backoff } from '../../util/backoff';
import { challengeToken } from './signal-errors';
import { adminCommand } from '../../util/admin-command';

/** How long the channel pauses on a 429: base·2^(n-1) for the n-th window in a row, capped (util/backoff.ts, unjittered). */
export type ThrottlePolicy = Backoff;

/** 15 s, 30 s, 1 min … up to 15 min: Signal's limits last minutes to hours; a human may solve the captcha sooner. */
export const DEFAULT_THROTTLE: ThrottlePolicy = { baseMs: 15_000, maxMs: 15 * 60_000 };

export interface SignalRateLimitOptions {
  log: Logger;
  throttle?: ThrottlePolicy;
  now?: () => number;
  /** Signal demands a captcha; called with the challenge token at each refusal that carries one. */
  onChallenge?: (token: string) => void;
  /** Signal accepts messages again after a challenge (lifted by a captcha, or expired). */
  onRecovered?: () => void;
  /** Where the windows in a row outlive a restart (store/provider-pauses.ts): one restarting in a loop must not start again at 15 s. */
  pauseLevels?: PauseLevelStore;
}

/** The count of windows in a row, kept across restarts. */
export interface PauseLevelStore {
  load(): number;
  save(level: number): void;
}

export class SignalRateLimit {
  private readonly throttle: ThrottlePolicy;
  private readonly now: () => number;
  /** Consecutive 429 windows, and when the current one ends. */
  private level = 0;
  private until = 0;
  /** A challenge was seen and no send has succeeded since. */
  private challenged = false;

  constructor(private readonly opts: SignalRateLimitOptions) {
    this.throttle = opts.throttle ?? DEFAULT_THROTTLE;
    this.now = opts.now ?? Date.now;
    this.level = opts.pauseLevels?.load() ?? 0;
  }

  private setLevel(level: number): void {
    if (level === this.level) return;
    this.level = level;
    this.opts.pauseLevels?.save(level);
  }

  /** Signal took a message: the pause, and any challenge, are over. */
  succeeded(): void {
    if (this.level > 0) this.opts.log.info('Signal accepts messages again; the rate-limit pause is over');
    this.setLevel(0);
    this.until = 0;
    if (this.challenged) {
      this.challenged = false;
      this.opts.onRecovered?.();
    }
  }

  /**
   * A 429 (its body `data`): opens (or keeps) a pause window and returns how
   * long is left. 429s that were already in flight when the window opened do
   * not lengthen it; the first 429 after it ends doubles the next one.
   */
  limited(data: unknown): number {
    const token = challengeToken(data);
    if (token) {
      this.challenged = true;
      this.opts.onChallenge?.(token);
    }
    const now = this.now();
    if (now >= this.until) {
      this.setLevel(this.level + 1);
      const ms = backoffCeiling(this.throttle, this.level);
      this.until = now + ms;
      if (this.level === 1) {
        this.opts.log.warn(
          {
            pauseMs: ms,
            challenge: token !== null,
          },
          'Signal is rate-limiting the bot (HTTP 429). Signal sends are paused and retried with a growing pause; nothing is lost. ' +
            'To lift the limit now: solve the captcha at https://signalcaptchas.org/challenge/generate.html, then ' +
            `run ${adminCommand('signal-captcha "signalcaptcha://…"')}, which hands it to signal-cli-rest-api's rate-limit-challenge endpoint. See docs/signal.md.`,
        );
      } else {
        this.opts.log.warn({ pauseMs: ms, windows: this.level }, 'Signal is still rate-limiting the bot; pausing Signal sends longer');
      }
    }
    return this.until - now;
  }

  /** A challenge from before a restart is on record: the next success ends it (onRecovered), as it would one seen since. */
  challengeOnRecord(): void {
    this.challenged = true;
  }

  /** Ends the pause now: an operator has lifted Signal's limit with a captcha. */
  resume(): void {
    this.setLevel(0);
    this.until = 0;
  }
}
