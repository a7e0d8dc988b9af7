/**
 * LEAVE of an area whose alerts still reach her through one she keeps (415
 * and 628 are one region: an alert for either reaches both): she was told
 * "you left 415" and got every 415 alert all the same. LEAVE still takes
 * only the areas named (SPEC), and the reply now says that those alerts
 * still come, through which area, and how to stop them. Real SQLite file
 * and crypto; what is checked is the reply and what the fan-out plans.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const NOOR = '+16285550103'; // 628, which overlays 415
const t = catalog('en');
const es = catalog('es');

/** Whether a moderator's alert for `area` is planned to Noor. */
function reachesNoor(w: BotWorld, area: string): boolean {
  const reply = w.sms(MOD, `ALERT ${area} grey van, knife`).reply;
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  const noor = findMember(w.db, w.vault, { channel: 'sms', address: NOOR })!;
  const copies = w.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ? AND alert_id IS NOT NULL').get(noor.id) as { n: number };
  // Noor is the only member: the moderator is told the alert goes exactly when it reaches her, and that no one gets it otherwise.
  expect(reply).toMatch(copies.n > 0 ? /Alert #[A-Z0-9]{4,6} going to/ : /Alert #[A-Z0-9]{4,6} for \d+ kept, but no one there gets alerts yet/);
  return copies.n > 0;
}

describe('LEAVE of an area she gets through another she keeps', () => {
  it('tells a member who follows only 628 that 415 alerts still reach her through 628, and keeps 628', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    expect(w.sms(NOOR, 'JOIN').reply).toBe(t.joined(['628']));
    expect(w.sms(NOOR, 'LEAVE 415').reply).toBe(t.leftCovered([], ['415'], ['628']));
    expect(listAreas(w.db, findMember(w.db, w.vault, { channel: 'sms', address: NOOR })!.id)).toEqual(['628']);
    // What the reply says: the next 415 alert is hers.
    expect(reachesNoor(w, '415')).toBe(true);
  });

  it('confirms the areas she did leave, and names the one still covered, in her language', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    w.sms(NOOR, 'JOIN 212 415 628');
    expect(w.sms(NOOR, 'SALIR 212 415').reply).toBe(es.leftCovered(['212'], ['415'], ['628']));
    expect(es.leftCovered(['212'], ['415'], ['628'])).toContain('SALIR 628');
  });

  it('says she left when nothing she keeps covers it', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    w.sms(NOOR, 'JOIN 212 628');
    expect(w.sms(NOOR, 'LEAVE 212').reply).toBe(t.left(['212'], ['628']));
    expect(reachesNoor(w, '212')).toBe(false);
  });
});

describe('AREAS', () => {
  it('gives one of her own areas as the example of LEAVE, not an area she may only get through an overlay', async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    w.sms(NOOR, 'JOIN');
    expect(w.sms(NOOR, 'AREAS').reply).toContain('LEAVE 628');
  });
});
