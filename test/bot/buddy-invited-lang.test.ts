/**
 * Someone asked to be a buddy, with no membership on the channel the invitation went by, is answered in the
 * language the invitation went in, and what they send that the line does not understand is told how to answer
 * it. They were answered in English, and sent to HELP, which lists a member's commands, not ACCEPT or DECLINE.
 * Found by a conformance hunt of language journeys.
 */
import { catalog } from '../../src/bot/catalog';
import type { Lang } from '../../src/domain/lang';
import type { CheckinRules } from '../../src/bot/line-rules';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const ASKS: Array<[Lang, string, string, string]> = [
  ['es', 'UNIRSE 415', 'AMIGA 415-555-0177 Rosa', 'ACEPTAR'],
  ['fr', 'REJOINDRE 415', 'BINOME 415-555-0177 Rosa', 'ACCEPTER'],
  ['pt', 'ENTRAR 415', 'PARCEIRA 415-555-0177 Rosa', 'ACEITAR'],
];

describe('someone asked to be a buddy, before they answer', () => {
  it.each(ASKS)('is told in %s how to answer, once an hour', async (lang, join, ask, accept) => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, join);
    w.sms(ROSE, ask);
    expect(w.direct(BUDDY).join(' ')).toContain(accept);
    expect(w.sms(BUDDY, 'hola?').reply).toBe(catalog(lang).buddyAnswerHint());
    // The hint's bound holds (auto-replies cannot loop).
    expect(w.sms(BUDDY, 'qui?').reply).toBeNull();
    expect(w.sms(BUDDY, accept).reply).toBe(catalog(lang).buddyAccepted());
  });

  it('is told in English when the one who asked writes English', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rosa');
    expect(w.sms(BUDDY, 'who is this?').reply).toBe(catalog('en').buddyAnswerHint());
  });

  it('once they accepted, gets the usual hint in the language of the invitation', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'UNIRSE 415');
    w.sms(ROSE, 'AMIGA 415-555-0177 Rosa');
    w.sms(BUDDY, 'ACEPTAR');
    expect(w.sms(BUDDY, 'hola?').reply).toBe(catalog('es').hint());
  });
});
