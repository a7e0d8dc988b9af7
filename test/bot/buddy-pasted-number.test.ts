/**
 * BUDDY with a number pasted from a contact or a chat app, or typed on another keyboard: direction marks around it
 * (U+202A…U+202C, U+200F), a non-breaking hyphen or an en dash between its groups, fullwidth "＋" and digits,
 * mathematical bold or Arabic-Indic digits. Each was refused with "text BUDDY, their number and the name…",
 * though she had done just that; BUDDY OFF reads such a number too.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550123';
const t = catalog('en');

async function rose(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  w.sms(ROSE, 'JOIN');
  return w;
}

describe('BUDDY with a pasted or other-keyboard number', () => {
  it.each([
    ['copied from WhatsApp', '\u202A+1 (415) 555\u20110123\u202C'],
    ['with a trailing pop-direction mark', '+1 (415) 555-0123\u202C'],
    ['with a right-to-left mark after it', '4155550123\u200F'],
    ['with non-breaking hyphens', '415\u2011555\u20110123'],
    ['with an en dash', '(415) 555\u20130123'],
    ['in fullwidth digits', '４１５-５５５-０１２３'],
    ['with a fullwidth plus', '＋１４１５５５５０１２３'],
    ['in mathematical bold digits', '𝟒𝟏𝟓𝟓𝟓𝟓𝟎𝟏𝟐𝟑'],
    ['in Arabic-Indic digits', '٤١٥٥٥٥٠١٢٣'],
    ['in Devanagari digits', '४१५५५५०१२३'],
  ])('%s asks that number, under the name she gave', async (_how, number) => {
    const w = await rose();
    expect(w.sms(ROSE, `BUDDY ${number} Ana`).reply).toBe(t.buddyAsked('0123'));
    const invitations = w.direct(BUDDY);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toContain('Ana');
  });

  it('BUDDY OFF with the number as WhatsApp copies it removes that buddy', async () => {
    const w = await rose();
    w.sms(ROSE, 'BUDDY 415-555-0123 Ana');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(w.sms(ROSE, 'BUDDY OFF \u202A+1 (415) 555\u20110123\u202C').reply).toBe(t.buddiesRemoved(1));
    expect(w.sms(ROSE, 'BUDDY OFF 415-555-0123').reply).toBe(t.buddiesRemoved(0));
  });
});
