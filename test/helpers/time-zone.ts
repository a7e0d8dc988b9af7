/**
 * Tests that set TZ (the line's time zone, read when a time or a day is
 * written): each puts back the zone jest runs in (jest.config.js: UTC).
 */

function restore(tz: string | undefined): void {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
}

/** Puts TZ back after each test of the enclosing describe (tests that set it themselves). */
export function restoreTimeZoneAfterEach(): void {
  const tz = process.env.TZ;
  afterEach(() => restore(tz));
}

/** The enclosing describe runs in `zone`; TZ is put back after it. */
export function inTimeZone(zone: string): void {
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => restore(tz));
}
