/**
 * /readyz on a full disk: the database still answers reads (SELECT 1), but
 * every inbound message, check-in and delivery report fails to be written.
 * The operator pages on /readyz's 503, so it must say so: database false,
 * reason writes_failing, until a write goes through again. The disk is
 * filled without mounting one (test/helpers/full-disk.ts).
 */
import { EARLY_IN_A_DAY } from '../helpers/steady-clock';
import { fillDisk, freeDisk } from '../helpers/full-disk';
import { startHarness, type Harness } from '../helpers/harness';
import { WRITE_CHECK_EVERY_MS } from '../../src/store/db';

const ROSE = '+14155550100';
/** A made-up number per index: +1415555 then four digits from 1000 on. */
const numberOf = (i: number) => `+1415555${String(1000 + i)}`;

async function readyz(h: Harness): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${h.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

const NOT_READY = { status: 503, body: { status: 'not ready', checks: { database: false, sms: true }, reasons: { database: 'writes_failing' } } };
const READY = { status: 200, body: { status: 'ready', checks: { database: true, sms: true } } };

describe('/readyz and a full disk', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('is not ready while the disk refuses the messages, though reads answer; ready again once a write goes through', async () => {
    let clock = EARLY_IN_A_DAY;
    h = await startHarness({ twilio: false, now: () => clock });
    expect(await readyz(h)).toEqual(READY);

    fillDisk(h.server.db);
    // Members join until a page more is needed: from then on every message is refused (Twilio is answered 500).
    let joined = 0;
    while (joined < 500 && (await h.sms(numberOf(joined), 'JOIN 415')).status === 200) joined++;
    expect((await h.sms(ROSE, 'JOIN 415')).status).toBe(500);
    expect(await readyz(h)).toEqual(NOT_READY);

    // Space is freed: within a few seconds of its last try the line still says no, then tries a write again.
    freeDisk(h.server.db);
    clock += WRITE_CHECK_EVERY_MS - 1;
    expect(await readyz(h)).toEqual(NOT_READY);
    clock += 1;
    expect(await readyz(h)).toEqual(READY);
    expect((await h.sms(ROSE, 'JOIN 415')).status).toBe(200);
  });

});
