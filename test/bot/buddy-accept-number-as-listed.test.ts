/**
 * ACCEPT n picks the invitation she was shown as n, not whoever has moved up
 * to n since: an inviter who withdrew, or an invitation that lapsed, between
 * the list and her answer must not hand her yes to a stranger.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import type { BotWorld } from '../helpers/bot-world';
import { acceptLine, FRIEND, HER, STRANGER } from './accept-line';

const MIKE = '+14155550170';
const t = catalog('en');

const world = (): Promise<BotWorld> => acceptLine([MIKE, STRANGER, FRIEND]);
const said = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply;
const toldAccepted = (w: BotWorld, member: string) => w.queued({ channel: 'sms', address: member, phone: member }).some((m) => m.text === t.buddyAcceptedMember('0173'));

describe('ACCEPT n after the list she read changed', () => {
  it('does not accept the stranger listed 3rd when she answers 2 (her friend) and the 1st withdrew meanwhile', async () => {
    const w = await world();
    said(w, MIKE, `BUDDY ${HER} Mike`);
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    said(w, STRANGER, `BUDDY ${HER} Rose`);
    const listed = said(w, HER, 'ACCEPT');
    expect(listed).toContain('1 Mike, 2 Rose, 3 Rose');
    // Mike (or the stranger's other phone) withdraws before her answer.
    said(w, MIKE, `BUDDY OFF ${HER}`);
    said(w, HER, 'ACCEPT 2'); // she means her friend, listed 2nd
    expect({ stranger: toldAccepted(w, STRANGER), friend: toldAccepted(w, FRIEND) }).toEqual({ stranger: false, friend: true });
  });

  it('does not accept the stranger when the friend she numbered 1 lapsed before her answer (one left)', async () => {
    const DAY = 86_400_000;
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    w.clock.now += 3 * DAY;
    said(w, STRANGER, `BUDDY ${HER} Rose`);
    w.clock.now += 3 * DAY;
    expect(said(w, HER, 'ACCEPT')).toContain('1 Rose, 2 Rose');
    w.clock.now += 2 * DAY;
    runRetention(w.db, 90, w.clock.now); // her friend's invitation lapses
    // She means her friend, listed 1st: she is shown who waits now instead.
    expect(said(w, HER, 'ACCEPT 1')).toBe(t.buddyWhich(['Rose'], 0));
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });
  it('does not accept a stranger whose new invitation took the id of one she was shown, after every listed one lapsed', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    said(w, MIKE, `BUDDY ${HER} Mike`);
    expect(said(w, HER, 'ACCEPT')).toContain('1 Rose, 2 Mike');
    w.clock.now += 9 * 86_400_000;
    runRetention(w.db, 90, w.clock.now); // both lapse: their rows go, and their ids are free again
    said(w, STRANGER, `BUDDY ${HER} Rose`);
    // She means her friend, listed 1st: the stranger was never on a list she read.
    expect(said(w, HER, 'ACCEPT 1')).toBe(t.buddyWhich(['Rose'], 0));
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });
  it('does not give her ACCEPT of the name she picked from the list to the other one listed, after hers withdrew', async () => {
    const w = await world();
    said(w, MIKE, `BUDDY ${HER} Mike`);
    said(w, STRANGER, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACCEPT')).toContain('1 Mike, 2 Rose');
    said(w, MIKE, `BUDDY OFF ${HER}`);
    // She means Mike, who is gone: she is shown who waits now instead.
    expect(said(w, HER, 'ACCEPT Mike')).toBe(t.buddyWhich(['Rose'], 0));
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });
});
