import { MessageLimiter } from '../../src/bot/message-limiter';

describe('MessageLimiter', () => {
  it('allows max messages per window, then refuses until the window has passed', () => {
    const l = new MessageLimiter(3, 1000);
    expect([l.take('a', 0), l.take('a', 10), l.take('a', 20), l.take('a', 30)]).toEqual([true, true, true, false]);
    expect(l.take('b', 30)).toBe(true);
    expect(l.take('a', 999)).toBe(false);
    expect(l.take('a', 1000)).toBe(true);
  });

  it('stays bounded in the number of senders it remembers', () => {
    const l = new MessageLimiter(1, 1_000_000, 100);
    for (let i = 0; i < 1000; i++) l.take(`k${i}`, i);
    // The earliest senders were forgotten to make room, so they may send again.
    expect(l.take('k0', 2000)).toBe(true);
    // A recent one is still remembered.
    expect(l.take('k999', 2000)).toBe(false);
  });
});
