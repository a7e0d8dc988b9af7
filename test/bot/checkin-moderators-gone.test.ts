/**
 * Who is told, when the last reachable moderator's identity changes under
 * CHECKIN_FALLBACK=moderators, that her running check-in now reaches no
 * one: only a member with no buddy (one with a buddy is still covered), in
 * discreet words if she chose DISCREET.
 */
import { catalog } from '../../src/bot/catalog';
import { tellIfModeratorsGone } from '../../src/bot/checkin-alone';
import type { Sender } from '../../src/phone/identity';
import { observeModeratorIdentity } from '../../src/store/moderator-identities';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000061' };
const LINE = { fallback: 'moderators' as const, moderatorContacts: [MOD] };
const ROSE = '+14155550101';
const ANN = '+14155550102';
const LILY = '+14155550177';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const t = catalog('en');

async function line(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { ...LINE, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [MOD], moderators: new Set([MOD.address]) });
  observeModeratorIdentity(w.db, w.vault, MOD.address, 'identity-1', false, w.clock.now);
  return w;
}

const changed = (w: BotWorld) => expect(observeModeratorIdentity(w.db, w.vault, MOD.address, 'identity-2', false, w.clock.now)).toBe('changed');
const tell = (w: BotWorld) => w.db.transaction(() => tellIfModeratorsGone(w, LINE, w.clock.now));
const last = (w: BotWorld, who: string) => w.queued(sms(who)).at(-1)?.text;

describe('the last moderator gone under CHECKIN_FALLBACK=moderators', () => {
  it('tells the member with no buddy, not the one whose buddy still covers her', async () => {
    const w = await line();
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'CHECKIN 60 blue car');
    w.sms(ANN, 'JOIN 415');
    w.sms(ANN, `BUDDY ${LILY} Ann`);
    w.sms(LILY, 'ACCEPT');
    w.sms(ANN, 'CHECKIN 60 grey van');
    const annBefore = w.queued(sms(ANN)).length;
    changed(w);
    expect(tell(w)).toBe(true);
    expect(last(w, ROSE)).toBe(t.checkinModeratorsGone());
    expect(w.queued(sms(ANN))).toHaveLength(annBefore);
  });

  it('in discreet words to one who chose DISCREET', async () => {
    const w = await line();
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'DISCREET');
    w.sms(ROSE, 'CHECKIN 60 blue car');
    changed(w);
    expect(tell(w)).toBe(true);
    // "our team", as her deadline's notice says: she never had a contact to lose.
    expect(last(w, ROSE)).toBe(t.discreetModeratorsGone());
  });

  it('tells no one while a moderator can still be reached', async () => {
    const w = await line();
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'CHECKIN 60 blue car');
    expect(tell(w)).toBe(false);
  });
});
