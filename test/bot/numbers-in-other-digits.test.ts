/**
 * Numbers after a keyword typed in her keyboard's digits (Arabic-Indic ٤١٥, Devanagari ४१५) are read as the
 * same numbers in ASCII: "REPORT ٤١٥ he hit me at the motel" from a member of 212 was filed for 212 (the warning
 * would not have reached 415), bare "REPORT ٤١٥" filed a report saying "٤١٥", "PENDING ٢" gave page 1 and
 * "END CHECK IN ٣٠" ended the check-in without asking. Her report's text is kept as she wrote it. Found by the
 * unicode hunt. Real SQLite and crypto, through the bot.
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime } from '../../src/bot/clock-time';
import type { Sender } from '../../src/phone/identity';
import { hasCheckin } from '../../src/store/checkins';
import { findMember } from '../../src/store/members';
import { findReport } from '../../src/store/reports';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const HER = '+12125550150';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function world(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  w.sms(HER, 'JOIN 212');
  return w;
}

const reportOf = (w: BotWorld, reply: string | null | undefined) => {
  const report = findReport(w.db, w.vault, /#([A-Z0-9]{4,6})/.exec(reply ?? '')?.[1] ?? 'none');
  return { npas: report?.npas, text: report?.text };
};

describe('REPORT with its area in other digits', () => {
  it.each([['٤١٥'], ['४१५'], ['4١5']])('"REPORT %s he hit me at the motel" is filed for 415, the text as written', async (area) => {
    const w = await world();
    expect(reportOf(w, w.sms(HER, `REPORT ${area} he hit me at the motel`).reply)).toEqual({ npas: ['415'], text: 'he hit me at the motel' });
  });

  it('"REPORT ٤١٥" alone starts the guided report, as "REPORT 415" does', async () => {
    const ascii = await world();
    const w = await world();
    expect(w.sms(HER, 'REPORT ٤١٥').reply).toBe(ascii.sms(HER, 'REPORT 415').reply);
    expect(w.queued(sms(MOD))).toEqual([]);
  });

  it('a phone number in other digits leading the text is still text, not areas', async () => {
    const w = await world();
    expect(reportOf(w, w.sms(HER, 'REPORT ४१५ ५५५ ०१७७ hit me').reply)).toEqual({ npas: ['212'], text: '४१५ ५५५ ०१७७ hit me' });
  });
});

describe('JOIN and LEAVE with areas in other digits', () => {
  it('joins and leaves 415 typed in Devanagari and Arabic-Indic digits', async () => {
    const w = await world();
    w.sms(HER, 'JOIN ४१५');
    const id = findMember(w.db, w.vault, sms(HER))?.id as number;
    expect(listAreas(w.db, id)).toEqual(['212', '415']);
    w.sms(HER, 'LEAVE ٢١٢');
    expect(listAreas(w.db, id)).toEqual(['415']);
  });
});

describe('PENDING with its page in other digits', () => {
  it('"PENDING ٢" and "PENDING २" show page 2, as "PENDING 2" does', async () => {
    const w = await world();
    for (let i = 0; i < 40; i++) {
      const reporter = `+1415555${String(1000 + i)}`;
      w.sms(reporter, 'JOIN');
      w.sms(reporter, `REPORT 415 bad guy number ${i} hit me`);
    }
    const second = w.sms(MOD, 'PENDING 2').reply;
    expect(second).not.toBe(w.sms(MOD, 'PENDING').reply);
    expect([w.sms(MOD, 'PENDING ٢').reply, w.sms(MOD, 'PENDING २').reply]).toEqual([second, second]);
  });
});

describe('END CHECK IN with minutes in other digits', () => {
  it('"END CHECK IN ٣٠" ends nothing: she is asked OK or LATER, as with 30', async () => {
    const w = await world();
    w.sms(HER, 'BUDDY 212-555-0177 Rose');
    w.sms('+12125550177', 'ACCEPT');
    w.sms(HER, 'CHECKIN 60');
    const id = findMember(w.db, w.vault, sms(HER))?.id as number;
    w.clock.now += 20 * 60_000;
    const until = catalog('en').checkinEnd(dayTime(w.clock.now + 40 * 60_000, w.clock.now));
    expect(w.sms(HER, 'END CHECK IN ٣٠').reply).toBe(catalog('en').checkinReminder(until));
    expect(hasCheckin(w.db, id)).toBe(true);
  });
});
