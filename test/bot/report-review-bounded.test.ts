/**
 * A guided report's read-back is bounded: her plates and contacts are read
 * back whole while they fit the alert's own 3 segments, and past that the
 * leading ones and how many more. A list of forty (Cyrillic handles, which
 * make it UCS-2) read back at every BACK/SKIP cost 9 segments each time,
 * some 7,000 a day from one number (red-team hunt).
 */
import { catalog } from '../../src/bot/catalog';
import { smsSegments } from '../../src/bot/sms-segments';
import { REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const PLATES = Array.from({ length: 40 }, (_, i) => `plate ${String.fromCharCode(65 + (i % 26))}BC${100 + i}`).join(', ').slice(0, 299);
const HANDLES = Array.from({ length: 40 }, (_, i) => `@Жорик${i}`).join(' ').slice(0, 299);

describe('a guided report read back', () => {
  it('costs at most 3 segments with forty plates and handles, naming the first ones and how many more', async () => {
    const w = await reportWorld();
    let review = '';
    for (const a of ['REPORT', '1', 'SKIP', 'SKIP', 'SKIP', PLATES, HANDLES, 'SKIP']) review = w.sms(REPORTER, a).reply ?? '';
    expect(smsSegments(review)).toBeLessThanOrEqual(3);
    expect(review).toMatch(/^Your report \(415\): /);
    expect(review).toContain('ABC100');
    expect(review).toContain('@Жорик0');
    expect(review).toMatch(/\+\d+ more/);
    // Back to the last question and on to the read-back again, five times: each as short.
    for (let i = 0; i < 5; i++) {
      w.sms(REPORTER, 'BACK');
      const again = w.sms(REPORTER, 'SKIP').reply ?? '';
      expect(again).toBe(review);
    }
  });

  it('still reads back a few plates and contacts whole', async () => {
    const w = await reportWorld();
    let review = '';
    for (const a of ['REPORT', '1', 'SKIP', 'SKIP', 'SKIP', 'grey Honda, plate 7ABC123, plate 8XYZ456', '415-555-0144 @rick_nyc', 'SKIP']) review = w.sms(REPORTER, a).reply ?? '';
    expect(review).toContain('7ABC123');
    expect(review).toContain('8XYZ456');
    expect(review).toContain('@rick_nyc');
    expect(review).not.toMatch(new RegExp(t.reportMore(1).replace('+', '\\+').replace('1', '\\d+')));
  });
});
