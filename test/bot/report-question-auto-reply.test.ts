/**
 * SPEC: the hint goes "at most once per sender per hour, so that auto-replies cannot loop". A guided report's
 * question asked again answered every auto-reply ("I'm driving…") with itself: "Please reply with numbers from the
 * list" at the first question, the read-back at the last, "needs an area" after DONE, up to the message limit (60
 * paid SMS an hour). As the join question (join-question-auto-reply.test.ts), a question takes two answers that
 * do not move it on before it stops answering them; the draft waits, and lapses as any other.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, exampleLine, type BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld } from '../helpers/report-world';

const AUTO_REPLY = "I'm driving right now, I'll text you back when I get where I'm going.";
const MOBILE = '+447911100020'; // a UK mobile: no area of its own
const t = catalog('en');

function answered(w: BotWorld, from: string, times: number): number {
  let n = 0;
  for (let i = 0; i < times; i++) if (w.sms(from, AUTO_REPLY).reply !== null) n++;
  return n;
}

describe('a guided report and an auto-reply', () => {
  it('answers an auto-reply to "what happened" no more than twice', async () => {
    const w = await reportWorld();
    expect(w.sms(REPORTER, 'REPORT').reply).toBe(t.reportAsk('what'));
    expect(answered(w, REPORTER, 10)).toBe(2);
  });

  it('answers an auto-reply to the read-back no more than twice', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'fri 11pm', '415 Motel 6', 'SKIP', 'SKIP', 'SKIP', 'SKIP']) w.sms(REPORTER, a);
    expect(answered(w, REPORTER, 10)).toBe(2);
  });

  it('answers an auto-reply after DONE asked for an area no more than twice', async () => {
    const w = await botWorld({ regions: exampleLine('uk') });
    for (const a of ['REPORT', '1', 'SKIP']) w.sms(MOBILE, a);
    expect(w.sms(MOBILE, 'DONE').reply).toBe(t.reportDoneNeedsArea(['LDN', 'MAN', 'BHM', 'LDS', 'LIV', 'BRS', 'GLA', 'EDI', 'CDF', 'BEL']));
    expect(answered(w, MOBILE, 10)).toBe(2);
  });

  it('still takes the right answer after the loop, and a new miss on a later question is answered again', async () => {
    const w = await reportWorld();
    w.sms(REPORTER, 'REPORT');
    answered(w, REPORTER, 5);
    expect(w.sms(REPORTER, '1 3').reply).toBe(t.reportAsk('when'));
    for (const a of ['fri 11pm', '415 Motel 6', 'SKIP', 'SKIP', 'SKIP', 'SKIP']) w.sms(REPORTER, a);
    expect(w.sms(REPORTER, AUTO_REPLY).reply).toMatch(/^Your report \(415\): /);
    const done = w.sms(REPORTER, 'DONE').reply ?? '';
    expect(done).toMatch(/^Heads Up: thank you. Report #[A-Z0-9]{4,6} for 415 /);
  });
});
