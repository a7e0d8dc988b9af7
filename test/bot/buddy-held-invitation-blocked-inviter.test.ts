/**
 * An invitation to a number that had texted STOP is held until the number
 * comes back (START, JOIN). If a moderator BLOCKed its inviter meanwhile,
 * the line must not text a stranger for someone it silenced: the held
 * invitation is dropped, not sent.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const TROLL = '+14155550101';
const ROSE = '+14155550100';
const ASKED = '+14155550177';
const t = catalog('en');
const ref = (s: string | null) => /#([A-Z0-9]{4,6})/.exec(s ?? '')?.[1];

describe('an invitation held for a number that texted STOP', () => {
  it('is dropped, not sent, when the number comes back after its inviter was blocked', async () => {
    const w = await botWorld({
      moderators: new Set([MOD]),
      moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }],
      checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] },
    });
    w.sms(ASKED, 'STOP');
    w.sms(TROLL, 'JOIN');
    expect(w.sms(TROLL, 'BUDDY 415-555-0177 Jo').reply).toBe(t.buddyAsked('0177'));
    // Another member's invitation held the same way still goes.
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    const r = ref(w.sms(TROLL, 'REPORT 415 fake: a made-up story').reply);
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlocked(`#${r}`));
    w.sms(ASKED, 'START');
    expect(w.direct(ASKED)).toEqual([t.buddyInvite('Rose')]);
    // Nor can the number take up the dropped one.
    expect(w.sms(ASKED, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(w.db.sqlite.prepare("SELECT count(*) AS n FROM buddies WHERE status = 'accepted'").get()).toEqual({ n: 1 });
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM buddies').get()).toEqual({ n: 1 });
  });
});
