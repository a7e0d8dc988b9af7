/**
 * A buddy asked at her number (by SMS, or over Signal to the number) who
 * answers from a Signal account hiding that number: the line cannot tell
 * which invitations are hers, and must not take her word for a number (a
 * stranger's Signal account could claim any). Her reply must be true: not
 * "no one asked you on Signal", when someone did; it says what she can do
 * (answer by SMS if asked there: the line messaged by number over Signal
 * sees that number), and is the same for everyone hiding their number,
 * whatever waits. It never asks her to show her number to everyone on
 * Signal: every contact and group would see it.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { ROSE, roseAndTwoChannelBuddy } from '../helpers/checkin-escalation';

const BUDDY = '+14155550177';
const UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000181';
const STRANGER_UUID = '7d8e9f0a-1b2c-4d3e-8f4a-000000000182';
const t = catalog('en');
let n = 0;
/** A message from a Signal account that hides its number. */
const hidden = (w: BotWorld, text: string, address = UUID) => w.bot.handle({ sender: { channel: 'signal', address }, text, providerId: `hid-${++n}` }).reply;
const roseList = (w: BotWorld) => w.sms(ROSE, 'BUDDY').reply;

describe('a buddy answering from a Signal account that hides her number', () => {
  it('ACCEPT of an invitation sent over Signal to her number is not told no one asked her on Signal, and is told what to do', async () => {
    const { w } = await roseAndTwoChannelBuddy(BUDDY, UUID);
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    const reply = hidden(w, 'ACCEPT');
    expect(reply).not.toBe(t.buddyNoInviteHere('signal'));
    expect(reply).toBe(t.buddyNumberHidden('accept'));
    // Nothing was accepted on her unproven word.
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });

  it('once her number shows, her ACCEPT over Signal takes the invitation', async () => {
    const { w, signal } = await roseAndTwoChannelBuddy(BUDDY, UUID);
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    hidden(w, 'ACCEPT');
    expect(signal('ACCEPT')).toBe(t.buddyAccepted());
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
  });

  it('DECLINE is answered as truly, and declines nothing', async () => {
    const { w } = await roseAndTwoChannelBuddy(BUDDY, UUID);
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    expect(hidden(w, 'DECLINE')).toBe(t.buddyNumberHidden('decline'));
    expect(roseList(w)).toBe(t.buddyList([{ ending: '0177', status: 'invited' }]));
  });

  it('the reply is the same for a Signal account hiding a number no one asked', async () => {
    const { w } = await roseAndTwoChannelBuddy(BUDDY, UUID);
    w.sms(ROSE, `BUDDY SIGNAL ${BUDDY} Rose`);
    expect(hidden(w, 'ACCEPT', STRANGER_UUID)).toBe(hidden(w, 'ACCEPT'));
  });

  it.each(['en', 'es', 'fr', 'pt'] as const)('says, in %s, to answer by SMS, and never to show her number to everyone', (lang) => {
    const c = catalog(lang);
    for (const r of [c.buddyNumberHidden('accept'), c.buddyNumberHidden('decline')]) {
      expect(r).toMatch(/SMS/);
      // Signal's "Who can see my number: Everyone" shows it to every contact and group she is in.
      expect(r).not.toMatch(/Everyone|Todos|Tout le monde|Who can see|Quien puede|Qui peut|Quem pode|Privacy|Privacidad|Confidentialit|Privacidade/);
    }
    expect(c.buddyNumberHidden('accept')).not.toBe(c.buddyNoInviteHere('signal'));
  });

  it('writes the French with its accents, as the rest of the French catalogue does', () => {
    const fr = catalog('fr');
    expect(fr.buddyNumberHidden('accept')).toContain('numéro est masqué');
    expect(fr.buddyNumberHidden('decline')).toContain("vous l'a demandé");
  });
});
