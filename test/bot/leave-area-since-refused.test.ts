/**
 * LEAVE of an area she holds that the line no longer calls an area: JOIN
 * once took 500, 5XX, 600, 622 and 900 (valid NANP numbers of no place),
 * and a member subscribed then was told '"500" isn't an area code we know'
 * when she asked to leave it, and AREAS listed it for ever. An area she
 * holds is hers to leave. Real SQLite file and crypto.
 */
import { catalog } from '../../src/bot/catalog';
import { findMember } from '../../src/store/members';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';

const ROSA = '+14155550123';
const t = catalog('en');

describe('LEAVE of an area she holds that is no area now', () => {
  it.each([['500'], ['900'], ['622']])('leaves %s, subscribed before it was refused, and keeps the rest', async (code) => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    const id = findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!.id;
    subscribe(w.db, id, [code], w.clock.now);
    expect(w.sms(ROSA, `LEAVE ${code}`).reply).toBe(t.left([code], ['415']));
    expect(listAreas(w.db, id)).toEqual(['415']);
  });

  it('leaves one she holds named with an area of the line', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415 212');
    const id = findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!.id;
    subscribe(w.db, id, ['500'], w.clock.now);
    expect(w.sms(ROSA, 'LEAVE 212 500').reply).toBe(t.left(['212', '500'], ['415']));
    expect(listAreas(w.db, id)).toEqual(['415']);
  });

  it('still refuses a code she does not hold and the line does not know', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(ROSA, 'LEAVE 500').reply).toMatch(/"500" isn't an area code we serve/);
    expect(listAreas(w.db, findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!.id)).toEqual(['415']);
  });
});
