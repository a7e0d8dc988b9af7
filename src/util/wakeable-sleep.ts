/**
 * The sleep of a worker loop that `wake()` cuts short. A wake that comes
 * while the worker is busy is remembered, so work queued during a step is
 * looked for at once; `halt()` makes every later sleep return at once.
 */
export class WakeableSleep {
  private poked = false;
  private halted = false;
  private wakeUp: (() => void) | null = null;

  /** Cuts the current sleep short, or the next one if the worker is busy. */
  wake(): void {
    this.poked = true;
    this.wakeUp?.();
  }

  /** Forgets earlier wakes: call just before looking for work, which sees what they announced. */
  clear(): void {
    this.poked = false;
  }

  /** From now on no sleep waits (the worker is stopping). */
  halt(): void {
    this.halted = true;
    this.wake();
  }

  /** Waits `ms`, or less if woken. */
  sleep(ms: number): Promise<void> {
    if (this.poked || this.halted) {
      this.poked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.poked = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
