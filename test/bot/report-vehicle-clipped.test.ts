/**
 * A guided report clipped to its last budgets (only what happened and the
 * contact) showed its vehicle as "undefined, 7ABC123": clipVehicle joined
 * the plates the clipping lost to the cut clipTo gave as undefined. A
 * non-GSM letter with no plain form to fold to (Łukasz) and a few categories
 * are enough: the alert goes to UCS-2 and the budgets run down to 0.
 * Moderators were shown it (notice, SHOW) and APPROVE sent it to everyone.
 */
import { fitFields } from '../../src/alerts/report-template';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a guided report whose alert is clipped hard', () => {
  it('never shows its vehicle as "undefined" to the moderators (SHOW, and so APPROVE)', async () => {
    const w = await world();
    const answers = [
      'REPORT',
      '1 2 3 5',
      'Friday night around 11pm',
      '415 Motel 6 on Lombard Street',
      'Łukasz, tall, beard, said he’s a cop',
      'grey Honda Civic plate 7ABC123',
      'texted from 415-555-0177, email rick@example.com',
      'SKIP',
    ];
    for (const a of answers) say(w, REPORTER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] as string;
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain('Vehicle: 7ABC123.');
    expect(shown).not.toContain('undefined');
  });

  it('fitFields keeps a lost plate alone, without a word before it', () => {
    const fitted = fitFields(['415'], {
      categories: ['violence', 'sexual-assault', 'robbery', 'condom', 'threats', 'harassment', 'time-waster', 'no-show', 'other'],
      // A letter outside GSM-7 (an emoji no longer counts: it is dropped) makes the alert UCS-2.
      person: 'Яков, tall, beard',
      when: 'Friday night 11pm',
      where: 'Motel 6 on Lombard street',
      vehicle: 'grey Honda Civic plate 7ABC123',
      contact: 'rick@example.com',
    });
    expect(fitted.vehicle).toBe('7ABC123');
  });
});
