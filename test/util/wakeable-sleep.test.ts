import { WakeableSleep } from '../../src/util/wakeable-sleep';

/** Which comes first: the sleep ending, or a short timer (the sleep itself would last a minute). */
function raced(sleep: Promise<void>): Promise<'woken' | 'still asleep'> {
  let timer: NodeJS.Timeout | undefined;
  const later = new Promise<'still asleep'>((resolve) => {
    timer = setTimeout(() => resolve('still asleep'), 100);
  });
  return Promise.race([sleep.then(() => 'woken' as const), later]).finally(() => clearTimeout(timer));
}

describe('WakeableSleep', () => {
  it('ends a sleep when woken', async () => {
    const s = new WakeableSleep();
    const sleep = s.sleep(60_000);
    s.wake();
    expect(await raced(sleep)).toBe('woken');
  });

  it('remembers a wake that came while the worker was busy, once', async () => {
    const s = new WakeableSleep();
    s.wake();
    expect(await raced(s.sleep(60_000))).toBe('woken');
    const next = s.sleep(60_000);
    expect(await raced(next)).toBe('still asleep');
    s.wake();
    await next;
  });

  it('forgets earlier wakes on clear (the worker is about to look for work)', async () => {
    const s = new WakeableSleep();
    s.wake();
    s.clear();
    const sleep = s.sleep(60_000);
    expect(await raced(sleep)).toBe('still asleep');
    s.wake();
    await sleep;
  });

  it('never waits once halted', async () => {
    const s = new WakeableSleep();
    const sleeping = s.sleep(60_000);
    s.halt();
    expect(await raced(sleeping)).toBe('woken');
    expect(await raced(s.sleep(60_000))).toBe('woken');
    expect(await raced(s.sleep(60_000))).toBe('woken');
  });
});
