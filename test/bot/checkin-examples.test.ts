/**
 * The minutes a reply's CHECKIN and LATER examples give: within the line's
 * bounds (CHECKIN_MIN_MINUTES, CHECKIN_MAX_MINUTES), so that sending the
 * example back starts or extends her check-in instead of being refused.
 */
import { checkinExample, laterExample, laterFloor } from '../../src/bot/checkin-examples';

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 21, 0);

describe('laterFloor', () => {
  it("is CHECKIN's fewest minutes, but never above 10", () => {
    expect(laterFloor({ minMinutes: 5 })).toBe(5);
    expect(laterFloor({ minMinutes: 10 })).toBe(10);
    expect(laterFloor({ minMinutes: 120 })).toBe(10);
  });
});

describe('checkinExample', () => {
  it('is 90 on a line that allows it', () => {
    expect(checkinExample({ minMinutes: 10, maxMinutes: 720 })).toBe(90);
    expect(checkinExample({ minMinutes: 90, maxMinutes: 90 })).toBe(90);
  });

  it('is the longest allowed under a maximum below 90, in whole minutes', () => {
    expect(checkinExample({ minMinutes: 10, maxMinutes: 60 })).toBe(60);
    expect(checkinExample({ minMinutes: 10, maxMinutes: 60.5 })).toBe(60);
  });

  it('is the shortest allowed when that is above 90, not the longest (a plain date, not 12 hours)', () => {
    expect(checkinExample({ minMinutes: 120, maxMinutes: 720 })).toBe(120);
  });

  it('stays within bounds that are fractions of a minute (test lines)', () => {
    expect(checkinExample({ minMinutes: 0.25, maxMinutes: 0.5 })).toBe(0.25);
  });
});

describe('laterExample', () => {
  const LINE = { minMinutes: 10, maxMinutes: 720 };

  it('is 30 when nothing is known of her check-in, or when 30 more fits', () => {
    expect(laterExample(LINE, NOW)).toBe(30);
    expect(laterExample(LINE, NOW, NOW + 60 * MIN)).toBe(30);
    // A check-in already past its end (her reminder answered late) has the whole maximum ahead.
    expect(laterExample(LINE, NOW, NOW - 600 * MIN)).toBe(30);
    expect(laterExample(LINE, NOW, NOW + 690 * MIN)).toBe(30);
  });

  it('is the most a LATER sent now may add, in whole minutes, when less than 30 fits', () => {
    expect(laterExample(LINE, NOW, NOW + 700 * MIN)).toBe(20);
    expect(laterExample(LINE, NOW, NOW + 700.5 * MIN)).toBe(19);
    expect(laterExample(LINE, NOW, NOW + 710 * MIN)).toBe(10);
  });

  it("is none when not even LATER's fewest minutes fit", () => {
    expect(laterExample(LINE, NOW, NOW + 711 * MIN)).toBeNull();
    expect(laterExample({ minMinutes: 5, maxMinutes: 20 }, NOW, NOW + 16 * MIN)).toBeNull();
  });

  it('under a maximum below 30, is that maximum; under bounds in fractions of a minute, none (no whole minute fits)', () => {
    expect(laterExample({ minMinutes: 5, maxMinutes: 20 }, NOW)).toBe(20);
    expect(laterExample({ minMinutes: 5, maxMinutes: 20 }, NOW, NOW + 15 * MIN)).toBe(5);
    expect(laterExample({ minMinutes: 0.25, maxMinutes: 0.5 }, NOW)).toBeNull();
  });
});
