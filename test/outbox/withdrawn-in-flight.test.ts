/**
 * A message withdrawn while its try is at the provider goes once: should
 * that try come back for a retry (a 429, a 5xx, a time-out), the withdrawal
 * holds as it does for a message still waiting. A discreet notice of an
 * alert she has since read with READ; a moderator's notice of a join
 * request closed meanwhile; a missed check-in's escalation to the
 * moderators once its sender is blocked.
 */
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { closeRequest, requestJoin } from '../../src/store/member-requests';
import { ensureMember, findMember, setMemberDiscreet } from '../../src/store/members';
import { linkJoinNotice, withdrawModeratorEscalationsOf } from '../../src/store/moderator-notices';
import { copiesRead, enqueueMessage } from '../../src/store/outbox';
import { markRead } from '../../src/store/unread-alerts';
import { missedCheckin, ROSE } from '../helpers/checkin-escalation';
import { FakeSender, settle } from '../helpers/fake-sender';
import * as world from '../helpers/lane-world';

const { T0 } = world;
const MOD = '+14155550199';

describe('a message withdrawn while its try is at the provider', () => {
  world.useLaneWorld();

  it('is not sent again after a 429: a discreet notice of an alert she read meanwhile', async () => {
    const { db, vault, clock, member } = world;
    setMemberDiscreet(db, member, true);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const sender = new FakeSender([], true);
    const lane = world.startLane(sender);
    await settle();
    expect(sender.calls.map((c) => c.body)).not.toContain(expect.stringContaining('grey van'));
    expect(sender.calls).toHaveLength(1);
    // Her READ (another notice told her to) shows this alert too.
    clock.t += 1_000;
    db.transaction(() => {
      markRead(db, member, [alert]);
      copiesRead(db, member, [alert], clock.t);
    });
    sender.answer(new SendError('throttled', '20429'));
    sender.release();
    await settle();
    await world.later(3_600_000, lane);
    expect(sender.calls).toHaveLength(1);
    expect(world.row(sender.calls[0]!.ref!).state).toBe('delivered');
  });

  it('is not sent again after a 5xx: a notice of a join request closed meanwhile', async () => {
    const { db, vault, clock, member } = world;
    const applicant = ensureMember(db, vault, { channel: 'sms', address: '+14155550123', phone: '+14155550123' }, 'en', T0, 'pending').id;
    const request = requestJoin(db, applicant, ['415'], T0)!;
    linkJoinNotice(db, enqueueMessage(db, vault, member, `Join request #${request.ref} for 415`, T0), request.id);
    const sender = new FakeSender([], true);
    const lane = world.startLane(sender);
    await settle();
    expect(sender.calls).toHaveLength(1);
    clock.t += 1_000;
    db.transaction(() => closeRequest(db, request.id, clock.t));
    sender.answer(new SendError('server', '20500'));
    sender.release();
    await settle();
    await world.later(3_600_000, lane);
    expect(sender.calls).toHaveLength(1);
    expect(world.row(sender.calls[0]!.ref!).state).toBe('failed');
  });
});

describe('a check-in escalation to the moderators in flight when its sender is blocked', () => {
  it('is not sent again after a time-out', async () => {
    const w = await missedCheckin('sms', [], { fallback: 'moderators', moderatorContacts: [{ channel: 'sms', address: MOD }] });
    const log = createLogger('debug', { write: () => undefined });
    const sender = new FakeSender([], true);
    const writer = new OutcomeWriter(w.db, log, () => w.clock.now);
    const lane = world.laneOn({ db: w.db, vault: w.vault, log, now: () => w.clock.now, writer }, sender, { pollMs: 3_600_000 });
    lane.start();
    try {
      await settle();
      const toMod = () => sender.calls.filter((c) => c.to === MOD && c.body.includes('blue Honda'));
      expect(toMod()).toHaveLength(1);
      // A moderator blocks her check-ins' sender while the send is at the provider.
      w.clock.now += 1_000;
      const rose = findMember(w.db, w.vault, { channel: 'sms', address: ROSE })!.id;
      w.db.transaction(() => withdrawModeratorEscalationsOf(w.db, [rose], w.clock.now));
      for (const c of [...sender.calls]) sender.answer(c.body.includes('blue Honda') ? new SendError('connection', 'ETIMEDOUT') : undefined);
      sender.release();
      await settle();
      w.clock.now += 3_600_000;
      lane.wake();
      await settle();
      expect(toMod()).toHaveLength(1);
    } finally {
      await lane.stop();
      writer.flush();
    }
  });
});
