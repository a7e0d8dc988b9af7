/**
 * Under SUBSCRIBE_MODE=approval, a membership waiting for a moderator
 * ('pending') is shown no alert by READ, whatever waits unread for it: its
 * JOIN may be a recycled number's new holder's. READ answers it "nothing
 * unread", as it answers any applicant, so the reply tells no one whether
 * the number had a membership before. Real SQLite file and crypto.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { findMember, setMemberStatus } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const NEW = '+14155550102';
const t = catalog('en');

/** A moderator's alert for 415, its fan-out planned. */
function alert415(w: BotWorld): void {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
}

/** Rosa admitted to 415, discreet, with a 415 alert waiting for her READ. */
async function admittedWithUnread(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), subscribeMode: 'approval' });
  w.sms(ROSA, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6}) join/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toContain('admitted');
  expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
  alert415(w);
  return w;
}

describe('READ from a membership waiting for a moderator', () => {
  it('back after STOP and waiting: READ shows no alert, answered as a new applicant is', async () => {
    const w = await admittedWithUnread();
    w.sms(ROSA, 'STOP');
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    expect(findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.status).toBe('pending');
    expect(w.sms(NEW, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    expect(w.sms(NEW, 'READ').reply).toBe(t.readNone());
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('shows nothing even with an alert waiting unread for it, and marks nothing read', async () => {
    const w = await admittedWithUnread();
    const rosa = findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!;
    // However a membership comes to wait for a moderator with an alert unread, READ is no way to it.
    setMemberStatus(w.db, rosa.id, 'pending');
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
    setMemberStatus(w.db, rosa.id, 'active');
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });
});
