/**
 * The warning that Twilio reports messages failed for the line's own sender
 * or account (twilioReportFault: 30032, 30034, 63038): every message like it
 * fails in silence until the operator acts. The code only, at most once an
 * hour per code: once per fan-out, not once per member. Shared by the status
 * route and the status poller, which finds the reports whose callback was lost.
 */
import type { DeliveryReport } from '../types';
import { twilioReportFault } from './twilio-errors';

const EVERY_MS = 3_600_000;

export class ReportFaultWarning {
  /** When each code was last logged: one entry per code twilioReportFault knows, so bounded. */
  private readonly logged = new Map<string, number>();

  /** Warns through `log` of a report of `kind` failed with `code` (Twilio's error code) if it is the line's fault. */
  note(kind: DeliveryReport['kind'], code: string, now: number, log: { warn(obj: object, msg: string): void }): void {
    const said = twilioReportFault(kind, code);
    const last = this.logged.get(code) ?? -Infinity;
    // A clock stepped back (now before the last warning) must not silence it for the step's length.
    if (said && (now < last || now - last >= EVERY_MS)) {
      this.logged.set(code, now);
      log.warn({ code }, said);
    }
  }
}
