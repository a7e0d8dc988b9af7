/**
 * SPEC: the hint goes "at most once per sender per hour, so that auto-replies cannot loop". A guided report's
 * question asked again answered every auto-reply ("I'm driving…") with itself: "Please reply with numbers from the
 * list" at the first question, the read-back at the last, "needs an area" after DONE, up to the message limit (60
 * paid SMS an hour). As the join question (join-question-auto-reply.test.ts), a question takes two answers that
 * do not move it on before it stops answering them; the draft waits, and lapses as any other. Only the same
 * answer again is left unanswered: a member's corrections ("the plate is 7ABC128 not 123", "hello? plate wrong")
 * differ, and were silenced after two, the draft filed as it stood when it lapsed.
 */
import { catalog } from '../../src/bot/catalog';
import { UNMOVED_ANSWERED } from '../../src/bot/report-dialogue';
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

  it('answers two auto-replies sent in turn no more than five times in all (UNMOVED_ANSWERED)', async () => {
    const w = await reportWorld();
    expect(w.sms(REPORTER, 'REPORT').reply).toBe(t.reportAsk('what'));
    const texts = [AUTO_REPLY, 'Driving Focus is on: I will see your message later.'];
    let n = 0;
    for (let i = 0; i < 40; i++) if (w.sms(REPORTER, texts[i % 2] as string).reply !== null) n++;
    expect(n).toBe(UNMOVED_ANSWERED);
  });

  it.each([
    ['the read-back', ['REPORT', '1', 'last night', '415 Motel 6', 'SKIP', 'plate 7ABC123', 'SKIP', 'SKIP'], ['the plate is 7ABC128 not 123', 'how do I fix the plate?', 'hello? plate wrong', 'hello?']],
    ['"what happened"', ['REPORT'], ['he hit me', 'what do you mean', 'violence', 'he hit me and took the money']],
  ])('answers every one of a member\'s different answers at %s', async (_at, steps, tries) => {
    const w = await reportWorld();
    for (const a of steps) w.sms(REPORTER, a);
    const asked = w.sms(REPORTER, tries[0] as string).reply;
    expect(asked).not.toBeNull();
    for (const a of tries.slice(1)) expect(w.sms(REPORTER, a).reply).toBe(asked);
  });

  it('answers every one of a member\'s different answers after DONE asked for an area', async () => {
    const w = await botWorld({ regions: exampleLine('uk') });
    for (const a of ['REPORT', '1', 'SKIP', 'DONE']) w.sms(MOBILE, a);
    for (const a of ['Ibis hotel', 'the one near the station', 'what area?', 'Ibis hotel near Kings Cross']) {
      expect(w.sms(MOBILE, a).reply).toBe(t.reportDoneNeedsArea(['LDN', 'MAN', 'BHM', 'LDS', 'LIV', 'BRS', 'GLA', 'EDI', 'CDF', 'BEL']));
    }
  });

  it('answers the same answer twice in a row, however it is spaced or written', async () => {
    const w = await reportWorld();
    w.sms(REPORTER, 'REPORT');
    expect(w.sms(REPORTER, 'Hello?').reply).toBe(t.reportAskAgain());
    expect(w.sms(REPORTER, 'hello? ').reply).toBe(t.reportAskAgain());
    expect(w.sms(REPORTER, ' HELLO?').reply).toBeNull();
  });

  it('counts an auto-reply anew after DONE with nothing to send', async () => {
    const w = await reportWorld();
    w.sms(REPORTER, 'REPORT');
    expect(answered(w, REPORTER, 3)).toBe(2);
    expect(w.sms(REPORTER, 'DONE').reply).toBe(t.reportNothingYet());
    expect(answered(w, REPORTER, 3)).toBe(2);
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
