/** Polling for a condition in tests. Apart from the harness so direct tests need not load the server. */

/**
 * Under mutation testing (Stryker names the active mutant in this variable) a
 * wait gives up after 2 s: the tests Stryker runs finish their waits in well
 * under that, and a mutant that stops what a test waits for then fails its
 * assertion at once instead of running into Stryker's time-out.
 */
const WAIT_CAP_MS = process.env.__STRYKER_ACTIVE_MUTANT__ === undefined ? Infinity : 2_000;

/** Polls until `check` returns true or the time runs out (bounded: tests never hang). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + Math.min(timeoutMs, WAIT_CAP_MS);
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
