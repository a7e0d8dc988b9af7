/**
 * A guided report read back names the areas it will go to, also when they
 * are her subscriptions or her number's rather than an answer's: after
 * "Houston St and Broadway" she sees (212), and can go BACK if she meant
 * another area.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const t = catalog('en');

describe('a guided report read back', () => {
  it('names her subscribed area when the "where" answer names none', async () => {
    const w = await botWorld();
    w.sms('+12125550111', 'JOIN 212');
    let review = '';
    for (const a of ['REPORT', '1', 'fri 11pm', 'Houston St and Broadway', 'SKIP', 'SKIP', 'SKIP', 'SKIP']) review = w.sms('+12125550111', a).reply ?? '';
    expect(review).toMatch(/^Your report \(212\): /);
  });

  it("names her number's area when she follows none", async () => {
    const w = await botWorld();
    let review = '';
    for (const a of ['REPORT', '1', 'fri 11pm', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'SKIP']) review = w.sms('+14155550123', a).reply ?? '';
    expect(review).toMatch(/^Your report \(415\): /);
  });

  it('names the areas she gave, as before', async () => {
    const w = await botWorld();
    w.sms('+12125550111', 'JOIN 212');
    let review = '';
    for (const a of ['REPORT', '1', 'fri 11pm', '415 Motel 6', 'SKIP', 'SKIP', 'SKIP', 'SKIP']) review = w.sms('+12125550111', a).reply ?? '';
    expect(review).toMatch(/^Your report \(415\): /);
    expect(review).toContain(t.alertBody({ categories: ['violence'], when: 'fri 11pm', where: 'Motel 6' }).slice(0, 20));
  });
});
