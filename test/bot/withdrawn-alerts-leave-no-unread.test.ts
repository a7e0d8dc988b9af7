/**
 * A discreet member's alert waits for READ (an unread row, written with its
 * notice copy). When LEAVE or STOP withdraws the notice copy, the alert is
 * no longer hers to read: before, the unread row stayed, and READ after
 * JOIN of another area (or on the areas she kept) showed the alert of the
 * area she had left. STOP takes every unread row of the membership, a
 * notice already sent included, and so does coming back after a STOP the
 * carrier reported (by JOIN, or by a CHECKIN, which makes the row send again). Over Signal, her SMS membership that the alert goes to
 * instead gets it as a notice, READ there showing it. Real SQLite file and
 * crypto.
 */
import { catalog } from '../../src/bot/catalog';
import { findMember, setMemberStatus } from '../../src/store/members';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { unsubscribeAll } from '../../src/store/subscriptions';
import type { BotWorld } from '../helpers/bot-world';
import { alert415, ROSA, world } from '../helpers/waiting-alert';

const t = catalog('en');

/** Her notice goes out: the lane claims it and Twilio takes it. */
function noticeSent(w: BotWorld): void {
  const rows = claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
  expect(rows).toHaveLength(1);
  recordOutcomes(w.db, [{ id: rows[0]!.id, kind: 'sent', providerId: 'SMnotice1' }], w.clock.now);
}

describe('an alert copy withdrawn from a discreet member is not left for READ', () => {
  it('STOP, then JOIN of another area: READ has nothing unread', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
    alert415(w);
    expect(w.sms(ROSA, 'STOP').reply).toBe(t.stopped('sms'));
    expect(w.sms(ROSA, 'JOIN 212').reply).toBe(t.joined(['212']));
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('LEAVE 415 keeping 212: READ has nothing unread', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN 415 212').reply).toBe(t.joined(['212', '415']));
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    expect(w.sms(ROSA, 'LEAVE 415').reply).toBe(t.left(['415'], ['212']));
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('LEAVE keeps the unread alert whose notice already went: she was told to READ it', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN 415 212').reply).toBe(t.joined(['212', '415']));
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    noticeSent(w);
    w.sms(ROSA, 'LEAVE 415');
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });

  it('STOP takes a notice already sent too: after JOIN, READ has nothing unread', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    noticeSent(w);
    expect(w.sms(ROSA, 'STOP').reply).toBe(t.stopped('sms'));
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('back after a STOP the carrier reported (21610): READ after JOIN has nothing unread', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    noticeSent(w);
    // What the outcome writer does with a 21610 refusal of a later message to her.
    const rosa = findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!;
    setMemberStatus(w.db, rosa.id, 'stopped');
    unsubscribeAll(w.db, rosa.id);
    expect(w.sms(ROSA, 'JOIN 212').reply).toBe(t.joined(['212']));
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('back after a STOP the carrier reported (21610) by a CHECKIN: READ has nothing unread', async () => {
    const w = await world({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'BUDDY 415-555-0177 Rose');
    expect(w.sms('+14155550177', 'ACCEPT').reply).toBe(t.buddyAccepted());
    w.sms(ROSA, 'DISCREET');
    alert415(w);
    noticeSent(w);
    // What the outcome writer does with a 21610 refusal of a later message to her.
    const rosa = findMember(w.db, w.vault, { channel: 'sms', address: ROSA })!;
    setMemberStatus(w.db, rosa.id, 'stopped');
    unsubscribeAll(w.db, rosa.id);
    // Her CHECKIN makes the row send again (its reminder must reach her), as JOIN does.
    expect(w.sms(ROSA, 'CHECKIN 60 blue Honda').reply).toContain('until');
    expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  });

  it('LEAVE over Signal: READ there has nothing; her SMS membership, which the alert goes to instead, reads it', async () => {
    const w = await world();
    expect(w.signal('JOIN 415 212')).toBe(t.joined(['212', '415']));
    expect(w.signal('DISCREET')).toBe(t.discreetOn('signal'));
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    // The planner gives a person on both channels her copy over Signal, a notice: discreet there.
    alert415(w);
    expect(w.signal('LEAVE 415')).toBe(t.left(['415'], ['212']));
    expect(w.signal('READ')).toBe(t.readNone());
    // One phone: the copy her SMS membership gets is a notice too, and READ there shows the alert.
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });

  it('STOP over Signal: READ there after JOIN has nothing; her SMS membership reads the alert', async () => {
    const w = await world();
    w.signal('JOIN 415');
    w.signal('DISCREET');
    w.sms(ROSA, 'JOIN 415');
    alert415(w);
    expect(w.signal('STOP')).toBe(t.stopped('signal'));
    expect(w.signal('JOIN 212')).toBe(t.joined(['212']));
    expect(w.signal('READ')).toBe(t.readNone());
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });
});
