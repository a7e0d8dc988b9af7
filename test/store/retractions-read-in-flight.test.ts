/**
 * A discreet Signal member who sends READ while her neutral notice is still
 * in flight (claimed by the Signal lane, answered a moment later): her copy
 * is marked to be corrected, not deleted, should the alert be retracted. A
 * deletion would take the notice but leave her READ answer, the alert in
 * full, on her phone with no correction.
 */
import { catalog } from '../../src/bot/catalog';
import { localDate } from '../../src/bot/clock-time';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { followUpRetractions } from '../../src/store/retractions';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('a discreet Signal member who reads an alert while its notice is in flight', () => {
  it('is sent the correction when the alert is retracted', async () => {
    let alertId = 0;
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
    const who: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000009' };
    let n = 0;
    const send = (text: string) => w.bot.handle({ sender: who, text, providerId: `${who.address}:${++n}` });
    send('JOIN 415');
    send('DISCREET');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van 7ABC123, took my phone').reply ?? '')?.[1] ?? '';
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    const day = localDate(w.clock.now);
    // The Signal lane claims her notice (in flight: signal-cli answers in a second or more)...
    const [row] = claimLane(w.db, 'signal', w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
    expect(row).toBeDefined();
    // ...and meanwhile she reads it (an earlier notice told her to): the alert in full in a reply.
    w.clock.now += 1_000;
    expect(send('READ').reply).toContain('grey van 7ABC123');
    // The notice's send then returns, with its timestamp.
    recordOutcomes(w.db, [{ id: row!.id, kind: 'sent', providerId: String(w.clock.now) }], w.clock.now);
    w.clock.now += 60_000;
    w.sms(MOD, `RETRACT ${ref}`);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
    const corrections = w.queued(who).filter((m) => m.text.includes('withdrawn')).map((m) => m.text);
    expect(corrections).toEqual([t.discreetRetracted(['415'], day)]);
  });
});
