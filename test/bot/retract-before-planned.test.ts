/**
 * RETRACT of an alert no member had been planned for yet (an operator's
 * ALERT at the command line, which the server plans within seconds) told the
 * moderator "0 unsent copies cancelled; … SMS members corrected", as if every
 * member had it, when none did.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';

const t = catalog('en');

describe('RETRACT before the fan-out was planned', () => {
  it('says the alert went to no one, and no copy is ever made', async () => {
    const w = await botWorld();
    for (const n of ['+14155550101', '+14155550102', '+14155550103']) w.sms(n, 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.bot.operate('ALERT 415 police sweep tonight on Mission St').reply)![1]!;
    expect(w.bot.operate(`RETRACT ${ref}`).reply).toBe(t.modRetractedUnsent(`#${ref}`));
    const copies = (w.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE alert_id IS NOT NULL').get() as { n: number }).n;
    expect(copies).toBe(0);
  });
});
