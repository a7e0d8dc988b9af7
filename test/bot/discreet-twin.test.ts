/**
 * DISCREET for someone on SMS and Signal with the same number (two linked
 * memberships, one phone): what she gets is discreet while either membership
 * asked for it, whichever channel she sent it from. Copies already queued for
 * either membership go as notices, and what she gets unasked (an approval's
 * admission, a retraction's correction) names nothing of the line. (That
 * DISCREET sets its own channel's membership only: discreet-acts-on-its-channel.)
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { followUpRetractions } from '../../src/store/retractions';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('DISCREET from one channel of a person on both', () => {
  it('turns the alert copies already queued for her other membership into notices', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    // The planner chose her Signal membership; she is on her phone and turns discreet on by SMS.
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
    const rows = claimLane(w.db, 'signal', w.clock.now, 10, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
    expect(rows).toHaveLength(1);
    // As if she had turned discreet on before the alert: the planner would have made this copy a notice.
    expect(rows[0]!.discreet).toBe(1);
  });

  it('admits her SMS membership (approval) with the plain notice when she is discreet on Signal', async () => {
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    const ref = () => /#([A-Z0-9]{4,6}) join/.exec(w.sms(MOD, 'PENDING').reply ?? '')![1]!;
    signal('JOIN 415');
    w.sms(MOD, `APPROVE ${ref()}`);
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    w.sms(ROSA, 'JOIN 415');
    w.sms(MOD, `APPROVE ${ref()}`);
    // Sent unasked, to the phone whose lock screen she made discreet: as plain as a notice.
    expect(w.queued(sms(ROSA)).map((m) => m.text)).toEqual([t.discreetAdmitted(['415'])]);
  });

  it('corrects a retracted alert she got as a notice (discreet on Signal) with a correction as plain as the notice', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    signal('JOIN 212');
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    w.sms(ROSA, 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms('+14155550142', 'REPORT 415 grey van, knife').reply ?? '')![1]!;
    w.sms(MOD, `APPROVE ${ref}`);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    // Her SMS membership gets it, as a notice (her Signal membership is discreet): sent.
    const rows = claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
    expect(rows.map((r) => r.discreet)).toEqual([1]);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent', provider_id = 'SM1', lease_until = 0 WHERE id = ?").run(rows[0]!.id);
    const before = w.queued(sms(ROSA)).length;
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toContain('retracted');
    followUpRetractions(w.db, w.vault, w.clock.now, 100);
    const sent = w.queued(sms(ROSA)).slice(before).map((m) => m.text);
    expect(sent).toHaveLength(1);
    // Unasked, on her lock screen: the discreet form names nothing of the line.
    expect(sent[0]).toBe(t.discreetRetracted(['415'], dayTime(w.clock.now, w.clock.now)));
  });

  it('turns a queued copy into a notice on the membership she sent it from too', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123');
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    w.sms(ROSA, 'DISCREET');
    const rows = claimLane(w.db, 'sms', w.clock.now, 10, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
    expect(rows[0]!.discreet).toBe(1);
  });
});
