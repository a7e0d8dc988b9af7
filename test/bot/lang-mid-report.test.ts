/**
 * A member switches language in the middle of a guided report
 * (SPEC: replies come in the language she last used, or chose with LANG).
 * "ESPAÑOL" is taken for the answer to "When?" (it goes into the alert),
 * the next question comes in Spanish, and the one after back in English.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';

const ROSA = '+14155550171';

describe('LANG in the middle of a guided report', () => {
  it('keeps answering in the language she chose', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    expect(w.sms(ROSA, '1').reply).toBe(catalog('en').reportAsk('when'));
    // ESPAÑOL is read as the answer to "When?" (README: anything else is the answer); the next question is Spanish…
    expect(w.sms(ROSA, 'ESPAÑOL').reply).toBe(catalog('es').reportAsk('where'));
    // …and so must the one after it be: she chose Spanish and has not chosen again.
    expect(w.sms(ROSA, '415 Motel 6').reply).toBe(catalog('es').reportAsk('person'));
  });
});
