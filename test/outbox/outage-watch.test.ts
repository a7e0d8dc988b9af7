/**
 * An outage episode's bounds: one recipient's refusal (an invalid number, an opt-out) neither ends nor starts
 * one, and an episode no try has carried on (every message given up or retracted) does not lend its start to a
 * failure long after. Driven try by try on a clock the test moves.
 */
import { SendError } from '../../src/channels/types';
import { OutageWatch } from '../../src/outbox/outage-watch';
import { botWorld } from '../helpers/bot-world';
import { collectingLogger } from '../helpers/collecting-logger';

const MINUTE = 60_000;
const down = () => new SendError('server', '503');

async function watch() {
  const w = await botWorld({});
  const { lines, log } = collectingLogger();
  const clock = { t: 1_000_000 };
  const o = new OutageWatch('sms', { db: w.db, log, now: () => clock.t, opts: { failingAfterMs: MINUTE, backoff: { maxMs: 15 * MINUTE } } });
  const said = (level: number, msg: RegExp) => lines.filter((l) => l.level === level && msg.test(l.msg));
  return { o, clock, said };
}

describe('the outage watch', () => {
  it("keeps an outage through one recipient's refusal: no 'works again', no second warning within the hour", async () => {
    const { o, clock, said } = await watch();
    o.failed(clock.t, down(), 'server:503');
    clock.t += 2 * MINUTE;
    o.failed(clock.t, down(), 'server:503');
    expect(said(40, /^sms sending is failing/)).toHaveLength(1);
    o.failed(clock.t, new SendError('invalid', '21211'), 'invalid:21211');
    o.failed(clock.t, new SendError('stopped', '21610'), 'stopped:21610');
    expect(o.failing(clock.t)).toBe(true);
    for (let i = 0; i < 10; i++) {
      clock.t += 2 * MINUTE;
      o.failed(clock.t, down(), 'server:503');
      o.failed(clock.t, new SendError('invalid', '21211'), 'invalid:21211');
    }
    expect(said(30, /works again/)).toEqual([]);
    expect(said(40, /^sms sending is failing/)).toHaveLength(1);
  });

  it('does not start an outage with a refusal of one recipient', async () => {
    const { o, clock } = await watch();
    o.failed(clock.t, new SendError('invalid', '21211'), 'invalid:21211');
    clock.t += 2 * MINUTE;
    o.failed(clock.t, down(), 'server:503');
    expect(o.failing(clock.t)).toBe(false);
  });

  it('starts afresh a week after an outage that ended with nothing taken: one 503 is no outage then', async () => {
    const { o, clock, said } = await watch();
    o.failed(clock.t, down(), 'server:503');
    clock.t += 2 * MINUTE;
    o.failed(clock.t, down(), 'server:503');
    expect(o.failing(clock.t)).toBe(true);
    // Every waiting message given up or retracted: no try, nothing taken, for a week.
    clock.t += 7 * 24 * 60 * MINUTE;
    expect(o.failing(clock.t)).toBe(false);
    o.failed(clock.t, down(), 'server:503');
    expect(o.failing(clock.t)).toBe(false);
    expect(said(40, /^sms sending is failing/)).toHaveLength(1);
  });

  it('keeps an outage whose one message is tried again at the longest backoff, 15 minutes apart', async () => {
    const { o, clock } = await watch();
    for (let i = 0; i < 4; i++) {
      o.failed(clock.t, down(), 'server:503');
      clock.t += 15 * MINUTE;
    }
    expect(o.failing(clock.t)).toBe(true);
  });
});
