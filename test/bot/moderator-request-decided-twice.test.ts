/**
 * A join request another moderator already decided: REJECT, BLOCK or APPROVE
 * of its reference say so, as they do of a report, not "no pending item" as
 * if she mistyped it. One its applicant withdrew is simply not pending.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const MOD2 = '+14155550198';
const APPLICANT = '+14155550111';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const t = catalog('en');
const DAY = 86_400_000;

async function requested(): Promise<{ w: BotWorld; ref: string }> {
  const w = await botWorld({ moderators: new Set([MOD, MOD2]), moderatorContacts: [sms(MOD), sms(MOD2)], subscribeMode: 'approval' });
  w.sms(APPLICANT, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.queued(sms(MOD2))[0]?.text ?? '')?.[1] as string;
  return { w, ref };
}

describe('a join request decided by another moderator', () => {
  it.each(['REJECT', 'BLOCK', 'APPROVE'])('after APPROVE, %s says it was already decided and changes nothing', async (cmd) => {
    const { w, ref } = await requested();
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modAdmitted(`#${ref}`));
    expect(w.sms(MOD2, `${cmd} ${ref}`).reply).toBe(t.modAlreadyDecided(`#${ref}`));
    expect(w.sms(APPLICANT, 'AREAS').reply).toBe(t.areas(['415']));
  });

  it('after REJECT, APPROVE says it was already decided and admits no one', async () => {
    const { w, ref } = await requested();
    expect(w.sms(MOD, `REJECT ${ref}`).reply).toBe(t.modRejected(`#${ref}`));
    expect(w.sms(MOD2, `APPROVE ${ref}`).reply).toBe(t.modAlreadyDecided(`#${ref}`));
    expect(w.sms(APPLICANT, 'AREAS').reply).toBe(t.notMember());
  });

  it('a week on, is no pending item: the reference is remembered a week, not for ever', async () => {
    const { w, ref } = await requested();
    w.sms(MOD, `APPROVE ${ref}`);
    w.clock.now += 6 * DAY;
    expect(w.sms(MOD2, `REJECT ${ref}`).reply).toBe(t.modAlreadyDecided(`#${ref}`));
    w.clock.now += 2 * DAY;
    expect(w.sms(MOD2, `REJECT ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
  });

  it('is forgotten by retention a week on, on a line where no other request is decided', async () => {
    const { w, ref } = await requested();
    w.sms(MOD, `REJECT ${ref}`);
    const kept = () => w.db.sqlite.prepare('SELECT count(*) AS n FROM decided_requests').get();
    expect(runRetention(w.db, 90, w.clock.now + 6 * DAY).decidedRequests).toBe(0);
    expect(kept()).toEqual({ n: 1 });
    expect(runRetention(w.db, 90, w.clock.now + 8 * DAY).decidedRequests).toBe(1);
    expect(kept()).toEqual({ n: 0 });
  });

  it('one its applicant withdrew with STOP is no pending item', async () => {
    const { w, ref } = await requested();
    w.sms(APPLICANT, 'STOP');
    expect(w.sms(MOD2, `REJECT ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
  });
});
