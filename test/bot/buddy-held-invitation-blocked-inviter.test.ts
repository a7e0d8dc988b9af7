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
const TROLL_UUID = '2b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
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
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlockedDiscarded(`#${r}`, 1));
    w.sms(ASKED, 'START');
    expect(w.direct(ASKED)).toEqual([t.buddyInvite('Rose')]);
    // Nor can the number take up the dropped one.
    expect(w.sms(ASKED, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(w.db.sqlite.prepare("SELECT count(*) AS n FROM buddies WHERE status = 'accepted'").get()).toEqual({ n: 1 });
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM buddies').get()).toEqual({ n: 1 });
  });

  it('is dropped when its inviter, a Signal member showing her number, was BLOCKed for a report she sent by SMS', async () => {
    const w = await botWorld({
      moderators: new Set([MOD]),
      moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }],
      checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] },
    });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: TROLL_UUID, phone: TROLL }, text, providerId: `${TROLL_UUID}:${++n}` }, 'outbox');
    w.sms(ASKED, 'STOP');
    signal('JOIN');
    signal('BUDDY 415-555-0177 Jo');
    const r = ref(w.sms(TROLL, 'REPORT 415 fake: a made-up story').reply);
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlockedDiscarded(`#${r}`, 1));
    // The line holds the block for the person: her Signal messages are dropped too.
    expect(signal('AREAS').dropped).toBe('blocked');

    w.sms(ASKED, 'START');

    expect(w.direct(ASKED)).toEqual([]);
  });

  /** A Signal member showing her number (never blocked) invites a number that had texted STOP: the invitation is held. */
  async function heldFromSignal() {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: TROLL_UUID, phone: TROLL }, text, providerId: `${TROLL_UUID}:${++n}` }, 'outbox');
    w.sms(ASKED, 'STOP');
    signal('JOIN');
    signal('BUDDY 415-555-0177 Jo');
    return w;
  }

  it('still goes for a Signal member showing her number who was never blocked', async () => {
    const w = await heldFromSignal();

    w.sms(ASKED, 'START');

    expect(w.direct(ASKED)).toEqual([t.buddyInvite('Jo')]);
  });

  it('keeps no number of its inviter once the invitation is accepted (only a held one needs it)', async () => {
    const w = await heldFromSignal();
    w.sms(ASKED, 'START');
    expect(w.direct(ASKED)).toEqual([t.buddyInvite('Jo')]);

    w.sms(ASKED, 'ACCEPT');

    // Read as whoever seizes the file would, with the key or without: the sealed number is gone.
    expect(w.db.sqlite.prepare('SELECT status, inviter_ct IS NOT NULL AS kept FROM buddies').all()).toEqual([{ status: 'accepted', kept: 0 }]);
  });
});
