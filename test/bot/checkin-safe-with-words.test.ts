/**
 * SAFE followed by words the duration parser cannot read ("SAFE for 2 hours",
 * "Safe in 90") is no OK: sent to start or extend a check-in while one runs,
 * it would end the running one (details erased, no one told if she then goes
 * missing). She is told how to write the minutes, and her check-in runs on.
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { findMember } from '../../src/store/members';
import { escalatedCheckins, hasCheckin } from '../../src/store/checkins';
import { listAreas } from '../../src/store/subscriptions';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';
import { timers } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** Rose, a member of 415 with an accepted buddy, and her check-in started by `start`. */
async function running(start = 'CHECKIN 60 Mike, grey Civic, Motel 6') {
  const w = await botWorld({ checkins: RULES });
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  w.sms('+14155550177', 'ACCEPT');
  w.sms(ROSE, start);
  const id = findMember(w.db, w.vault, sms(ROSE))?.id as number;
  return { w, id };
}

describe('SAFE with a time the parser does not read, while a check-in runs', () => {
  it.each([['SAFE for 2 hours, client extended'], ['Safe in 90'], ['SEGURA por 2 horas']])('%j does not end the running check-in', async (text) => {
    const { w, id } = await running('SAFE 60 Mike, grey Civic, Motel 6');
    expect(hasCheckin(w.db, id)).toBe(true);
    w.clock.now += 30 * 60_000;
    w.sms(ROSE, text);
    expect(hasCheckin(w.db, id)).toBe(true);
    w.db.close();
  });
});

/**
 * A stop word naming her check-in ("Cancel my check-in") unsubscribed her from every alert: it ends the
 * check-in, as OK does. Opening anything else a stop word is still her STOP ("cancel me").
 */
describe('a stop word opening other words while a check-in runs', () => {

  it.each([['QUIT SENDING ME THIS'], ['cancel me'], ['parar de mandar mensajes'], ['ok stop texting me'], ['okay unsubscribe me']])('%j, a request, is her STOP: unsubscribed, her check-in off', async (text) => {
    const { w, id } = await running();
    expect(w.sms(ROSE, text).reply).toMatch(/^Heads Up: (you're unsubscribed|te diste de baja)/);
    expect(listAreas(w.db, id)).toEqual([]);
    expect(hasCheckin(w.db, id)).toBe(false);
  });

  it.each([['Cancel my check-in'], ['end checkin'], ['STOP check-in'], ['cancelar mi check-in'], ['Cancel my check-in, all good'], ['end check in, I am safe'],
    // After courtesy, OK or asking, as the stop word alone.
    ['ok please stop my checkin'], ['yes please stop my check in'], ['can you stop my check-in'], ['i want to stop the check in'], ['sorry stop my checkin']])('%j ends the check-in, no one told, and keeps her subscribed', async (text) => {
    const { w, id } = await running();
    expect(w.sms(ROSE, text).reply).toBe(catalog('en').checkinCancelled());
    expect(hasCheckin(w.db, id)).toBe(false);
    expect(listAreas(w.db, id)).toEqual(['415']);
  });

  // A number after it: she may have meant LATER 30. Asked, as the reminder asks (OK or LATER 30), nothing changed.
  it.each([['END CHECK IN 30'], ['end checkin 30'], ['cancel my check-in 45 min'], ['terminar check-in 1h']])('%j ends nothing: she is asked OK or LATER', async (text) => {
    const { w, id } = await running();
    w.clock.now += 20 * 60_000;
    const until = catalog('en').checkinEnd(dayTime(w.clock.now + 40 * 60_000, w.clock.now));
    expect(w.sms(ROSE, text).reply).toBe(catalog('en').checkinReminder(until));
    expect(hasCheckin(w.db, id)).toBe(true);
    expect(listAreas(w.db, id)).toEqual(['415']);
    // Her answer does what it says: LATER moves the end on.
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(catalog('en').checkinExtended(catalog('en').checkinEnd(dayTime(w.clock.now + 70 * 60_000, w.clock.now))));
  });

  // Her buddies were told she may be in danger: asking would leave them without word that she is safe.
  it('with an older one escalated, "END CHECK IN 30" ends both, as OK does', async () => {
    const { w, id } = await running();
    w.clock.now += 61 * 60_000;
    expect(timers(w).escalated).toBe(1);
    w.sms(ROSE, 'CHECKIN 60');
    expect(w.sms(ROSE, 'END CHECK IN 30').reply).not.toMatch(/^Heads Up: your check-in ends at /);
    expect(escalatedCheckins(w.db, id)).toEqual([]);
    expect(hasCheckin(w.db, id)).toBe(false);
    expect(listAreas(w.db, id)).toEqual(['415']);
  });

  it('a discreet member is asked as her reminder would: naming no check-in', async () => {
    const { w, id } = await running();
    w.sms(ROSE, 'DISCREET');
    const until = catalog('en').checkinEnd(dayTime(w.clock.now + 60 * 60_000, w.clock.now));
    expect(w.sms(ROSE, 'end check in 30').reply).toBe(catalog('en').discreetReminder(until));
    expect(hasCheckin(w.db, id)).toBe(true);
  });

  it('in the middle of a guided report, a number after it asks too, and the question stays open', async () => {
    const { w, id } = await running();
    w.sms(ROSE, 'REPORT');
    expect(w.sms(ROSE, 'END CHECK IN 30').reply).toMatch(/^Heads Up: your check-in ends at /);
    expect(hasCheckin(w.db, id)).toBe(true);
    expect(w.sms(ROSE, '1').reply).toBe(catalog('en').reportAsk('when'));
  });

  it('"Cancel my check-in" in the middle of a guided report ends the check-in, not the report', async () => {
    const { w, id } = await running();
    w.sms(ROSE, 'REPORT');
    expect(w.sms(ROSE, 'Cancel my check-in').reply).toBe(catalog('en').checkinCancelled());
    expect(hasCheckin(w.db, id)).toBe(false);
    // The report's question is still open: her next answer is taken.
    expect(w.sms(ROSE, '1').reply).toBe(catalog('en').reportAsk('when'));
  });

  it('with no check-in, "Cancel my check-in" says there is none, and "STOP my check-in" is her STOP', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    expect(w.sms(ROSE, 'Cancel my check-in').reply).toBe(catalog('en').checkinNone());
    expect(w.sms(ROSE, 'STOP my check-in').reply).toBe(catalog('en').stopped('sms'));
  });

  it.each([['STOP my check-in'], ['STOP CHECKIN 30']])('with no check-in, %j in the middle of a guided report is her STOP', async (text) => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'REPORT');
    expect(w.sms(ROSE, text).reply).toBe(catalog('en').stopped('sms'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(ROSE))!.id)).toEqual([]);
  });
});
