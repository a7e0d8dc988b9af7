/**
 * The join question ("which area?") asked again after an answer that names
 * no area waits its hour from then: re-asked at minute 59, the right answer
 * at minute 61 completes the join (a report draft's time runs from its last
 * answer too).
 */
import { catalog } from '../../src/bot/catalog';
import { CONVERSATION_MS } from '../../src/bot/dialogues';
import { botWorld } from '../helpers/bot-world';

const PARIS = '+33612345678';

describe('the join question asked again', () => {
  it('waits for the answer to the question it just asked again', async () => {
    const w = await botWorld();
    expect(w.sms(PARIS, 'JOIN').reply).toContain('which area code');
    w.clock.now += CONVERSATION_MS - 60_000;
    expect(w.sms(PARIS, 'nowhere').reply).toContain('"nowhere"');
    w.clock.now += 2 * 60_000;
    expect(w.sms(PARIS, '415').reply).toContain('alerts for 415');
    expect(w.sms(PARIS, 'AREAS').reply).toBe(catalog('en').areas(['415']));
  });

  it('and after an empty answer, asked again, the same', async () => {
    const w = await botWorld();
    w.sms(PARIS, 'JOIN');
    w.clock.now += CONVERSATION_MS - 60_000;
    expect(w.sms(PARIS, 'JOIN').reply).toContain('which area code');
    w.clock.now += 2 * 60_000;
    expect(w.sms(PARIS, '415').reply).toContain('alerts for 415');
  });
});
