/**
 * While her check-in runs, a message the line does not understand ("I'm
 * safe", "estoy bien") is answered (once per 5 minutes: checkin-still-runs-bounds.test.ts): her check-in still runs, and
 * OK ends it. It was met with the hint once an hour, then silence, and her
 * buddies were told she was missing. In a guided report, her OK with thanks
 * ("OK thanks", "ok ok") ends the check-in; it was taken for the answer.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const t = catalog('en');

async function roseCheckedIn(): Promise<{ w: BotWorld; end: number }> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  w.sms(ROSE, 'CHECKIN 30 blue car');
  return { w, end: w.clock.now + 30 * MIN };
}

function checkins(w: BotWorld): number {
  return (w.db.sqlite.prepare('SELECT count(*) AS n FROM checkins').get() as { n: number }).n;
}

describe('a message not understood while her check-in runs', () => {
  it('is answered with her check-in still running, never with silence (once per 5 minutes)', async () => {
    const { w, end } = await roseCheckedIn();
    const still = t.checkinStillRuns(clockTime(end));
    for (const text of ['hello?', "I'm safe", 'estoy bien', 'je suis en securite', 'Safe now', 'segura ya']) {
      w.clock.now += 5 * MIN;
      expect(w.sms(ROSE, text).reply).toBe(still);
    }
    // Free words end nothing: a false OK would leave her alone.
    expect(checkins(w)).toBe(1);
  });

  it.each(['SAFE 11 at night', 'SEGURA 11h30 hotel', 'Safe at 11 pm'])(
    '%j, a new check-in refused, is told how to write it, not that the old one still runs',
    async (text) => {
      const { w, end } = await roseCheckedIn();
      const reply = w.sms(ROSE, text).reply ?? '';
      expect(reply).not.toContain(clockTime(end));
      expect(reply).toContain('720');
      expect(checkins(w)).toBe(1);
    },
  );

  it("names no check-in to a discreet member: her reminder's words", async () => {
    const { w, end } = await roseCheckedIn();
    w.sms(ROSE, 'DISCREET');
    expect(w.sms(ROSE, "I'm safe").reply).toBe(t.discreetReminder(clockTime(end)));
    w.clock.now += 5 * MIN;
    expect(w.sms(ROSE, 'safe now').reply).toBe(t.discreetReminder(clockTime(end)));
  });

  it('is the hint again once her check-in has ended', async () => {
    const { w } = await roseCheckedIn();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    expect(w.sms(ROSE, 'hello?').reply).toBe(t.hint());
    expect(w.sms(ROSE, "I'm safe").reply).toBeNull();
  });
});

describe('OK with thanks in the middle of a guided report', () => {
  it.each(['OK thanks', 'ok ok', 'Okay, thank you!! 🙏', 'OK gracias', 'ok merci'])('%j ends her check-in', async (text) => {
    const { w } = await roseCheckedIn();
    w.sms(ROSE, 'REPORT');
    expect(w.sms(ROSE, '7').reply).toBe(t.reportAsk('when'));
    expect(w.sms(ROSE, text).reply).toBe(t.checkinOk());
    expect(checkins(w)).toBe(0);
    // The question stays open, as a bare OK leaves it.
    expect(w.sms(ROSE, 'last night').reply).toBe(t.reportAsk('where'));
  });

  it('"Listo, gracias" ends no check-in: LISTO is the report\'s DONE too', async () => {
    const { w } = await roseCheckedIn();
    w.sms(ROSE, 'REPORTE');
    w.sms(ROSE, '7');
    expect(w.sms(ROSE, 'Listo, gracias').reply).not.toBe(catalog('es').checkinOk());
    expect(checkins(w)).toBe(1);
  });

  it('"OK so he left" stays the answer', async () => {
    const { w } = await roseCheckedIn();
    w.sms(ROSE, 'REPORT');
    w.sms(ROSE, '7');
    expect(w.sms(ROSE, 'OK so he left').reply).toBe(t.reportAsk('where'));
    expect(checkins(w)).toBe(1);
  });
});
