/**
 * Sends refused because the number is invalid (Twilio 21211, Signal
 * "unregistered": she may be reinstalling), through one outbox lane
 * (test/helpers/lane-world.ts): each message fails for good, her membership
 * is marked invalid only at the third in a row and a day or more after the
 * first, areas kept; a message Signal takes starts the count again.
 */
import { SendError } from '../../src/channels/types';
import { countInvalid } from '../../src/store/invalid-streak';
import { deleteMember, ensureMember, memberStatus as statusOf } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, later, member, memberStatus, row, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

class SignalSender extends FakeSender {
  override readonly channel = 'signal' as const;
}

const UNREGISTERED = () => new SendError('invalid', 'unregistered');

describe('an outbox lane refused an invalid number', () => {
  useLaneWorld();

  it('fails each message for good, and marks her invalid only at the third refusal in a row, her areas kept', async () => {
    const s = new FakeSender([new SendError('invalid', '21211'), new SendError('invalid', '21211')]);
    const l = startLane(s);
    /** One message queued and tried, 13 hours after the last, as alerts come one after another. */
    const next = async (text: string) => {
      const id = enqueueMessage(db, vault, member, text, T0);
      await later(13 * HOUR, l);
      return id;
    };
    const refused = [await next('message 1'), await next('message 2')];
    expect(refused.map((id) => row(id))).toMatchObject([
      { state: 'failed', error: 'invalid:21211', attempts: 1 },
      { state: 'failed', error: 'invalid:21211', attempts: 1 },
    ]);
    expect(memberStatus()).toBe('active');
    // Two refusals: the third message still goes to her.
    expect(row(await next('message 3')).state).toBe('sent');
    // Twilio taking an SMS is no proof it reached her (its delivery report is): the next refusal is the third in a row.
    s.script.push(new SendError('invalid', '21211'));
    await next('message 4');
    expect(memberStatus()).toBe('invalid');
    expect(listAreas(db, member)).toEqual(['415']);
    // Marked: the next message is not sent.
    expect(row(await next('message 5'))).toMatchObject({ state: 'failed', error: 'recipient_invalid' });
    expect(s.calls).toHaveLength(4);
  });

  it('over Signal, starts the count again at a message Signal took, and marks her at three unregistered in a row', async () => {
    const uuid = 'c0ffee00-0000-4000-8000-000000000001';
    const her = ensureMember(db, vault, { channel: 'signal', address: uuid }, 'en', T0).id;
    subscribe(db, her, ['415'], T0);
    const s = new SignalSender([UNREGISTERED(), UNREGISTERED(), { providerId: '1700000000001' }, UNREGISTERED(), UNREGISTERED()]);
    const l = startLane(s);
    for (let i = 1; i <= 5; i++) {
      enqueueMessage(db, vault, her, `message ${i}`, T0);
      await later(13 * HOUR, l);
    }
    expect(s.calls).toHaveLength(5);
    expect(statusOf(db, her)).toBe('active');
    s.script.push(UNREGISTERED());
    enqueueMessage(db, vault, her, 'message 6', T0);
    await later(13 * HOUR, l);
    expect(statusOf(db, her)).toBe('invalid');
    expect(listAreas(db, her)).toEqual(['415']);
  });

  it('over Signal, does not mark her for refusals within a day (a reinstall), however many', async () => {
    const uuid = 'c0ffee00-0000-4000-8000-000000000002';
    const her = ensureMember(db, vault, { channel: 'signal', address: uuid }, 'en', T0).id;
    const s = new SignalSender(Array.from({ length: 6 }, UNREGISTERED));
    const l = startLane(s);
    for (let i = 1; i <= 6; i++) {
      enqueueMessage(db, vault, her, `message ${i}`, T0);
      await later(4 * HOUR, l);
    }
    expect(s.calls).toHaveLength(6);
    expect(statusOf(db, her)).toBe('active');
  });

  it('does not count a refusal answered after its member was erased against the next member given her id', async () => {
    enqueueMessage(db, vault, member, 'message', T0);
    const s = new FakeSender([], true);
    startLane(s);
    await settle();
    expect(s.calls).toHaveLength(1);
    // While the send is at the provider she sends DELETE, and a newcomer gets her id (ids are reused) with two refusals counted.
    deleteMember(db, member);
    const next = ensureMember(db, vault, { channel: 'sms', address: '+14155550177', phone: '+14155550177' }, 'en', T0).id;
    expect(next).toBe(member);
    countInvalid(db, next, T0);
    countInvalid(db, next, T0);
    // A day on: the refusal would be the third, a day after the first.
    clock.t += 25 * HOUR;
    s.answer(new SendError('invalid', '21211'));
    await settle();
    expect(statusOf(db, next)).toBe('active');
  });
});
