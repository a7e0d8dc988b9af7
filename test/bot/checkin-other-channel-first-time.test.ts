/**
 * OK (and SAFE alone), LATER and CHECKIN from her other channel when she has no membership there yet
 * (Signal on the motel wifi for a check-in started by SMS): she is one person
 * on one phone, as for blocks and limits; "no check-in running" let her buddies
 * be told she may be in danger.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const ROSE_UUID = '2c3d4e5f-6a7b-4c8d-9e0f-000000000100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const roseSignal: Sender = { channel: 'signal', address: ROSE_UUID, phone: ROSE };

describe('a person on both channels, with no membership yet on the one she writes from', () => {
  it('OK over Signal (number shown) ends the check-in she started by SMS, though she never used Signal before', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    expect(w.sms(ROSE, 'CHECKIN 30 blue Honda').reply).toContain('check-in until');
    w.clock.now = start + 20 * MIN;
    // No SMS signal in the motel; Signal over its wifi, from the same phone and number.
    const r = w.bot.handle({ sender: roseSignal, text: 'OK', providerId: 'sig-1' });
    expect(r.reply).toBe(catalog('en').checkinOk());
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(0);
  });

  it('OK by SMS ends the check-in she started over Signal (number shown), though she never texted by SMS before', async () => {
    const w = await botWorld({ checkins: RULES });
    const signal = (text: string, id: string) => w.bot.handle({ sender: roseSignal, text, providerId: id }).reply;
    signal('JOIN 415', 's1');
    signal('BUDDY 415-555-0177 Rose', 's2');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    expect(signal('CHECKIN 30 blue Honda', 's3')).toContain('check-in until');
    w.clock.now = start + 20 * MIN;
    // No data in the motel: she texts OK by SMS from the same phone.
    expect(w.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinOk());
  });

  it('SAFE over Signal (number shown) ends the check-in she started by SMS, as OK does: her buddy is not told', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now = start + 20 * MIN;
    const r = w.bot.handle({ sender: roseSignal, text: 'SAFE', providerId: 'sig-safe' });
    expect(r.reply).toBe(catalog('en').checkinOk());
    w.clock.now = start + 31 * MIN;
    expect(runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated).toBe(0);
    expect(w.direct(BUDDY).some((m) => m.includes('blue Honda'))).toBe(false);
  });

  it('SEGURA by SMS ends the check-in she started over Signal (number shown), though she never texted by SMS before', async () => {
    const w = await botWorld({ checkins: RULES });
    const signal = (text: string, id: string) => w.bot.handle({ sender: roseSignal, text, providerId: id }).reply;
    signal('JOIN 415', 's1');
    signal('BUDDY 415-555-0177 Rose', 's2');
    w.sms(BUDDY, 'ACCEPT');
    signal('CHECKIN 30 blue Honda', 's3');
    // SEGURA is Spanish and Portuguese alike: it sets no language.
    expect(w.sms(ROSE, 'SEGURA').reply).toBe(catalog('en').checkinOk());
  });

  it('CHECKIN over Signal (number shown) sees the buddies she asked by SMS, though she never used Signal before', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const r = w.bot.handle({ sender: roseSignal, text: 'CHECKIN 30 blue Honda', providerId: 'sig-2' });
    expect(r.reply).not.toBe(catalog('en').checkinNeedsBuddy());
  });

  describe('her buddies, from the channel she has no membership on yet', () => {
    const BUDDY2 = '+14155550178';
    const BUDDY3 = '+14155550179';
    const BUDDY4 = '+14155550180';
    /** Rose by SMS with one accepted buddy (BUDDY), and a way to write over Signal showing her number. */
    async function roseBySms() {
      const w = await botWorld({ checkins: RULES });
      let n = 0;
      const signal = (text: string) => w.bot.handle({ sender: roseSignal, text, providerId: `sig-b${++n}` }).reply;
      w.sms(ROSE, 'JOIN 415');
      w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
      w.sms(BUDDY, 'ACCEPT');
      return { w, signal };
    }

    it('BUDDY over Signal lists the buddy she asked by SMS', async () => {
      const { signal } = await roseBySms();
      expect(signal('BUDDY')).toBe(catalog('en').buddyList([{ ending: '0177', status: 'accepted' }]));
    });

    it('BUDDY OFF over Signal removes the buddy she asked by SMS: told so, and her next check-in tells them nothing', async () => {
      const { w, signal } = await roseBySms();
      expect(signal('BUDDY OFF')).toBe(catalog('en').buddiesRemoved(1));
      expect(w.direct(BUDDY)).toContain(catalog('en').buddyDropped('Rose'));
      expect(signal('BUDDY')).toBe(catalog('en').buddyNone());
      expect(signal('CHECKIN 30 at the Motel 6, room 12')).toBe(catalog('en').checkinNeedsBuddy());
      w.clock.now += 31 * MIN;
      runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
      expect(w.direct(BUDDY).some((m) => m.includes('Motel 6'))).toBe(false);
    });

    it('BUDDY OFF and the number over Signal removes that buddy she asked by SMS, and only that one', async () => {
      const { w, signal } = await roseBySms();
      w.sms(ROSE, 'BUDDY 415-555-0178 Rose');
      w.sms(BUDDY2, 'ACCEPT');
      expect(signal('BUDDY OFF 415-555-0177')).toBe(catalog('en').buddiesRemoved(1));
      expect(signal('BUDDY')).toBe(catalog('en').buddyList([{ ending: '0178', status: 'accepted' }]));
    });

    it('BUDDY OFF by SMS removes the buddy she asked over Signal (number shown), as a check-in by SMS would tell them', async () => {
      const w = await botWorld({ checkins: RULES });
      const signal = (text: string, id: string) => w.bot.handle({ sender: roseSignal, text, providerId: id }).reply;
      signal('JOIN 415', 's1');
      signal('BUDDY 415-555-0177 Rose', 's2');
      w.sms(BUDDY, 'ACCEPT');
      expect(w.sms(ROSE, 'BUDDY OFF').reply).toBe(catalog('en').buddiesRemoved(1));
      expect(signal('BUDDY', 's3')).toBe(catalog('en').buddyNone());
    });

    it('BUDDY over Signal for a number she asked by SMS is already asked, not a second invitation', async () => {
      const { w, signal } = await roseBySms();
      expect(signal('BUDDY 415-555-0177 Rosie')).toBe(catalog('en').buddyAlreadyAsked('0177'));
      expect(w.direct(BUDDY).filter((m) => m.includes('Rosie'))).toEqual([]);
    });

    it('BUDDY over Signal counts the buddies she asked by SMS towards the three', async () => {
      const { w, signal } = await roseBySms();
      w.sms(ROSE, 'BUDDY 415-555-0178 Rose');
      w.sms(ROSE, 'BUDDY 415-555-0179 Rose');
      expect(signal('BUDDY 415-555-0180 Rose')).toBe(catalog('en').buddyLimit(3));
      expect(w.direct(BUDDY4)).toEqual([]);
      expect(w.direct(BUDDY3)).toHaveLength(1);
    });
  });

  describe('under SUBSCRIBE_MODE=approval, admitted on her other channel', () => {
    const MOD = '+14155550199';
    /** Rose by SMS, admitted by a moderator if `admit`, with one accepted buddy. */
    async function approvalLine(admit: boolean) {
      const mod: Sender = { channel: 'sms', address: MOD, phone: MOD };
      const w = await botWorld({ checkins: RULES, subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [mod] });
      let n = 0;
      const signal = (text: string) => w.bot.handle({ sender: roseSignal, text, providerId: `sig-a${++n}` }).reply;
      w.sms(ROSE, 'JOIN 415');
      if (admit) {
        const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];
        w.sms(MOD, `APPROVE ${ref}`);
        w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
        w.sms(BUDDY, 'ACCEPT');
      }
      return { w, signal };
    }

    it('CHECKIN over Signal starts her check-in, and again after it: she is no applicant there', async () => {
      const { w, signal } = await approvalLine(true);
      expect(signal('CHECKIN 30 blue Honda')).toContain('check-in until');
      expect(signal('CHECKIN 45 grey Civic')).toContain('check-in until');
      w.clock.now += 46 * MIN;
      runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now);
      expect(w.direct(BUDDY).filter((m) => m.includes('grey Civic'))).toHaveLength(1);
    });

    it('BUDDY over Signal asks someone', async () => {
      const { w, signal } = await approvalLine(true);
      expect(signal('BUDDY 415-555-0178 Rose')).toBe(catalog('en').buddyAsked('0178'));
      expect(w.direct('+14155550178')).toHaveLength(1);
    });

    it('one still waiting for admission by SMS is refused over Signal as by SMS, and no one is texted', async () => {
      const { w, signal } = await approvalLine(false);
      expect(signal('BUDDY 415-555-0177 Rose')).toBe(catalog('en').membersOnly());
      expect(signal('CHECKIN 30 blue Honda')).toBe(catalog('en').membersOnly());
      expect(w.direct(BUDDY)).toEqual([]);
    });
  });
});
