/**
 * ALERT NPA ... text: a number after the areas that is no area of the line
 * ("ALERT 415 100 dollars short, grey van") was refused as an unknown area
 * "100", where REPORT reads the same words as the start of its text. First,
 * a number that is no area is still a mistyped one: an alert has no areas
 * to fall back to.
 */
import { catalog } from '../../src/bot/catalog';
import { alertByRef, countAlerts, openAlert } from '../../src/store/alerts';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a moderator ALERT whose text starts with a number that is no area', () => {
  it('goes out with the number in its text, as a REPORT of the same words is filed', async () => {
    const w = await world();
    expect(say(w, REPORTER, 'REPORT 415 100 dollars short, grey van')).toMatch(/^Heads Up: thank you\. Report #/);
    const reply = say(w, MOD, 'ALERT 415 100 dollars short, grey van');
    expect(reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to 415\./);
    const sent = alertByRef(w.db, /#([A-Z0-9]{4,6})/.exec(reply)?.[1] as string);
    expect(openAlert(w.db, w.vault, sent?.alertId as number)).toMatchObject({ npas: ['415'], body: { text: '100 dollars short, grey van' } });
  });

  it('still refuses a mistyped area first, and sends nothing with no text', async () => {
    const w = await world();
    expect(say(w, MOD, 'ALERT 451 grey van, aggressive')).toBe(t.unknownArea('451'));
    expect(say(w, MOD, 'ALERT 415 451')).toBe(t.modNeedsText());
    expect(countAlerts(w.db)).toBe(0);
  });
});
