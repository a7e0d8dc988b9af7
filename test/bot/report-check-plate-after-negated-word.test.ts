/**
 * "plate not clear 7ABC123" in a one-message report with no state indexed
 * no plate: CHECK 7ABC123 answered "no alerts name that" about a plate in an
 * approved alert. A negation not about legibility ("plate was not really
 * 7ABC123") names what the plate was not: no alert is found by it.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate written after a negation of an ordinary word', () => {
  it.each(['REPORT 415 choked me, grey honda, plate not clear 7ABC123', 'REPORT 415 CHOKED ME, GREY HONDA, PLATE NOT CLEAR, 7ABC123'])(
    'finds it once %j is approved, alone or in the same words',
    async (report) => {
      const w = await reportWorld();
      const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
      expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
      expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
      expect(say(w, MEMBER, 'CHECK plate not clear 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
    },
  );

  it.each([
    ['REPORT 415 choked me, grey Honda, plate was not really 7ABC123, I misread it', 'CHECK 7ABC123'],
    ['REPORT 415 choked me, plate not clear, mid-40s white guy, beard', 'CHECK MID40S'],
  ])('finds nothing the negation says the plate was not, nor an age, once %j is approved', async (report, check) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toBe(catalog('en').checkNone());
  });
  it.each([
    ['REPORT 415 choked me, black Tahoe, tags not current, CA 7ABC123', 'CHECK 7ABC123'],
    ['REPORT 415 choked me, took a pic of his plate, not paid, CA 7ABC123', 'CHECK 7ABC123'],
  ])('finds the plate after the negated clause once %j is approved', async (report, check) => {
    const w = await reportWorld();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
