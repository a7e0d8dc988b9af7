/**
 * SPEC: anything else gets a short hint at most once per sender per hour,
 * "so that auto-replies cannot loop". A sender with no area who texted JOIN
 * and whose phone answers every text with an auto-reply was asked again for
 * each one, each re-ask answered by the auto-reply: up to the message limit
 * (60 an hour) of paid replies. The join question now takes two answers that
 * name no area: the first is asked again, the second ends it and gets the
 * hour's hint.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import { findProjectDir } from '../../src/store/find-up';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const AWAY = '+447911100020'; // a UK mobile: no area of its own
const AUTO_REPLY = "I'm away until Monday, I'll get back to you then.";

async function ukWorld(): Promise<BotWorld> {
  return botWorld({ regions: Regions.forLine(path.join(findProjectDir('config'), 'areas.uk.example.json'), 'GB') });
}

describe('the join question and an auto-reply', () => {
  it('answers an auto-reply loop no more than twice', async () => {
    const w = await ukWorld();
    expect(w.sms(AWAY, 'JOIN').reply).toMatch(/which area/);
    let answered = 0;
    for (let i = 0; i < 10; i++) if (w.sms(AWAY, AUTO_REPLY).reply !== null) answered++;
    expect(answered).toBe(2);
  });

  it('asks again after one answer that names no area, and the next one completes the join', async () => {
    const w = await ukWorld();
    w.sms(AWAY, 'JOIN');
    expect(w.sms(AWAY, 'Londn').reply).toMatch(/isn't one of our areas/);
    expect(w.sms(AWAY, 'LDN').reply).toBe(catalog('en').joined(['LDN']));
  });

  it('ends after the second, answered with the hint; JOIN with the area still joins', async () => {
    const w = await ukWorld();
    w.sms(AWAY, 'JOIN');
    w.sms(AWAY, AUTO_REPLY);
    expect(w.sms(AWAY, AUTO_REPLY).reply).toBe(catalog('en').hint());
    // Told the JOIN that does it (no auto-reply sends an area code): no longer silence.
    expect(w.sms(AWAY, 'LDN').reply).toBe(catalog('en').joinWith(['LDN']));
    expect(w.sms(AWAY, 'JOIN LDN').reply).toBe(catalog('en').joined(['LDN']));
  });
});
