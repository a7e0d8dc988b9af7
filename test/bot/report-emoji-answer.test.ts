/**
 * An emoji in one guided answer (or a letter outside GSM-7) must not cost the
 * alert its other answers, nor hide from the reporter the identifiers she typed.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const ANSWERS = ['REPORT', '1 3', 'last night 11pm', '415 Motel 6 Lombard', 'tall 😡 beard, says Rick', 'grey van plate 7ABC123', '415-555-0177 @ricky_sf rick@example.com', 'SKIP'];

describe('an emoji in the "person" answer', () => {
  it('leaves the alert every answer, and CHECK finds the email it shows', async () => {
    const w = await world();
    for (const a of ANSWERS) say(w, REPORTER, a);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? '';
    const shown = say(w, MOD, `SHOW ${ref}`);
    expect(shown).toContain(
      "(415): violence, robbery or didn't pay. When: last night 11pm. Where: Motel 6 Lombard. Person: tall beard, says Rick. Vehicle: grey van plate 7ABC123. Contact: +14155550177, @ricky_sf, rick@example.com.",
    );
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, 'CHECK rick@example.com')).toMatch(/in 1 alert/);
  });
});
