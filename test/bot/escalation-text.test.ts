/** How much of a check-in's details an escalation carries whole: the rule CHECKIN checks and the timers apply. */
import { boundedEscalation, detailsRoom, MAX_ESCALATION_SEGMENTS, type EscalationFrame } from '../../src/bot/escalation-text';
import { smsSegments } from '../../src/bot/sms-segments';

const frame = (channel: 'sms' | 'signal', prefix = 'Rose missed a check-in. They shared: '): EscalationFrame => ({ channel, build: (d) => `${prefix}${d}` });
const CAR = '\u{1F697}';

describe('detailsRoom', () => {
  it('is the whole length when every recipient gets it whole', () => {
    expect(detailsRoom([frame('sms')], 'x'.repeat(200))).toBe(200);
    expect(detailsRoom([frame('sms')], '')).toBe(0);
    // Signal has no segments.
    expect(detailsRoom([frame('signal')], CAR + 'x'.repeat(500))).toBe(501);
  });

  it('is the longest prefix that keeps every SMS escalation within its segments', () => {
    const details = CAR + 'x'.repeat(300);
    const room = detailsRoom([frame('signal'), frame('sms')], details);
    const chars = Array.from(details);
    const build = frame('sms').build;
    expect(smsSegments(build(chars.slice(0, room).join('')))).toBeLessThanOrEqual(MAX_ESCALATION_SEGMENTS);
    expect(smsSegments(build(chars.slice(0, room + 1).join('')))).toBeGreaterThan(MAX_ESCALATION_SEGMENTS);
    // The recipient with the longer frame decides.
    const longer = frame('sms', `${'y'.repeat(40)} missed a check-in. They shared: `);
    expect(detailsRoom([frame('sms'), longer], details)).toBe(detailsRoom([longer], details));
    expect(detailsRoom([longer], details)).toBeLessThan(room);
  });

  it('agrees with what the timers send: details within the room arrive whole', () => {
    const details = CAR + 'x'.repeat(300);
    const room = detailsRoom([frame('sms')], details);
    const fitting = Array.from(details).slice(0, room).join('');
    expect(boundedEscalation(frame('sms'), fitting)).toBe(frame('sms').build(fitting));
    expect(boundedEscalation(frame('sms'), details)).toMatch(/\.\.\.$/);
    expect(boundedEscalation(frame('signal'), details)).toBe(frame('signal').build(details));
  });
});
