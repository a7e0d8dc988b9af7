/**
 * The warning of a report failed for the line's own sender or account
 * (src/channels/twilio/report-fault-warning.ts), shared by the status route
 * and the status poller: the code only, once an hour per code, again at once
 * after a clock stepped back, and nothing for a report that is not the line's.
 */
import { ReportFaultWarning } from '../../../src/channels/twilio/report-fault-warning';
import { twilioReportFault } from '../../../src/channels/twilio/twilio-errors';

const HOUR = 3_600_000;
const T = 1_800_000_000_000;

describe('ReportFaultWarning', () => {
  let warned: Array<[object, string]>;
  let warning: ReportFaultWarning;
  const log = { warn: (obj: object, msg: string) => void warned.push([obj, msg]) };
  beforeEach(() => {
    warned = [];
    warning = new ReportFaultWarning();
  });

  it("warns of the line's own unregistered sender (30034) with the code only and what to do", () => {
    warning.note('setup', '30034', T, log);
    expect(warned).toEqual([[{ code: '30034' }, twilioReportFault('setup', '30034')]]);
    expect(warned[0]?.[1]).toContain('30034');
  });

  it('warns of a code once an hour: not again within it, again once it has passed', () => {
    warning.note('setup', '30032', T, log);
    warning.note('setup', '30032', T, log);
    warning.note('setup', '30032', T + HOUR - 1, log);
    expect(warned).toHaveLength(1);
    warning.note('setup', '30032', T + HOUR, log);
    expect(warned).toHaveLength(2);
    // The hour runs from the last warning, not the first.
    warning.note('setup', '30032', T + 2 * HOUR - 1, log);
    expect(warned).toHaveLength(2);
  });

  it("counts each code's hour apart: another code is warned of within the first one's hour", () => {
    warning.note('setup', '30032', T, log);
    warning.note('limited', '63038', T + 1000, log);
    warning.note('setup', '30034', T + 2000, log);
    expect(warned.map(([obj]) => obj)).toEqual([{ code: '30032' }, { code: '63038' }, { code: '30034' }]);
  });

  it('warns again at once after the clock stepped back, rather than staying silent for the step', () => {
    warning.note('setup', '30034', T, log);
    warning.note('setup', '30034', T - 10 * HOUR, log);
    expect(warned).toHaveLength(2);
  });

  it("says nothing of a report that is not the line's fault, and it does not silence the next that is", () => {
    warning.note('unreachable', '30003', T, log);
    warning.note('setup', '30003', T, log);
    warning.note('limited', '30034', T, log);
    expect(warned).toEqual([]);
    warning.note('setup', '30034', T + 1, log);
    expect(warned).toHaveLength(1);
  });
});
